"""Pictures and demo documents are drawn in a font that speaks Cyrillic, and the site says so
when the machine lacks it."""

import io

import pytest
from django.core import checks
from PIL import Image, ImageDraw

from clusterportal.pictures import cards, drawing
from clusterportal.pictures.images import SOCIAL_SIZE
from media_center.demo import drawn_pdf
from media_center.documents import detect_format

pytestmark = pytest.mark.skipif(
    not drawing.FONT_BOLD.is_file(), reason="DejaVu fonts missing: apt-get install fonts-dejavu-core"
)

MISSING_GLYPH = "\U0010fffd"  # a private-use code point no font draws: the "missing glyph" box


def drawn(face, letter: str) -> bytes:
    image = Image.new("L", (80, 80))
    ImageDraw.Draw(image).text((10, 10), letter, font=face, fill=255)
    return image.tobytes()


def font_warnings():
    return [message for message in checks.run_checks() if message.id == "clusterportal.W001"]


def test_no_warning_when_the_fonts_are_installed():
    assert font_warnings() == []


def test_a_warning_that_names_the_package_when_the_fonts_are_missing(monkeypatch, tmp_path):
    monkeypatch.setattr(drawing, "FONT_BOLD", tmp_path / "DejaVuSans-Bold.ttf")
    [warning] = font_warnings()
    assert warning.level == checks.WARNING
    assert "DejaVuSans-Bold.ttf" in warning.msg
    assert "Cyrillic" in warning.msg
    assert "fonts-dejavu-core" in warning.hint


@pytest.mark.parametrize("bold", [True, False])
def test_the_font_draws_cyrillic_letters_not_boxes(bold):
    face = drawing.font(bold=bold, size=40)
    box = drawn(face, MISSING_GLYPH)
    for letter in "ЖжЁёЩщЫы":
        assert drawn(face, letter) != box, letter


def test_without_the_fonts_pillows_own_font_still_draws_a_card(monkeypatch, tmp_path):
    monkeypatch.setattr(drawing, "FONT_BOLD", tmp_path / "none.ttf")
    monkeypatch.setattr(drawing, "FONT_REGULAR", tmp_path / "none.ttf")
    card = Image.open(io.BytesIO(cards.draw_social_card("Plant opens", "News")))
    assert card.size == SOCIAL_SIZE


def test_a_cyrillic_title_fills_the_social_card_with_letters():
    title = "Завод стерильных инъекционных препаратов запущен"
    card = Image.open(io.BytesIO(cards.draw_social_card(title, "Новости")))
    assert card.size == (1200, 630)
    # The title area holds white letters: many near-white pixels where the title goes.
    title_area = card.crop((80, 200, 1120, 330)).convert("L")
    assert sum(title_area.histogram()[201:]) > 2000


def test_the_demo_draws_a_cyrillic_document_as_a_real_pdf():
    content = drawn_pdf("Годовой отчёт 2025", "Итоги работы кластера и его участников за 2025 год.")
    assert content.startswith(b"%PDF-")
    assert detect_format(io.BytesIO(content)) == "PDF"
    assert 5_000 < len(content) < 200_000
