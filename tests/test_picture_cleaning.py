"""A stored original is the picture alone: upright, encoded again, with its colour profile and
nothing else (no EXIF or GPS, no text chunks, no bytes after the image data); and a very large
picture's renditions are made from one decoding, shrunk while it is read."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, ImageCms, PngImagePlugin

from clusterportal.models import Picture
from clusterportal.pictures import images
from tests.picture_files import media_path

pytestmark = pytest.mark.django_db

SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def two_halves(size=(400, 200)) -> Image.Image:
    """Red on the left, blue on the right: which way is up shows after rotating."""
    image = Image.new("RGB", size, "blue")
    image.paste("red", (0, 0, size[0] // 2, size[1]))
    return image


def camera_jpeg() -> bytes:
    """A JPEG as a phone writes it: stored sideways with orientation 6, a GPS position, a comment."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(
        {ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (55.0, 45.0, 21.0)}
    )
    buffer = io.BytesIO()
    two_halves().save(buffer, "JPEG", quality=95, exif=exif.tobytes(), icc_profile=SRGB, comment=b"secret")
    return buffer.getvalue()


def encoded(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def upload(editor_client, content: bytes, name: str = "photo.jpg") -> Picture:
    data = {"image": SimpleUploadedFile(name, content), "alt_text": "A photo", "title": "", "caption": "", "credit": ""}
    response = editor_client.post("/admin/clusterportal/picture/add/", data)
    assert response.status_code == 302, response.text
    return Picture.objects.get()


def stored_bytes(picture: Picture) -> bytes:
    return media_path(picture.image.name).read_bytes()


def stored_image(picture: Picture) -> Image.Image:
    image = Image.open(media_path(picture.image.name))
    image.load()
    return image


def looks_the_same(a: Image.Image, b: Image.Image) -> bool:
    small_a, small_b = (image.convert("RGB").resize((8, 8), Image.Resampling.BOX).tobytes() for image in (a, b))
    return all(abs(x - y) <= 6 for x, y in zip(small_a, small_b, strict=True))


def test_a_camera_jpeg_is_stored_upright_without_exif_or_gps_but_with_its_colour_profile(editor_client):
    content = camera_jpeg()
    assert b"PhoneMaker" in content
    assert b"secret" in content
    picture = upload(editor_client, content)
    stored = stored_image(picture)
    assert stored.format == "JPEG"
    assert (stored.size, picture.width, picture.height) == ((200, 400), 200, 400)
    assert len(stored.getexif()) == 0
    assert "exif" not in stored.info
    assert "comment" not in stored.info
    assert b"PhoneMaker" not in stored_bytes(picture)
    assert b"secret" not in stored_bytes(picture)
    assert stored.info["icc_profile"] == SRGB
    # Orientation 6: shown turned a quarter clockwise, so the left (red) half is on top.
    red, blue = stored.getpixel((100, 50)), stored.getpixel((100, 350))
    assert red[0] > 200 > red[2]
    assert blue[2] > 200 > blue[0]
    assert looks_the_same(stored, two_halves().transpose(Image.Transpose.ROTATE_270))
    # The renditions and the sizes in the markup are upright too.
    (rendition,) = picture.renditions()
    assert (rendition.width, rendition.height) == (200, 400)


def test_a_picture_saved_without_a_form_is_cleaned_too():
    picture = Picture.objects.create(image=ContentFile(camera_jpeg(), name="x.jpg"), alt_text="A photo")
    assert (picture.width, picture.height) == (200, 400)
    assert len(stored_image(picture).getexif()) == 0


@pytest.mark.parametrize(
    ("fmt", "name"),
    [("PNG", "diagram.png"), ("JPEG", "photo.jpg"), ("GIF", "logo.gif"), ("WEBP", "photo.webp")],
)
def test_bytes_after_the_image_data_are_not_stored(fmt, name, editor_client):
    original = two_halves().convert("P") if fmt == "GIF" else two_halves()
    polyglot = encoded(original, fmt) + b"<script>alert(document.cookie)</script>"
    picture = upload(editor_client, polyglot, name)
    content = stored_bytes(picture)
    assert b"<script>" not in content
    if fmt == "PNG":
        assert content.endswith(b"IEND\xaeB`\x82")
    if fmt == "JPEG":
        assert content.endswith(b"\xff\xd9")
    assert looks_the_same(stored_image(picture), two_halves())


def test_png_text_chunks_are_not_stored_and_the_pixels_are_kept(editor_client):
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "the secret plan")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>secret</x:xmpmeta>")
    original = two_halves().convert("RGBA")
    picture = upload(editor_client, encoded(original, "PNG", pnginfo=info), "diagram.png")
    content = stored_bytes(picture)
    assert b"tEXt" not in content
    assert b"iTXt" not in content
    assert b"secret" not in content
    stored = stored_image(picture)
    assert stored.mode == "RGBA"
    assert stored.tobytes() == original.tobytes()  # lossless: every pixel


