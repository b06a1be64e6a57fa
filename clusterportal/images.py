"""
The one picture pipeline of the site: upload validation, safe file names, renditions, social cards.

- Validation reads the real format from the content with Pillow (JPEG, PNG, WebP, GIF only; no
  SVG), refuses files over 20 MB or 40 megapixels, decompression bombs and corrupt or truncated
  files, each with a message an editor understands. Nothing is written for a refused file.
- Stored names are generated (``pictures/2026/11/<random>.<real extension>``): nothing of the
  uploaded name reaches the file system.
- Renditions are made by django-imagekit when a picture is saved (the Optimistic strategy), once;
  rendering a page computes their URLs without touching the storage or the database.
- Social cards (1200×630) are the cover's rendition, or a branded card drawn with Pillow for items
  without a cover, written once per title.
"""

import functools
import hashlib
import io
import math
import uuid
import warnings
from dataclasses import dataclass
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone
from imagekit import ImageSpec
from imagekit.processors import ResizeToFill
from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError
from pilkit.processors.utils import resolve_palette

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
#: Pillow format name -> the extension the stored file gets.
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
#: Widths of the responsive renditions, in pixels.
RENDITION_WIDTHS = (480, 960, 1600)
SOCIAL_SIZE = (1200, 630)

# Pillow's own bomb guard: refuse outright (an error, not a warning) above our limit.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def validate_picture(file) -> str:
    """Check an uploaded picture; return its real format (e.g. "JPEG") or raise ValidationError."""
    size = getattr(file, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            # Rounded up: a file just over the limit must not read "20.0 MB; at most 20 MB".
            f"This file is {math.ceil(size / 1024 / 1024 * 10) / 10:.1f} MB; pictures may be at most "
            f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB. Make it smaller and upload it again.",
            code="too_large",
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                fmt = image.format
                width, height = image.size
                if fmt not in ALLOWED_FORMATS:
                    raise ValidationError(
                        f"This is a {fmt or 'unknown'} file. Upload a JPEG, PNG, WebP or GIF picture.",
                        code="format",
                    )
                if width * height > MAX_PIXELS:
                    raise _too_many_pixels(width, height)
                image.verify()
            # verify() does not decode the pixels; a truncated file only fails when loaded.
            file.seek(0)
            with Image.open(file) as image:
                image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            f"This picture has too many pixels; at most {MAX_PIXELS // 1_000_000} megapixels are accepted.",
            code="too_many_pixels",
        ) from None
    except UnidentifiedImageError:
        raise ValidationError(
            "This file is not a picture. Upload a JPEG, PNG, WebP or GIF picture "
            "(SVG and other drawings are not accepted).",
            code="not_an_image",
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(
            "This picture is damaged or incomplete (the file may have been cut off). Save it again and retry.",
            code="corrupt",
        ) from None
    finally:
        file.seek(position)
    return fmt


def _too_many_pixels(width: int, height: int) -> ValidationError:
    return ValidationError(
        f"This picture is {width}×{height} pixels ({width * height / 1_000_000:.0f} megapixels); "
        f"at most {MAX_PIXELS // 1_000_000} megapixels are accepted.",
        code="too_many_pixels",
    )


def real_format(file) -> str | None:
    """The Pillow format of a file, read from its first bytes; None if it is not a picture."""
    position = file.tell()
    try:
        file.seek(0)
        with Image.open(file) as image:
            return image.format
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    finally:
        file.seek(position)


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
    return stem.replace("_", " ").strip()[:200] or "Picture"


# --- renditions (django-imagekit specs) ------------------------------------------------


class WebPRendition(ImageSpec):
    format = "WEBP"
    options = {"quality": 80, "method": 4}


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


# --- social cards ------------------------------------------------------------------------

#: The fonts pictures are drawn with (social cards, demo covers and documents): DejaVu covers
#: Latin and Cyrillic. Debian's fonts-dejavu-core installs them; without them Pillow's built-in
#: font is used, which has no Cyrillic, and the system check clusterportal.W001 says so.
FONT_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
FONT_REGULAR = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def font(*, bold: bool, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu Sans (bold or regular) at ``size`` px, or Pillow's built-in font without it."""
    try:
        return _truetype(str(FONT_BOLD if bold else FONT_REGULAR), size)
    except OSError:
        return ImageFont.load_default(size=size)


@functools.lru_cache(maxsize=32)
def _truetype(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)  # read once per process and size, not per picture


def wrap(draw, text: str, font, max_width: int, max_lines: int) -> list[str]:
    """``text`` in lines no wider than ``max_width``; an ellipsis ends it if it needs more."""
    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= max_width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        if len(lines) == max_lines:
            break
    if line and len(lines) < max_lines:
        lines.append(line)
    if len(lines) == max_lines and " ".join(lines) != " ".join(words):
        lines[-1] = lines[-1].rstrip(".,;:") + "…"
    return lines


def draw_social_card(title: str, section: str) -> bytes:
    """A 1200×630 branded JPEG with the title, for items without a cover picture."""
    width, height = SOCIAL_SIZE
    image = Image.new("RGB", SOCIAL_SIZE, "#0b5563")
    draw = ImageDraw.Draw(image)
    for y in range(height):  # a quiet vertical gradient
        shade = int(20 * y / height)
        draw.line([(0, y), (width, y)], fill=(11 - shade // 4, 85 - shade, 99 - shade))
    draw.rectangle([(0, height - 18), (width, height)], fill="#b4451f")
    small = font(bold=True, size=30)
    draw.text((80, 70), settings.SITE_NAME.upper(), font=small, fill="#cfe7ea")
    draw.text((80, 112), section, font=font(bold=False, size=28), fill="#cfe7ea")
    for size in (64, 56, 48):
        title_font = font(bold=True, size=size)
        lines = wrap(draw, title, title_font, width - 160, 4)
        if len(lines) <= 4:
            break
    y = 200
    for line in lines:
        draw.text((80, y), line, font=title_font, fill="#ffffff")
        y += int(size * 1.25)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, optimize=True)
    return buffer.getvalue()


def social_card_name(obj) -> str:
    opts = obj._meta
    digest = hashlib.sha256(f"{obj.title}|{settings.SITE_NAME}".encode()).hexdigest()[:12]
    return f"social/{opts.app_label}/{opts.model_name}/{obj.pk}-{digest}.jpg"


def ensure_social_card(obj) -> str:
    """Write the drawn card for ``obj`` once (per title); return its storage name."""
    name = social_card_name(obj)
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(draw_social_card(obj.title, obj._meta.verbose_name_plural.title())))
    return name
