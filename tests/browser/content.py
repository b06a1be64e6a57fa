"""Content the browser tests look at: a newsroom of ~25 articles, a portfolio of ~25 projects.

Pictures come from the site's one pipeline (``clusterportal.models.Picture``: validated upload,
WebP renditions made on save). Making one costs about 0.2 s, so the content reuses a handful of
library pictures as covers, as editors do.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.http import urlencode
from PIL import Image, ImageDraw, ImageFont

from portfolio.models import ProjectStatus
from tests.factories import ArticleFactory, CategoryFactory, PictureFactory
from tests.portfolio_factories import (
    EntryFactory,
    GalleryItemFactory,
    KeyFigureFactory,
    OrganizationFactory,
    PortfolioCategoryFactory,
)

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
LONG_COVER_ALT = "Two technicians in clean-room suits at an isolator filling line"


def picture_bytes(size=(1200, 675), color=(11, 85, 99), label: str = "Clean room", fmt: str = "PNG") -> bytes:
    """A real picture made by Pillow: a coloured field with a white band and a label, so it is visible."""
    image = Image.new("RGB", size, color)
    draw = ImageDraw.Draw(image)
    width, height = size
    draw.rectangle((0, height // 3, width, 2 * height // 3), fill=(255, 255, 255))
    font = ImageFont.load_default(size=max(12, height // 8))
    draw.text((width // 20, height // 2), label, fill=(0, 0, 0), font=font, anchor="lm")
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()


def png_bytes(size=(1200, 675), color=(11, 85, 99), label: str = "Clean room") -> bytes:
    return picture_bytes(size, color, label, "PNG")


def jpeg_bytes(size=(1200, 675), color=(11, 85, 99), label: str = "Clean room") -> bytes:
    return picture_bytes(size, color, label, "JPEG")


def library_picture(label: str, *, size=(1200, 675), color=(11, 85, 99), **fields):
    """A picture in the library (renditions made on save), drawn with ``label`` on it."""
    image = ContentFile(png_bytes(size, color, label), name=f"{label.lower().replace(' ', '-')}.png")
    return PictureFactory(image=image, title=label, **fields)


def moscow(year: int, month: int, day: int, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


# --- news -----------------------------------------------------------------------------------


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
    cover = library_picture("Clean room", alt_text=LONG_COVER_ALT, credit="© SteriLine")
    room.long_article = ArticleFactory(
        title="Sterile injectables plant opens after a year of qualification",
        category=gmp,
        published_at=moscow(recent, 12, 15),
        lead="The cluster's largest member starts commercial production of sterile injectables.",
        body=LONG_BODY,
        source_name="Pharma Daily",
        source_url=LONG_SOURCE_URL,
        cover=cover,
    )
    room.articles.append(room.long_article)
    if with_draft:
        room.draft = ArticleFactory(draft=True, title="Draft: budget of the next cluster programme", category=events)
    return room


# --- portfolio ------------------------------------------------------------------------------

SHOWCASE_TITLE = "Isolator filling line for sterile injectables"
SHOWCASE_ORGANIZATION = ("SteriLine", "https://steriline.example.com/")
SHOWCASE_KEY_FIGURES = [
    ("Investment", "RUB 1.2 billion"),
    ("Jobs", "250"),
    ("Capacity", "40 million vials a year"),
]
SHOWCASE_GALLERY = [
    ("Filling line", (40, 90, 140), "The isolator filling line during its qualification runs"),
    ("QC laboratory", (60, 110, 60), "The quality control laboratory on the first floor"),
    ("Warehouse", (120, 70, 30), "The cold-chain warehouse with its automated racks"),
]
SHOWCASE_BODY = (
    "<p>The site fills vials and prefilled syringes in two isolator lines, with its own quality "
    "control laboratory and a cold-chain warehouse.</p>"
    "<h2>How the project runs</h2>"
    + "".join(f"<p>{text}</p>" for text in LONG_PARAGRAPHS[:3])
    + "<ul><li>Design and permits</li><li>Construction of the clean rooms</li><li>Qualification</li></ul>"
)


@dataclass
class Portfolio:
    """What ``make_portfolio`` created, and the addresses the tests visit."""

    production: object
    research: object
    year: int
    entries: list = field(default_factory=list)
    showcase: object = None  # cover, key figures, a gallery of three, an organization with a website
    draft: object = None
    undescribed: object = None  # a library picture still waiting for its alt text

    @property
    def journey_query(self) -> str:
        """category=Production & status=In progress: 15 projects, so two pages of 12."""
        return urlencode({"category": self.production.slug, "status": ProjectStatus.IN_PROGRESS})

    @property
    def filter_query(self) -> str:
        """The journey's filters and a year: the projects of Production running in ``year``."""
        return urlencode({"category": self.production.slug, "status": ProjectStatus.IN_PROGRESS, "year": self.year})


