"""Content the browser tests look at: a newsroom of ~25 articles, and the page types to check."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.http import urlencode
from PIL import Image, ImageDraw, ImageFont

from tests.factories import ArticleFactory, CategoryFactory

#: Long enough for about two A4 pages. Deliberately free of the words the print test
#: looks for *absent* (navigation, footer, filter labels, buttons).
LONG_PARAGRAPHS = [
    f"Paragraph {n}: the consortium of {n + 11} member companies reported that the new sterile "
    "injectables line passed its qualification runs, that the water-for-injection loop met its "
    "microbial limits on every sampling point, and that the first commercial batches were released "
    "by the qualified person after a full review of the batch records, the environmental monitoring "
    "data and the media fill results. Regional officials visited the clean rooms and the quality "
    "control laboratory and met the graduates of the technical college who now run the filling line."
    for n in range(1, 15)
]
LONG_BODY = (
    "".join(f"<p>{text}</p>" for text in LONG_PARAGRAPHS[:5])
    + "<h2>What the regulator said</h2>"
    + "<blockquote><p>“This site sets the standard for the region,” said the head of the "
    "inspection team, Dr Irina Sokolova.</p></blockquote>"
    + "".join(f"<p>{text}</p>" for text in LONG_PARAGRAPHS[5:10])
    + "<ul><li>Two isolator filling lines</li><li>A quality control laboratory</li>"
    "<li>A warehouse for cold-chain products</li></ul>" + "".join(f"<p>{text}</p>" for text in LONG_PARAGRAPHS[10:])
)
LONG_SOURCE_URL = "https://example.org/pharma-daily/2025/06/sterile-injectables-plant-opens-after-qualification"


def png_bytes(size=(1200, 675), color=(11, 85, 99), label: str = "Clean room") -> bytes:
    """A real PNG made by Pillow: a coloured picture with a white band, so it is visible."""
    image = Image.new("RGB", size, color)
    draw = ImageDraw.Draw(image)
    width, height = size
    draw.rectangle((0, height // 3, width, 2 * height // 3), fill=(255, 255, 255))
    font = ImageFont.load_default(size=max(12, height // 8))
    draw.text((width // 20, height // 2), label, fill=(0, 0, 0), font=font, anchor="lm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def moscow(year: int, month: int, day: int, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


@dataclass
class Newsroom:
    """What ``make_newsroom`` created, and the addresses the tests visit."""

    gmp: object
    events: object
    recent_year: int
    older_year: int
    articles: list = field(default_factory=list)
    long_article: object = None
    draft: object = None

    @property
    def filter_query(self) -> str:
        """category=GMP news & the recent year: 15 articles, so two pages."""
        return urlencode({"category": self.gmp.slug, "year": self.recent_year})


def make_newsroom(*, with_draft: bool = True) -> Newsroom:
    """25 published articles in two categories over two years, plus a long one with a cover.

    GMP news in the recent year: 14 short articles plus the long one = 15, i.e. two pages of 10.
    """
    from django.core.files.base import ContentFile

    recent = timezone.localdate().year - 1
    older = recent - 1
    gmp = CategoryFactory(name="GMP news", slug="gmp-news", position=1)
    events = CategoryFactory(name="Cluster events", slug="cluster-events", position=2)
    room = Newsroom(gmp=gmp, events=events, recent_year=recent, older_year=older)

    plan = [(gmp, recent, 14), (gmp, older, 3), (events, recent, 4), (events, older, 3)]
    for category, year, count in plan:
        for n in range(count):
            month, day = 1 + n % 11, 1 + (n * 2) % 27
            room.articles.append(
                ArticleFactory(
                    title=f"{category.name}: update {n + 1} of {year}",
                    category=category,
                    published_at=moscow(year, month, day),
                )
            )
    room.long_article = ArticleFactory(
        title="Sterile injectables plant opens after a year of qualification",
        category=gmp,
        published_at=moscow(recent, 12, 15),
        lead="The cluster's largest member starts commercial production of sterile injectables.",
        body=LONG_BODY,
        source_name="Pharma Daily",
        source_url=LONG_SOURCE_URL,
        cover=ContentFile(png_bytes(), name="plant.png"),
        cover_alt="Two technicians in clean-room suits at an isolator filling line",
    )
    room.articles.append(room.long_article)
    if with_draft:
        room.draft = ArticleFactory(draft=True, title="Draft: budget of the next cluster programme", category=events)
    return room