def test_transparency_of_a_palette_png_is_kept(editor_client):
    original = two_halves().convert("P")
    original.info["transparency"] = original.getpixel((0, 0))
    picture = upload(editor_client, encoded(original, "PNG", transparency=original.getpixel((0, 0))), "logo.png")
    stored = stored_image(picture)
    assert stored.convert("RGBA").getpixel((10, 10))[3] == 0
    assert stored.convert("RGBA").getpixel((390, 10))[3] == 255


def test_webp_exif_is_dropped_and_a_lossless_webp_stays_lossless(editor_client):
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    picture = upload(editor_client, encoded(two_halves(), "WEBP", lossless=True, exif=exif.tobytes()), "a.webp")
    content = stored_bytes(picture)
    assert b"PhoneMaker" not in content
    assert b"EXIF" not in content
    assert b"VP8L" in content[:64]
    assert stored_image(picture).tobytes() == two_halves().tobytes()


def test_a_form_upload_is_checked_and_cleaned_in_one_reading(editor_client, monkeypatch):
    calls = []
    real = images.checked_image

    def counting(file):
        calls.append(file)
        return real(file)

    monkeypatch.setattr(images, "checked_image", counting)
    upload(editor_client, camera_jpeg())
    assert len(calls) == 1


# --- large pictures -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_a_large_original_is_shrunk_while_it_is_read_for_its_renditions(fmt):
    source = Image.open(io.BytesIO(encoded(Image.new("RGB", (7200, 3600), "teal"), fmt)))
    shrunk = images.shrunk_on_load(source, images.renditions_need)
    # The widest rendition is 1600 px: two to four times that is plenty, not 7200.
    assert 3200 <= shrunk.width < 7200 // 1.5
    assert shrunk.width / shrunk.height == pytest.approx(2, rel=0.01)


def test_a_large_picture_is_decoded_once_for_all_its_renditions(monkeypatch):
    decoded = []
    real = images.shrunk_on_load

    def counting(image, needed):
        decoded.append(image.size)
        return real(image, needed)

    monkeypatch.setattr(images, "shrunk_on_load", counting)
    picture = Picture.objects.create(
        image=ContentFile(encoded(Image.new("L", (4800, 2700), 200), "PNG"), name="big.png"), alt_text="A chart"
    )
    assert decoded == [(4800, 2700)]  # one decoding for the 480, 960, 1600 px and social renditions
    for attname in ("w480", "w960", "w1600", "social"):
        assert media_path(picture.rendition_url(attname)).exists()


def test_a_picture_over_40_megapixels_is_refused_before_it_is_decoded():
    with pytest.raises(ValidationError, match="too many pixels; at most 40 megapixels"):
        images.clean_picture(ContentFile(encoded(Image.new("1", (8000, 5001)), "PNG"), name="huge.png"))
