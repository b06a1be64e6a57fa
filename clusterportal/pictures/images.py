"""
The picture pipeline: upload validation, safe file names, renditions.

- Validation reads the real format from the content with Pillow (JPEG, PNG, WebP, GIF only; no
  SVG), refuses files over 20 MB or 40 megapixels, decompression bombs and corrupt or truncated
  files, each with a message an editor understands. Nothing is written for a refused file.
- The original is stored as the picture alone: turned upright by its EXIF orientation, then
  encoded again in its own format (JPEG at quality 92, PNG, WebP, GIF) with its colour profile
  and nothing else, so no EXIF (GPS position, camera serial), XMP, comments, text chunks or
  bytes hidden after the image data (a "polyglot" with a script appended) is stored or served.
  The site shows pictures still: of an animated GIF, WebP or PNG the first frame is kept.
- Stored names are generated (``pictures/2026/11/<random>.<real extension>``): nothing of the
  uploaded name reaches the file system.
- Renditions are made by django-imagekit when a picture is saved (the Optimistic strategy), once;
  rendering a page computes their URLs without touching the storage or the database. Each is
  made from the original shrunk while it is read (a JPEG decoded at 1/2, 1/4 or 1/8 of its size,
  others reduced by a whole factor) to a few times the rendition's size, then resampled.
"""

import io
import math
import threading
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext
from imagekit import ImageSpec
from imagekit.processors import ResizeToFill
from imagekit.utils import open_image, process_image
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError
from pilkit.processors.utils import resolve_palette

from clusterportal.uploads import check_size, read_from_start

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
#: The longest side may be at most this many times the shortest (a 500×6000 infographic is 12).
MAX_ASPECT = 20
#: Pillow format name -> the extension the stored file gets.
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
#: How a stored original is encoded again. JPEG and lossy WebP at 92: no visible loss, and a
#: second upload of the stored file changes it no further to the eye. PNG and GIF are lossless.
REENCODE_OPTIONS = {"JPEG": {"quality": 92}, "PNG": {}, "WEBP": {"quality": 92}, "GIF": {}}
#: Renditions: a whole-factor reduction first (box averaging, or JPEG's own reduced decoding)
#: down to no less than this many times the rendition's size, then Lanczos: Pillow's
#: "reducing_gap", at the value its thumbnail() uses. A 40-megapixel original costs a fraction
#: of the time, for no difference to the eye.
REDUCING_GAP = 2
#: The modes Image.reduce() works in; others (palette, 1-bit) are converted first.
_REDUCIBLE_MODES = {"L", "LA", "RGB", "RGBA", "RGBX", "CMYK", "I", "F"}
#: Widths of the responsive renditions, in pixels.
RENDITION_WIDTHS = (480, 960, 1600)
SOCIAL_SIZE = (1200, 630)

# Pillow's own bomb guard: refuse outright (an error, not a warning) above our limit.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def validate_picture(file) -> str:
    """Check an uploaded picture; return its real format (e.g. "JPEG") or raise ValidationError."""
    with checked_image(file) as image:
        return image.format


def clean_picture(file) -> SimpleUploadedFile:
    """``file`` checked like validate_picture, as the picture alone: upright, encoded again in its
    format with its colour profile and nothing else (no EXIF, GPS, XMP, comments, text chunks or
    bytes after the image data). Named like ``file``; ``picture_is_clean`` says it is done."""
    with checked_image(file) as image:
        fmt = image.format
        lossless = fmt == "WEBP" and _is_lossless_webp(file)
        data = _encode_alone(image, fmt, lossless=lossless)
    cleaned = SimpleUploadedFile(getattr(file, "name", None) or "picture", data, CONTENT_TYPES[fmt])
    cleaned.picture_is_clean = True
    return cleaned


