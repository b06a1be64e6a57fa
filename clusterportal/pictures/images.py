"""
The picture pipeline: upload validation, safe file names, renditions.

- Validation reads the real format from the content with Pillow (JPEG, PNG, WebP, GIF only; no
  SVG), refuses files over 20 MB or 40 megapixels, decompression bombs and corrupt or truncated
  files, each with a message an editor understands. Nothing is written for a refused file.
- Stored names are generated (``pictures/2026/11/<random>.<real extension>``): nothing of the
  uploaded name reaches the file system.
- Renditions are made by django-imagekit when a picture is saved (the Optimistic strategy), once;
  rendering a page computes their URLs without touching the storage or the database.
"""

import uuid
import warnings
from dataclasses import dataclass
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext
from imagekit import ImageSpec
from imagekit.processors import ResizeToFill
from PIL import Image, UnidentifiedImageError
from pilkit.processors.utils import resolve_palette

from clusterportal.uploads import check_size, read_from_start

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
#: The longest side may be at most this many times the shortest (a 500×6000 infographic is 12).
MAX_ASPECT = 20
#: Pillow format name -> the extension the stored file gets.
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
#: Widths of the responsive renditions, in pixels.
RENDITION_WIDTHS = (480, 960, 1600)
SOCIAL_SIZE = (1200, 630)

# Pillow's own bomb guard: refuse outright (an error, not a warning) above our limit.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def validate_picture(file) -> str:
    """Check an uploaded picture; return its real format (e.g. "JPEG") or raise ValidationError."""
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
    return fmt


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
        validate_picture(data)
        return super().to_python(data)


class PictureField(models.ImageField):
    """The model field for uploaded pictures: validated by content, stored under a generated name."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("upload_to", picture_upload_to)
        kwargs.setdefault("validators", [validate_picture_file])
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PictureFormField, **kwargs})


def validate_picture_file(value) -> None:
    """Model-level validator (full_clean outside forms): only files not yet stored are checked."""
    if value and not getattr(value, "_committed", True):
        validate_picture(value.file)


def original_name_title(filename: str) -> str:
    """A readable default title from an uploaded file name: "../../IMG_0042 final.jpg" -> "IMG_0042 final"."""
    stem = Path(filename.replace("\\", "/")).name.rsplit(".", 1)[0]
    return stem.replace("_", " ").strip()[:200] or gettext("Picture")


# --- renditions (django-imagekit specs) ------------------------------------------------


class WebPRendition(ImageSpec):
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


class SocialRendition(ImageSpec):
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
