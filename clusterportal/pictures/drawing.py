"""Text on drawn pictures: the fonts and the line wrapping of social cards, demo covers and documents."""

import functools
from pathlib import Path

from PIL import ImageFont

#: DejaVu covers Latin and Cyrillic. Debian's fonts-dejavu-core installs it; without it Pillow's
#: built-in font is used, which has no Cyrillic, and the system check clusterportal.W001 says so.
FONT_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
FONT_REGULAR = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


def font(*, bold: bool, size: int) -> Font:
    """DejaVu Sans (bold or regular) at ``size`` px, or Pillow's built-in font without it."""
    try:
        return _truetype(str(FONT_BOLD if bold else FONT_REGULAR), size)
    except OSError:
        return ImageFont.load_default(size=size)


@functools.lru_cache(maxsize=32)
def _truetype(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)  # read once per process and size, not per picture


def wrap(draw, text: str, font: Font, max_width: int, max_lines: int | None = None) -> list[str]:
    """``text`` in lines no wider than ``max_width`` (a single word wider than that gets a line
    of its own). With ``max_lines``, at most that many, the last ending in an ellipsis if the
    text goes on."""
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
    if line and (max_lines is None or len(lines) < max_lines):
        lines.append(line)
    if len(lines) == max_lines and " ".join(lines) != " ".join(words):
        lines[-1] = lines[-1].rstrip(".,;:") + "…"
    return lines


def fit(
    draw, text: str, *, bold: bool, sizes: tuple[int, ...], max_width: int, max_lines: int
) -> tuple[Font, list[str]]:
    """The largest of ``sizes`` (largest first) at which ``text`` fits in ``max_lines`` lines, and
    those lines; at the smallest size a longer text is cut with an ellipsis."""
    for size in sizes:
        face = font(bold=bold, size=size)
        lines = wrap(draw, text, face, max_width)
        if len(lines) <= max_lines:
            return face, lines
    return face, wrap(draw, text, face, max_width, max_lines)
