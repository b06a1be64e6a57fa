"""Files an editor might upload, good and bad, built in memory; and a look at what reached the disk."""

import functools
import io
import random
import struct
import zlib
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from clusterportal.pictures.images import MAX_UPLOAD_BYTES

CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}


def picture_bytes(fmt: str = "PNG", size=(640, 360), color="teal") -> bytes:
    """A small valid picture in ``fmt`` (GIF in palette mode, like real GIFs)."""
    image = Image.new("RGB", size, color)
    if fmt == "GIF":
        image = image.convert("P")
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def picture_upload(name: str = "photo.png", fmt: str = "PNG", size=(640, 360), color="teal") -> SimpleUploadedFile:
    return upload(name, picture_bytes(fmt, size, color), CONTENT_TYPES[fmt])


def oversized_png() -> bytes:
    """A valid PNG padded with trailing bytes to 21 MB: over the 20 MB limit, cheap to build."""
    head = picture_bytes("PNG", (64, 36))
    return head + b"\0" * (MAX_UPLOAD_BYTES + 1024 * 1024 - len(head))


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@functools.cache
def bomb_png(width: int = 20_000, height: int = 20_000) -> bytes:
    """A valid all-black 1-bit PNG of ``width``×``height`` that is only some tens of KB.

    Written chunk by chunk with zlib, so building it takes neither Pillow's 400 MB of pixels
    nor more than a fraction of a second. 400 megapixels unpack to 50 MB of rows; deflate
    cannot shrink them below ~1/1000, hence ~49 KB (the smallest a valid PNG of that size gets).
    """
    row = b"\0" * (1 + (width + 7) // 8)  # filter byte + packed 1-bit pixels
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", data) + _png_chunk(b"IEND", b"")


def truncated_jpeg() -> bytes:
    """A noisy 640×480 JPEG (so it has real data to lose) cut off at 60 %."""
    noise = random.Random(4).randbytes(640 * 480 * 3)
    buffer = io.BytesIO()
    Image.frombytes("RGB", (640, 480), noise).save(buffer, "JPEG", quality=90)
    whole = buffer.getvalue()
    return whole[: len(whole) * 6 // 10]


SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360">'
    b'<rect width="640" height="360" fill="teal"/><script>alert(document.cookie)</script></svg>\n'
)

HTML = b"<!DOCTYPE html><html><head><title>x</title></head><body><script>alert(1)</script></body></html>\n"


def tiff_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 360), "teal").save(buffer, "TIFF")
    return buffer.getvalue()


def multipart(fields: dict[str, str], files: list[tuple[str, str, bytes, str]]) -> tuple[bytes, str]:
    """A multipart/form-data body with file names sent exactly as given.

    Django's test client strips file names to their last part before sending; a hostile
    browser does not, so "../../x.py" has to be written by hand.
    """
    boundary = "----picture-test-boundary"
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for field, filename, content, content_type in files:
        head = (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def files_under(root) -> list[str]:
    """Every file below ``root``, as sorted POSIX paths relative to it ([] if it does not exist)."""
    root = Path(root)
    if not root.exists():
        return []
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())


def media_files() -> list[str]:
    return files_under(settings.MEDIA_ROOT)


def media_path(url_or_name: str) -> Path:
    """The file on disk behind a media URL ("/uploads/…") or a storage name."""
    return Path(settings.MEDIA_ROOT) / url_or_name.removeprefix(settings.MEDIA_URL)


def open_media(url_or_name: str) -> Image.Image:
    """The picture behind a media URL, opened (and so checked) with Pillow."""
    image = Image.open(media_path(url_or_name))
    image.load()
    return image