def make_portfolio(*, with_draft: bool = True) -> Portfolio:
    """About 25 published projects in four categories, three of them featured, plus a showcase.

    Production / in progress: 14 projects plus the showcase (the oldest of them, so it is the last
    card of page 2). Of those 15, 13 had started by last year (``year``): two pages with the year too.
    """
    year = timezone.localdate().year - 1
    production = PortfolioCategoryFactory(name="Production", slug="production", position=1)
    research = PortfolioCategoryFactory(name="Research and development", slug="research-and-development", position=2)
    education = PortfolioCategoryFactory(name="Education", slug="education", position=3)
    infrastructure = PortfolioCategoryFactory(name="Infrastructure", slug="infrastructure", position=4)
    organizations = [
        OrganizationFactory(name="Medisintez", website="https://medisintez.example.com/"),
        OrganizationFactory(name="NovoCaps", website="https://novocaps.example.com/"),
        OrganizationFactory(name="Novograd Technopark", website=""),
    ]
    room = Portfolio(production=production, research=research, year=year)

    plant = library_picture("New plant", color=(20, 70, 110), alt_text="A new production hall with a white facade")
    lab = library_picture("Laboratory", color=(70, 40, 100), alt_text="A chemist at a fume hood in a laboratory")
    covers = [plant, lab, None]  # one in three has no cover (its card is text only), but featured ones do

    # (category, project status, how many, first year started)
    plan = [
        (production, ProjectStatus.IN_PROGRESS, 14, year - 3),
        (research, ProjectStatus.COMPLETED, 4, year - 4),
        (education, ProjectStatus.PLANNED, 2, year + 2),
        (infrastructure, ProjectStatus.IN_PROGRESS, 3, year - 1),
    ]
    day = 0
    for category, status, count, first_year in plan:
        for n in range(count):
            day += 1
            started = first_year + n % 5  # Production: 12 of 14 started by ``year``, 2 this year
            completed = started + 1 if status == ProjectStatus.COMPLETED else None
            room.entries.append(
                EntryFactory(
                    title=f"{category.name}: project {n + 1}",
                    category=category,
                    organization=organizations[n % len(organizations)],
                    project_status=status,
                    year_started=started,
                    year_completed=completed,
                    cover=covers[day % len(covers)] or (lab if n == 0 else None),  # featured: a cover
                    featured=n == 0,
                    published_at=timezone.now() - datetime.timedelta(days=day),
                )
            )

    organization = OrganizationFactory(name=SHOWCASE_ORGANIZATION[0], website=SHOWCASE_ORGANIZATION[1])
    cover = library_picture(
        "Filling hall",
        alt_text="The filling hall of the new site, seen from the gallery",
        caption="The filling hall in October",
        credit="© SteriLine",
    )
    room.showcase = EntryFactory(
        title=SHOWCASE_TITLE,
        category=production,
        organization=organization,
        location="Novograd, Severny industrial zone",
        project_status=ProjectStatus.IN_PROGRESS,
        year_started=year - 2,
        summary="Two isolator lines for vials and prefilled syringes, 40 million units a year.",
        body=SHOWCASE_BODY,
        cover=cover,
        published_at=timezone.now() - datetime.timedelta(days=day + 30),
    )
    for position, (label, value) in enumerate(SHOWCASE_KEY_FIGURES):
        KeyFigureFactory(entry=room.showcase, label=label, value=value, position=position)
    for position, (label, color, caption) in enumerate(SHOWCASE_GALLERY):
        picture = library_picture(
            label, size=(960, 640), color=color, alt_text=caption, caption=caption, credit="© SteriLine"
        )
        GalleryItemFactory(entry=room.showcase, picture=picture, caption=caption if position else "", position=position)
    room.entries.append(room.showcase)

    room.undescribed = library_picture("Just uploaded", size=(640, 360), color=(90, 90, 90), alt_text="")
    if with_draft:
        room.draft = EntryFactory(
            draft=True, title="Draft: a biologics pilot plant", category=research, organization=organizations[0]
        )
    return room


# --- both -----------------------------------------------------------------------------------


@dataclass
class SiteContent:
    """What a page type needs: the newsroom, the portfolio, both or neither."""

    news: Newsroom | None = None
    portfolio: Portfolio | None = None


def make_site(*, news: bool = True, portfolio: bool = True, with_drafts: bool = True) -> SiteContent:
    return SiteContent(
        news=make_newsroom(with_draft=with_drafts) if news else None,
        portfolio=make_portfolio(with_draft=with_drafts) if portfolio else None,
    )
