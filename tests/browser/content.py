"""Content the browser tests look at: a newsroom of ~25 articles, a portfolio of ~25 projects,
a media center of ~18 galleries, 3 videos, 5 publications and 3 press mentions.

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
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    EntryFactory,
    GalleryItemFactory,
    KeyFigureFactory,
    OrganizationFactory,
    PictureFactory,
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


# --- media center -----------------------------------------------------------------------------

SHOWCASE_GALLERY_TITLE = "Open day at the sterile injectables plant"
#: (label, colour, caption, credit) of the showcase gallery's photos, in their order.
SHOWCASE_PHOTOS = [
    ("Welcome", (40, 90, 140), "Visitors gather at the entrance of the plant", "Photo: Anna Petrova"),
    ("Airlock", (60, 110, 60), "Gowning up in the airlock before the clean room", ""),
    ("Isolator", (120, 70, 30), "The isolator filling line behind glass", "Photo: Anna Petrova"),
    ("QC lab", (70, 40, 100), "", ""),  # no caption of its own: the picture's caption is shown
    ("Warehouse", (20, 100, 100), "The cold-chain warehouse and its automated racks", ""),
]
YOUTUBE_URL = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
RUTUBE_URL = "https://rutube.ru/video/0123456789abcdef0123456789abcdef/"
VIMEO_URL = "https://vimeo.com/76979871"


@dataclass
class MediaCenter:
    """What ``make_media_center`` created, and the addresses the tests visit."""

    year: int
    galleries: list = field(default_factory=list)
    showcase: object = None  # five photos with captions and credits; on page 2 of ``gallery_query``
    empty_gallery: object = None  # published, no photos yet
    videos: list = field(default_factory=list)
    video: object = None  # YouTube, with a poster
    publications: list = field(default_factory=list)
    publication: object = None  # the annual report, a PDF
    press: list = field(default_factory=list)
    draft_gallery: object = None

    @property
    def gallery_query(self) -> str:
        """year=``year``: 16 galleries, so two pages of 12; the showcase is on page 2."""
        return urlencode({"year": self.year})

    @property
    def publication_query(self) -> str:
        return urlencode({"type": "annual_report", "year": self.year})


def make_media_center(*, with_draft: bool = True) -> MediaCenter:
    """16 galleries last year (two pages of 12) and 2 the year before, 3 videos, 5 publications, 3 press mentions.

    The showcase gallery (five photos) and the empty gallery are the oldest of last year's: page 2.
    """
    from media_center.models import PublicationType
    from tests.factories import (
        DOCX_BYTES,
        GalleryFactory,
        GalleryPhotoFactory,
        PressMentionFactory,
        PublicationFactory,
        VideoFactory,
    )

    year = timezone.localdate().year - 1
    media = MediaCenter(year=year)
    covers = [
        library_picture("Conference", color=(20, 70, 110), alt_text="Speakers on the stage of the cluster conference"),
        library_picture("Training", color=(70, 40, 100), alt_text="Students at a training filling line"),
        None,  # a gallery without cover or photos: its card shows the placeholder
    ]
    for n in range(14):
        media.galleries.append(
            GalleryFactory(
                title=f"Cluster event {n + 1} of {year}",
                cover=covers[n % len(covers)],
                published_at=moscow(year, 12 - n % 12, 20 - n),
            )
        )
    for n in range(2):
        media.galleries.append(
            GalleryFactory(
                title=f"Cluster event {n + 1} of {year - 1}", cover=covers[0], published_at=moscow(year - 1, 6, 1 + n)
            )
        )
    media.showcase = GalleryFactory(
        title=SHOWCASE_GALLERY_TITLE,
        description="Three hundred visitors toured the clean rooms, the laboratory and the warehouse.",
        published_at=moscow(year, 1, 2),
    )
    for position, (label, color, caption, credit) in enumerate(SHOWCASE_PHOTOS):
        picture = library_picture(
            label,
            size=(960, 640),
            color=color,
            alt_text=f"{label}: {caption or 'the quality control laboratory'}",
            caption="The quality control laboratory" if not caption else "",
        )
        GalleryPhotoFactory(gallery=media.showcase, picture=picture, caption=caption, credit=credit, position=position)
    media.galleries.append(media.showcase)
    media.empty_gallery = GalleryFactory(
        title="Groundbreaking of the new warehouse", description="Photos follow soon.", published_at=moscow(year, 1, 1)
    )
    media.galleries.append(media.empty_gallery)

    poster = library_picture(
        "Interview", color=(110, 30, 50), alt_text="The plant director in front of the filling line"
    )
    media.video = VideoFactory(
        title="The plant director on the first year of production",
        description="Twelve minutes on qualification, hiring and the next line.",
        video_url=YOUTUBE_URL,
        cover=poster,
        published_at=moscow(year, 11, 3),
    )
    media.videos = [
        media.video,
        VideoFactory(
            title="A day in the quality control laboratory", video_url=RUTUBE_URL, published_at=moscow(year, 9, 1)
        ),
        VideoFactory(title="How a vial is filled", video_url=VIMEO_URL, published_at=moscow(year - 1, 5, 5)),
    ]

    media.publication = PublicationFactory(
        title=f"Annual report {year}",
        publication_type=PublicationType.ANNUAL_REPORT,
        description="Output, exports and employment of the member companies.",
        published_at=moscow(year, 4, 1),
    )
    media.publications = [
        media.publication,
        PublicationFactory(
            title=f"Annual report {year - 1}",
            publication_type=PublicationType.ANNUAL_REPORT,
            published_at=moscow(year - 1, 4, 1),
        ),
        PublicationFactory(
            title="The cluster in twenty slides",
            publication_type=PublicationType.PRESENTATION,
            published_at=moscow(year, 6, 10),
        ),
        PublicationFactory(
            title="Investing in the cluster", publication_type=PublicationType.BROCHURE, published_at=moscow(year, 3, 3)
        ),
        PublicationFactory(
            title="The training centre opens",
            publication_type=PublicationType.PRESS_RELEASE,
            language="ru",
            file=ContentFile(DOCX_BYTES, name="press-release.docx"),
            published_at=moscow(year, 9, 15),
        ),
    ]
    media.press = [
        PressMentionFactory(
            title=f"A pharmaceutical cluster that grows ({n + 1})",
            outlet=outlet,
            published_at=moscow(year, 10 - n, 5),
        )
        for n, outlet in enumerate(["Vedomosti", "Pharma Business Review", "Regional Herald"])
    ]
    if with_draft:
        media.draft_gallery = GalleryFactory(draft=True, title="Draft: the board visit")
    return media


# --- all of it -------------------------------------------------------------------------------


@dataclass
class SiteContent:
    """What a page type needs: the newsroom, the portfolio, the media center, some or none."""

    news: Newsroom | None = None
    portfolio: Portfolio | None = None
    media: MediaCenter | None = None


def make_site(
    *, news: bool = True, portfolio: bool = True, media: bool = True, with_drafts: bool = True
) -> SiteContent:
    return SiteContent(
        news=make_newsroom(with_draft=with_drafts) if news else None,
        portfolio=make_portfolio(with_draft=with_drafts) if portfolio else None,
        media=make_media_center(with_draft=with_drafts) if media else None,
    )