@contextmanager
def checked_image(file) -> Iterator[Image.Image]:
    """``with checked_image(upload) as image:`` the picture, checked and fully decoded; any
    problem, also while ``image`` is used inside, is a ValidationError an editor understands."""
    # Translators: what is uploaded, in "… pictures may be at most 20 MB".
    check_size(file, MAX_UPLOAD_BYTES, kind=pgettext("what is uploaded", "pictures"))
    try:
        with read_from_start(file), warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                fmt = image.format
                width, height = image.size
                if fmt not in ALLOWED_FORMATS:
                    raise ValidationError(
                        # Translators: %(format)s is a file format's name, e.g. "TIFF" or "BMP".
                        gettext("This is a %(format)s file. Upload a JPEG, PNG, WebP or GIF picture.")
                        % {"format": fmt or pgettext("file format", "unknown")},
                        code="format",
                    )
                if width * height > MAX_PIXELS:
                    raise _too_many_pixels(width, height)
                if max(width, height) > MAX_ASPECT * max(min(width, height), 1):
                    # Its 1200×630 share picture would first be scaled up to gigabytes of pixels.
                    raise ValidationError(
                        gettext(
                            "This picture is %(width)d×%(height)d pixels: one side is more than %(ratio)d times "
                            "the other, too thin to show. Crop it closer to the shape it should have on the page."
                        )
                        % {"width": width, "height": height, "ratio": MAX_ASPECT},
                        code="too_thin",
                    )
                image.verify()
            # verify() does not decode the pixels; a truncated file only fails when loaded.
            file.seek(0)
            with Image.open(file) as image:
                image.load()
                yield image
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        limit = MAX_PIXELS // 1_000_000
        raise ValidationError(
            ngettext(
                "This picture has too many pixels; at most %(limit)d megapixel is accepted.",
                "This picture has too many pixels; at most %(limit)d megapixels are accepted.",
                limit,
            )
            % {"limit": limit},
            code="too_many_pixels",
        ) from None
    except UnidentifiedImageError:
        raise ValidationError(
            gettext(
                "This file is not a picture. Upload a JPEG, PNG, WebP or GIF picture "
                "(SVG and other drawings are not accepted)."
            ),
            code="not_an_image",
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(
            gettext("This picture is damaged or incomplete (the file may have been cut off). Save it again and retry."),
            code="corrupt",
        ) from None


def _orientation(image: Image.Image) -> int:
    """The EXIF orientation (1: upright); a damaged EXIF block counts as upright."""
    try:
        return int(image.getexif().get(ExifTags.Base.Orientation, 1))
    except (OSError, SyntaxError, ValueError, TypeError, KeyError, IndexError):
        return 1


def _encode_alone(image: Image.Image, fmt: str, *, lossless: bool = False) -> bytes:
    """The loaded ``image`` in ``fmt``, upright, with its colour profile and nothing else."""
    icc_profile = image.info.get("icc_profile")
    transparency = image.info.get("transparency")
    if _orientation(image) != 1:
        image = ImageOps.exif_transpose(image)
    # The savers fall back to ``info`` for comments, EXIF, XMP, text and durations: keep none.
    image.info = {}
    options = dict(REENCODE_OPTIONS[fmt])
    if lossless:
        options = {"lossless": True}
    if icc_profile:
        options["icc_profile"] = icc_profile
    if transparency is not None and fmt in ("PNG", "GIF"):
        options["transparency"] = transparency
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def _is_lossless_webp(file) -> bool:
    """Whether a WebP file holds lossless image data (its "VP8L" chunk), read from its chunk list."""
    with read_from_start(file):
        head = file.read(12)
        if head[:4] != b"RIFF" or head[8:12] != b"WEBP":
            return False
        for _ in range(64):  # a WebP file has a handful of chunks before its image data
            chunk = file.read(8)
            if len(chunk) < 8:
                return False
            kind, size = chunk[:4], int.from_bytes(chunk[4:], "little")
            if kind in (b"VP8L", b"VP8 ", b"ANMF"):
                return kind == b"VP8L"
            file.seek(size + size % 2, io.SEEK_CUR)
    return False


def _too_many_pixels(width: int, height: int) -> ValidationError:
    limit = MAX_PIXELS // 1_000_000
    message = ngettext(
        "This picture is %(width)d×%(height)d pixels (%(megapixels).0f megapixels); "
        "at most %(limit)d megapixel is accepted.",
        "This picture is %(width)d×%(height)d pixels (%(megapixels).0f megapixels); "
        "at most %(limit)d megapixels are accepted.",
        limit,
    )
    values = {"width": width, "height": height, "megapixels": width * height / 1_000_000, "limit": limit}
    return ValidationError(message % values, code="too_many_pixels")


def real_format(file) -> str | None:
    """The Pillow format of a file, read from its first bytes; None if it is not a picture."""
    try:
        with read_from_start(file), Image.open(file) as image:
            return image.format
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def picture_upload_to(instance, filename: str) -> str:
    """A generated, safe name; the extension follows the real format, never the uploaded name."""
    extension = ALLOWED_FORMATS.get(real_format(instance.image.file), "bin")
    return timezone.now().strftime(f"pictures/%Y/%m/{uuid.uuid4().hex}.{extension}")


class PictureFormField(forms.ImageField):
    """Django's ImageField with the site's checks and messages, and no trust in file extensions."""

    default_validators = []  # the extension says nothing; the content is checked below

    def to_python(self, data):
        if data in self.empty_values:
            return None
        # Checked and cleaned in one reading; the model field then stores it as it is.
        return super().to_python(clean_picture(data))


class PictureField(models.ImageField):
    """The model field for uploaded pictures: validated by content, stored under a generated name."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("upload_to", picture_upload_to)
        kwargs.setdefault("validators", [validate_picture_file])
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PictureFormField, **kwargs})

    def pre_save(self, model_instance, add):
        # Every way in (the admin's forms, "Upload several", the demo loader, scripts) stores
        # the picture alone; a file that is not an accepted picture is refused, not stored.
        file = getattr(model_instance, self.attname)
        if file and not file._committed and not getattr(file.file, "picture_is_clean", False):
            file.file = clean_picture(file.file)
        return super().pre_save(model_instance, add)


def validate_picture_file(value) -> None:
    """Model-level validator (full_clean outside forms): only files not yet stored are checked
    (a form's cleaned upload has been checked already)."""
    if value and not getattr(value, "_committed", True) and not getattr(value.file, "picture_is_clean", False):
        validate_picture(value.file)


def original_name_title(filename: str) -> str:
    """A readable default title from an uploaded file name: "../../IMG_0042 final.jpg" -> "IMG_0042 final"."""
    stem = Path(filename.replace("\\", "/")).name.rsplit(".", 1)[0]
    return stem.replace("_", " ").strip()[:200] or gettext("Picture")


# --- renditions (django-imagekit specs) ------------------------------------------------


class ShrunkOnLoad:
    """For the library's imagekit specs: the original is read once for all of its renditions,
    shrunk while it is read (``shrunk_on_load``), and each spec's processors start from that.
    The spec's processors, format and options, and so its file names, are those it declares."""

    def generate(self):
        # imagekit's ImageSpec.generate, with the decoded original shared between the specs.
        if not self.source:
            raise self.MissingSource(f"The spec '{self}' has no source file associated with it.")
        return process_image(
            decoded_original(self.source),
            processors=self.processors,
            format=self.format,
            autoconvert=self.autoconvert,
            options=self.options,
        )


#: The last original decoded for renditions, per thread: (storage location, name) and the image.
_decoded = threading.local()


def decoded_original(source) -> Image.Image:
    """The original ``source`` (a stored picture), shrunk on load for the library's renditions.

    Saving a picture makes its four renditions one after the other: decoding it once instead of
    four times is most of the time a large PNG takes. Only the last one is kept, per thread
    (names are never reused, so it cannot be stale); ``forget_decoded`` drops it.
    """
    key = (getattr(source.storage, "location", type(source.storage).__name__), source.name)
    if getattr(_decoded, "key", None) == key:
        return _decoded.image
    closed = source.closed
    if closed:
        source.open()
    try:
        image = shrunk_on_load(open_image(source), renditions_need)
        image.load()
    finally:
        if closed:
            source.close()
    _decoded.key, _decoded.image = key, image
    return image


def forget_decoded(**kwargs) -> None:
    """Drop the decoded original (a receiver of Picture's post_save, after its renditions)."""
    _decoded.key = _decoded.image = None


def renditions_need(width: int, height: int) -> tuple[int, int]:
    """The size of a ``width``×``height`` picture that every rendition can be made from: the
    widest one's, or what fills the 1200×630 social picture if that is larger."""
    widest = scaled_size(width, height, max(RENDITION_WIDTHS))
    # Filling 1200×630 scales the picture until both sides cover it, then crops.
    scale = min(1, max(SOCIAL_SIZE[0] / width, SOCIAL_SIZE[1] / height))
    social = (math.ceil(width * scale), math.ceil(height * scale))
    return max(widest[0], social[0]), max(widest[1], social[1])


def shrunk_on_load(image: Image.Image, needed_size) -> Image.Image:
    """``image`` (opened, not yet loaded) decoded or reduced by a whole factor while staying at
    least ``REDUCING_GAP`` times ``needed_size(width, height)`` on both sides."""
    needed = needed_size(*image.size)
    wanted = (needed[0] * REDUCING_GAP, needed[1] * REDUCING_GAP)
    if image.format == "JPEG":
        image.draft(image.mode, wanted)  # DCT scaling: decodes at 1/2, 1/4 or 1/8, never below ``wanted``
    factor = min(image.width // max(wanted[0], 1), image.height // max(wanted[1], 1))
    if factor < 2:
        return image
    image = resolve_palette(image)
    if image.mode == "1":
        image = image.convert("L")
    if image.mode not in _REDUCIBLE_MODES:
        return image
    return image.reduce(factor)


class WebPRendition(ShrunkOnLoad, ImageSpec):
    format = "WEBP"
    # method 2, not libwebp's default 4: a 1200 px rendition encodes in about 47 ms instead of
    # 122 (measured with Pillow 13) for files under 1 % larger; editors wait for every rendition
    # of "Upload several" and "Add photos" when they save.
    options = {"quality": 80, "method": 2}


class ScaleToWidth:
    """Scale down to a width, keeping the aspect ratio whatever it is; never up, never to zero.

    (pilkit's ResizeToFit needs a height limit too, which wins for very tall pictures and then
    disagrees with the sizes announced in the markup.)
    """

    def __init__(self, width: int):
        self.width = width

    def process(self, image):
        size = scaled_size(*image.size, self.width)
        if size == image.size:
            return image
        return resolve_palette(image).resize(size, Image.Resampling.LANCZOS)


def rendition_spec(width: int) -> type[ImageSpec]:
    return type(f"WebP{width}", (WebPRendition,), {"processors": [ScaleToWidth(width)]})


class SocialRendition(ShrunkOnLoad, ImageSpec):
    processors = [ResizeToFill(*SOCIAL_SIZE)]
    format = "JPEG"
    options = {"quality": 82, "progressive": True}


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int


def scaled_size(width: int, height: int, target_width: int) -> tuple[int, int]:
    """The size ResizeToFit(width=target, upscale=False) gives: never larger than the source."""
    if width <= target_width:
        return width, height
    ratio = target_width / width
    return target_width, max(1, round(height * ratio))
