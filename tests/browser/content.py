"""Content the browser tests look at: a newsroom of ~25 articles, a portfolio of ~25 projects,
a media center of ~18 galleries, 3 videos, 4 publications and 3 press mentions, in English.

With ``russian=True``, each section also gets its Russian side (``.russian``, of the same shape):
Russian translations of its showcase items (the long article; the showcase project, gallery,
video and annual report), which share their ``translation_key`` and pictures, and Russian-only
items, enough for every page type in Russian (two pages of Russian news, featured Russian
projects, a Russian press release…). Taxonomy is shared: each category and organization has a
Russian name.

Pictures come from the site's one pipeline (``clusterportal.models.Picture``: validated upload,
WebP renditions made on save). Making one costs about 0.1 s, so the content reuses a handful of
library pictures as covers, as editors do; the Russian items make none of their own. And a
process makes each picture once (see ``PictureFiles``) and draws each social card once (see
``cards_drawn_once``).
"""

from __future__ import annotations

import atexit
import datetime
import io
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
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

RUSSIAN = "ru"

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
LONG_SOURCE_URL = "https://example.org/pharma-daily/2025/06/sterile-injectables-plant-opens-after-qualification"
LONG_COVER_ALT = "Two technicians in clean-room suits at an isolator filling line"

#: The long article's Russian translation: the same shape, in Russian.
RU_LONG_PARAGRAPHS = [
    f"Абзац {n}: консорциум из {n + 11} компаний — участников кластера сообщил, что новая линия "
    "стерильных инъекционных препаратов прошла квалификационные испытания, что контур воды для "
    "инъекций уложился в микробиологические пределы во всех точках отбора проб и что первые "
    "коммерческие серии выпущены уполномоченным лицом после полной проверки досье на серии, данных "
    "мониторинга производственной среды и результатов испытаний питательными средами. Представители "
    "региона осмотрели чистые помещения и лабораторию контроля качества и встретились с выпускниками "
    "технического колледжа, которые теперь работают на линии розлива."
    for n in range(1, 15)
]
RU_LONG_TITLE = "Завод стерильных инъекционных препаратов открылся после года квалификации"


def long_body(paragraphs: list[str], heading: str, quote: str, items: list[str]) -> str:
    """The long article's body: paragraphs, a heading, a quotation, more paragraphs, a list."""
    return (
        "".join(f"<p>{text}</p>" for text in paragraphs[:5])
        + f"<h2>{heading}</h2>"
        + f"<blockquote><p>{quote}</p></blockquote>"
        + "".join(f"<p>{text}</p>" for text in paragraphs[5:10])
        + "<ul>"
        + "".join(f"<li>{item}</li>" for item in items)
        + "</ul>"
        + "".join(f"<p>{text}</p>" for text in paragraphs[10:])
    )


LONG_BODY = long_body(
    LONG_PARAGRAPHS,
    "What the regulator said",
    "“This site sets the standard for the region,” said the head of the inspection team, Dr Irina Sokolova.",
    ["Two isolator filling lines", "A quality control laboratory", "A warehouse for cold-chain products"],
)
RU_LONG_BODY = long_body(
    RU_LONG_PARAGRAPHS,
    "Что сказал регулятор",
    "«Эта площадка задаёт стандарт для региона», — сказала руководитель инспекции д-р Ирина Соколова.",
    ["Две изоляторные линии розлива", "Лаборатория контроля качества", "Склад продукции холодовой цепи"],
)


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


# --- pictures: made once per process ------------------------------------------------------

#: The renditions imagekit makes of a library picture when it is saved (Picture's ImageSpecFields).
RENDITIONS = ("w480", "w960", "w1600", "social")


@dataclass(frozen=True)
class StoredPicture:
    name: str  #: the original's storage name
    width: int
    height: int
    files: tuple[str, ...]  #: storage names of the original and of its renditions


class PictureFiles:
    """The files the pipeline stored for each picture ``library_picture`` drew in this process.

    Each test has a media folder of its own, and making a picture (drawing it, checking the upload,
    encoding four renditions) is most of what building the content costs. So the first time a
    process draws a picture (a label, a size and a colour), what the pipeline stored is copied
    aside; the next test gets a copy of those files in its media folder and a Picture naming the
    stored original. imagekit names renditions after their original (``source_name_as_path``) and
    makes them when an original is uploaded, not when a stored one is named: it finds them where
    it put them and makes none. The files are byte for byte what the pipeline made for that picture.
    """

    def __init__(self) -> None:
        self._folder: Path | None = None
        self._stored: dict[tuple, StoredPicture] = {}

    def _aside(self) -> Path:
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="browser-pictures-"))
            atexit.register(shutil.rmtree, self._folder, True)
        return self._folder

    def keep(self, key: tuple, picture) -> None:
        if key in self._stored:
            return
        files = (picture.image.name, *(getattr(picture, attname).name for attname in RENDITIONS))
        for name in files:
            _copy(Path(default_storage.path(name)), self._aside() / name)
        self._stored[key] = StoredPicture(picture.image.name, picture.width, picture.height, files)

    def restore(self, key: tuple) -> StoredPicture | None:
        """Put the files of ``key`` into this test's media folder. None if this process has not
        made that picture yet, or if this test has it already (it is then made again)."""
        stored = self._stored.get(key)
        if stored is None or default_storage.exists(stored.name):
            return None
        for name in stored.files:
            _copy(self._aside() / name, Path(default_storage.path(name)))
        return stored


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


PICTURE_FILES = PictureFiles()


def library_picture(label: str, *, size=(1200, 675), color=(11, 85, 99), **fields):
    """A picture in the library (with its renditions), drawn with ``label`` on it."""
    key = (label, tuple(size), tuple(color))
    stored = PICTURE_FILES.restore(key)
    if stored is not None:
        return PictureFactory(image=stored.name, width=stored.width, height=stored.height, title=label, **fields)
    image = ContentFile(png_bytes(size, color, label), name=f"{label.lower().replace(' ', '-')}.png")
    picture = PictureFactory(image=image, title=label, **fields)
    PICTURE_FILES.keep(key, picture)
    return picture


#: (site name, section, title) -> the card drawn for them, in this process.
_CARDS: dict[tuple[str, str, str], bytes] = {}


@contextmanager
def cards_drawn_once():
    """While content is made: each social card drawn once per process.

    Every item without a cover gets its social card drawn when it is saved (about 5 ms each, half
    of what making a whole site costs once its pictures are kept), and the tests make the same
    items, with the same titles, again and again. The drawing depends on the site's name, the
    section and the title only, so the bytes drawn the first time are reused; each item still
    stores its own card, where the site would. Items saved by a test through the admin are drawn
    as always.
    """
    from clusterportal.pictures import cards

    draw = cards.draw_social_card
    if getattr(draw, "remembers", False):  # already inside
        yield
        return

    def draw_once(title: str, section: str) -> bytes:
        key = (settings.SITE_NAME, str(section), title)
        if key not in _CARDS:
            _CARDS[key] = draw(title, section)
        return _CARDS[key]

    draw_once.remembers = True
    cards.draw_social_card = draw_once
    try:
        yield
    finally:
        cards.draw_social_card = draw


def moscow(year: int, month: int, day: int, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def russian_translation_of(english) -> dict:
    """What makes an item the Russian translation of ``english``: its language and group."""
    return {"language": RUSSIAN, "translation_key": english.translation_key}


# --- news -----------------------------------------------------------------------------------


@dataclass
class Newsroom:
    """What ``make_newsroom`` created, and the addresses the tests visit (one language's)."""

    gmp: object
    events: object
    recent_year: int
    older_year: int
    articles: list = field(default_factory=list)
    long_article: object = None
    draft: object = None
    language: str = "en"
    russian: Newsroom | None = None  #: the Russian side, when made

    @property
    def filter_query(self) -> str:
        """category=GMP news & the recent year: 15 articles (Russian: 12), so two pages."""
        return urlencode({"category": self.gmp.slug, "year": self.recent_year})


@cards_drawn_once()
def make_newsroom(*, with_draft: bool = True, russian: bool = False) -> Newsroom:
    """25 published articles in two categories over two years, plus a long one with a cover.

    GMP news in the recent year: 14 short articles plus the long one = 15, i.e. two pages of 10.
    """
    recent = timezone.localdate().year - 1
    older = recent - 1
    gmp = CategoryFactory(name_en="GMP news", name_ru="Новости GMP", slug="gmp-news", position=1)
    events = CategoryFactory(name_en="Cluster events", name_ru="События кластера", slug="cluster-events", position=2)
    room = Newsroom(gmp=gmp, events=events, recent_year=recent, older_year=older)

    plan = [(gmp, recent, 14), (gmp, older, 3), (events, recent, 4), (events, older, 3)]
    for category, year, count in plan:
        for n in range(count):
            month, day = 1 + n % 11, 1 + (n * 2) % 27
            room.articles.append(
                ArticleFactory(
                    title=f"{category.name_en}: update {n + 1} of {year}",
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
    if russian:
        room.russian = make_russian_newsroom(room, with_draft=with_draft)
    return room


def make_russian_newsroom(english: Newsroom, *, with_draft: bool) -> Newsroom:
    """The long article's translation and 14 Russian-only articles: Новости GMP in the recent
    year has 11 of them plus the translation = 12, two pages of 10."""
    room = Newsroom(
        gmp=english.gmp,
        events=english.events,
        recent_year=english.recent_year,
        older_year=english.older_year,
        language=RUSSIAN,
    )
    plan = [
        (english.gmp, room.recent_year, 11),
        (english.gmp, room.older_year, 1),
        (english.events, room.recent_year, 2),
    ]
    for category, year, count in plan:
        for n in range(count):
            room.articles.append(
                ArticleFactory(
                    language=RUSSIAN,
                    title=f"{category.name_ru}: сообщение {n + 1} за {year} год",
                    category=category,
                    lead="Новая площадка по выпуску стерильных препаратов начинает работу в кластере.",
                    body="<p>На заводе будут работать <strong>250</strong> человек.</p>",
                    source_name="Фарма Дейли",
                    published_at=moscow(year, 1 + n % 11, 2 + (n * 2) % 26),
                )
            )
    long = english.long_article
    room.long_article = ArticleFactory(
        **russian_translation_of(long),
        title=RU_LONG_TITLE,
        category=long.category,
        published_at=long.published_at,
        lead="Крупнейший участник кластера начинает коммерческий выпуск стерильных инъекционных препаратов.",
        body=RU_LONG_BODY,
        source_name="Фарма Дейли",
        source_url=long.source_url,
        cover=long.cover,
    )
    room.articles.append(room.long_article)
    if with_draft:
        room.draft = ArticleFactory(
            draft=True, language=RUSSIAN, title="Черновик: бюджет следующей программы кластера", category=room.events
        )
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
RU_SHOWCASE_TITLE = "Изоляторная линия розлива стерильных инъекционных препаратов"
RU_SHOWCASE_KEY_FIGURES = [
    ("Инвестиции", "1,2 млрд руб."),
    ("Рабочие места", "250"),
    ("Мощность", "40 млн флаконов в год"),
]
RU_SHOWCASE_CAPTIONS = [
    "Изоляторная линия розлива во время квалификационных испытаний",
    "Лаборатория контроля качества на первом этаже",
    "Склад холодовой цепи с автоматическими стеллажами",
]
RU_SHOWCASE_BODY = (
    "<p>Площадка разливает флаконы и предварительно заполненные шприцы на двух изоляторных линиях; "
    "у неё своя лаборатория контроля качества и склад холодовой цепи.</p>"
    "<h2>Как идёт проект</h2>"
    + "".join(f"<p>{text}</p>" for text in RU_LONG_PARAGRAPHS[:3])
    + "<ul><li>Проектирование и разрешения</li><li>Строительство чистых помещений</li><li>Квалификация</li></ul>"
)


@dataclass
class Portfolio:
    """What ``make_portfolio`` created, and the addresses the tests visit (one language's)."""

    production: object
    research: object
    year: int
    entries: list = field(default_factory=list)
    showcase: object = None  # cover, key figures, a gallery of three, an organization with a website
    draft: object = None
    undescribed: object = None  # a library picture still waiting for its alt text
    language: str = "en"
    russian: Portfolio | None = None  #: the Russian side, when made

    @property
    def journey_query(self) -> str:
        """category=Production & status=In progress: 15 projects, so two pages of 12."""
        return urlencode({"category": self.production.slug, "status": ProjectStatus.IN_PROGRESS})

    @property
    def filter_query(self) -> str:
        """The journey's filters and a year: the projects of Production running in ``year``."""
        return urlencode({"category": self.production.slug, "status": ProjectStatus.IN_PROGRESS, "year": self.year})


@cards_drawn_once()
def make_portfolio(*, with_draft: bool = True, russian: bool = False) -> Portfolio:
    """About 25 published projects in four categories, three of them featured, plus a showcase.

    Production / in progress: 14 projects plus the showcase (the oldest of them, so it is the last
    card of page 2). Of those 15, 13 had started by last year (``year``): two pages with the year too.
    """
    year = timezone.localdate().year - 1
    production = PortfolioCategoryFactory(name_en="Production", name_ru="Производство", slug="production", position=1)
    research = PortfolioCategoryFactory(
        name_en="Research and development",
        name_ru="Исследования и разработки",
        slug="research-and-development",
        position=2,
    )
    education = PortfolioCategoryFactory(name_en="Education", name_ru="Образование", slug="education", position=3)
    infrastructure = PortfolioCategoryFactory(
        name_en="Infrastructure", name_ru="Инфраструктура", slug="infrastructure", position=4
    )
    organizations = [
        OrganizationFactory(name_en="Medisintez", name_ru="Медисинтез", website="https://medisintez.example.com/"),
        OrganizationFactory(name_en="NovoCaps", name_ru="НовоКапс", website="https://novocaps.example.com/"),
        OrganizationFactory(name_en="Novograd Technopark", name_ru="Технопарк «Новоград»", website=""),
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
                    title=f"{category.name_en}: project {n + 1}",
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

    organization = OrganizationFactory(
        name_en=SHOWCASE_ORGANIZATION[0], name_ru="СтериЛайн", website=SHOWCASE_ORGANIZATION[1]
    )
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
    gallery = []
    for position, (label, color, caption) in enumerate(SHOWCASE_GALLERY):
        picture = library_picture(
            label, size=(960, 640), color=color, alt_text=caption, caption=caption, credit="© SteriLine"
        )
        gallery.append(picture)
        GalleryItemFactory(entry=room.showcase, picture=picture, caption=caption if position else "", position=position)
    room.entries.append(room.showcase)

    room.undescribed = library_picture("Just uploaded", size=(640, 360), color=(90, 90, 90), alt_text="")
    if with_draft:
        room.draft = EntryFactory(
            draft=True, title="Draft: a biologics pilot plant", category=research, organization=organizations[0]
        )
    if russian:
        room.russian = make_russian_portfolio(
            room, organizations=organizations, covers=(plant, lab), gallery=gallery, with_draft=with_draft
        )
    return room


def make_russian_portfolio(english: Portfolio, *, organizations, covers, gallery, with_draft: bool) -> Portfolio:
    """The showcase's translation (its key figures and gallery in Russian, the same pictures) and
    six Russian-only projects, two of them featured."""
    room = Portfolio(production=english.production, research=english.research, year=english.year, language=RUSSIAN)
    plant, lab = covers
    plan = [
        (english.production, ProjectStatus.IN_PROGRESS, "Участок упаковки", 4),
        (english.research, ProjectStatus.COMPLETED, "Пилотная установка", 2),
    ]
    day = 0
    for category, status, name, count in plan:
        for n in range(count):
            day += 1
            started = english.year - 2 + n % 2
            room.entries.append(
                EntryFactory(
                    language=RUSSIAN,
                    title=f"{name} № {n + 1}",
                    category=category,
                    organization=organizations[n % len(organizations)],
                    location="Новоград, промзона «Северная»",
                    project_status=status,
                    year_started=started,
                    year_completed=started + 1 if status == ProjectStatus.COMPLETED else None,
                    summary="Линия для флаконов и шприцев, 40 млн единиц в год.",
                    body="<p>На площадке будут работать <strong>250</strong> человек.</p>",
                    cover=(plant, lab, None)[day % 3] if n else lab,
                    featured=n == 0,
                    published_at=timezone.now() - datetime.timedelta(days=day),
                )
            )
    showcase = english.showcase
    room.showcase = EntryFactory(
        **russian_translation_of(showcase),
        title=RU_SHOWCASE_TITLE,
        category=showcase.category,
        organization=showcase.organization,
        location="Новоград, промзона «Северная»",
        project_status=showcase.project_status,
        year_started=showcase.year_started,
        summary="Две изоляторные линии для флаконов и предварительно заполненных шприцев, 40 млн единиц в год.",
        body=RU_SHOWCASE_BODY,
        cover=showcase.cover,
        published_at=showcase.published_at,
    )
    for position, (label, value) in enumerate(RU_SHOWCASE_KEY_FIGURES):
        KeyFigureFactory(entry=room.showcase, label=label, value=value, position=position)
    for position, (picture, caption) in enumerate(zip(gallery, RU_SHOWCASE_CAPTIONS, strict=True)):
        GalleryItemFactory(entry=room.showcase, picture=picture, caption=caption, position=position)
    room.entries.append(room.showcase)
    room.undescribed = english.undescribed
    if with_draft:
        room.draft = EntryFactory(
            draft=True,
            language=RUSSIAN,
            title="Черновик: пилотный завод биопрепаратов",
            category=english.research,
            organization=organizations[0],
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
RU_SHOWCASE_GALLERY_TITLE = "День открытых дверей на заводе стерильных препаратов"
#: (caption, credit) of the Russian showcase gallery's photos: the same pictures, in Russian.
RU_SHOWCASE_PHOTOS = [
    ("Посетители собираются у входа на завод", "Фото: Анна Петрова"),
    ("Переодевание в шлюзе перед чистым помещением", ""),
    ("Изоляторная линия розлива за стеклом", "Фото: Анна Петрова"),
    ("Лаборатория контроля качества", ""),
    ("Склад холодовой цепи и его автоматические стеллажи", ""),
]
YOUTUBE_URL = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
RUTUBE_URL = "https://rutube.ru/video/0123456789abcdef0123456789abcdef/"
VIMEO_URL = "https://vimeo.com/76979871"


@dataclass
class MediaCenter:
    """What ``make_media_center`` created, and the addresses the tests visit (one language's)."""

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
    language: str = "en"
    russian: MediaCenter | None = None  #: the Russian side, when made

    @property
    def gallery_query(self) -> str:
        """year=``year``: 16 galleries, so two pages of 12; the showcase is on page 2."""
        return urlencode({"year": self.year})

    @property
    def publication_query(self) -> str:
        return urlencode({"type": "annual_report", "year": self.year})


@cards_drawn_once()
def make_media_center(*, with_draft: bool = True, russian: bool = False) -> MediaCenter:
    """16 galleries last year (two pages of 12) and 2 the year before, 3 videos, 4 publications, 3 press mentions.

    The showcase gallery (five photos) and the empty gallery are the oldest of last year's: page 2.
    """
    from media_center.models import PublicationType
    from tests.factories import (
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
    photos = []
    for position, (label, color, caption, credit) in enumerate(SHOWCASE_PHOTOS):
        picture = library_picture(
            label,
            size=(960, 640),
            color=color,
            alt_text=f"{label}: {caption or 'the quality control laboratory'}",
            caption="The quality control laboratory" if not caption else "",
        )
        photos.append(picture)
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
    if russian:
        media.russian = make_russian_media_center(media, covers=covers, photos=photos, with_draft=with_draft)
    return media


def make_russian_media_center(english: MediaCenter, *, covers, photos, with_draft: bool) -> MediaCenter:
    """Translations of the showcase gallery (its photos' captions in Russian), the empty gallery,
    the YouTube video and this year's annual report; Russian-only galleries, a RuTube video, a
    press release (DOCX) and two press mentions."""
    from media_center.models import PublicationType
    from tests.factories import (
        DOCX_BYTES,
        GalleryFactory,
        GalleryPhotoFactory,
        PressMentionFactory,
        PublicationFactory,
        VideoFactory,
    )

    year = english.year
    media = MediaCenter(year=year, language=RUSSIAN)
    for n in range(4):
        media.galleries.append(
            GalleryFactory(
                language=RUSSIAN,
                title=f"Мероприятие кластера № {n + 1} за {year} год",
                description="Посетители осмотрели чистые помещения и лабораторию.",
                cover=covers[n % len(covers)],
                published_at=moscow(year, 12 - n, 10),
            )
        )
    media.showcase = GalleryFactory(
        **russian_translation_of(english.showcase),
        title=RU_SHOWCASE_GALLERY_TITLE,
        description="Триста посетителей осмотрели чистые помещения, лабораторию и склад.",
        published_at=english.showcase.published_at,
    )
    for position, (picture, (caption, credit)) in enumerate(zip(photos, RU_SHOWCASE_PHOTOS, strict=True)):
        GalleryPhotoFactory(gallery=media.showcase, picture=picture, caption=caption, credit=credit, position=position)
    media.galleries.append(media.showcase)
    media.empty_gallery = GalleryFactory(
        **russian_translation_of(english.empty_gallery),
        title="Закладка нового склада",
        description="Фотографии появятся в ближайшее время.",
        published_at=english.empty_gallery.published_at,
    )
    media.galleries.append(media.empty_gallery)

    media.video = VideoFactory(
        **russian_translation_of(english.video),
        title="Директор завода о первом годе производства",
        description="Двенадцать минут о квалификации, найме персонала и следующей линии.",
        video_url=english.video.video_url,
        cover=english.video.cover,
        published_at=english.video.published_at,
    )
    media.videos = [
        media.video,
        VideoFactory(
            language=RUSSIAN,
            title="Один день в лаборатории контроля качества",
            description="Как проверяют каждую серию.",
            video_url=RUTUBE_URL,
            published_at=moscow(year, 8, 1),
        ),
    ]

    media.publication = PublicationFactory(
        **russian_translation_of(english.publication),
        title=f"Годовой отчёт за {year} год",
        publication_type=PublicationType.ANNUAL_REPORT,
        description="Выпуск, экспорт и занятость на предприятиях — участниках кластера.",
        published_at=english.publication.published_at,
    )
    media.publications = [
        media.publication,
        PublicationFactory(
            language=RUSSIAN,
            title="Открывается учебный центр",
            publication_type=PublicationType.PRESS_RELEASE,
            description="Центр готовит операторов асептического производства.",
            file=ContentFile(DOCX_BYTES, name="press-release.docx"),
            published_at=moscow(year, 9, 15),
        ),
    ]
    media.press = [
        PressMentionFactory(
            language=RUSSIAN,
            title=f"Фармацевтический кластер растёт ({n + 1})",
            outlet=outlet,
            excerpt="Экспорт удвоился за три года.",
            published_at=moscow(year, 10 - n, 7),
        )
        for n, outlet in enumerate(["Ведомости", "Региональный вестник"])
    ]
    if with_draft:
        media.draft_gallery = GalleryFactory(draft=True, language=RUSSIAN, title="Черновик: визит правления")
    return media


# --- all of it -------------------------------------------------------------------------------


@dataclass
class SiteContent:
    """What a page type needs: the newsroom, the portfolio, the media center, some or none, in
    one language (``language``); ``in_language`` gives the site's other side."""

    news: Newsroom | None = None
    portfolio: Portfolio | None = None
    media: MediaCenter | None = None
    language: str = "en"
    russian: SiteContent | None = None

    def in_language(self, language: str) -> SiteContent:
        if language == self.language:
            return self
        if language == RUSSIAN and self.russian is not None:
            return self.russian
        raise LookupError(f"no {language!r} content was made (make_site(russian=True) makes the Russian side)")

    def path(self, path: str) -> str:
        """A page's address in this side's language: "/news/" is "/ru/news/" in Russian."""
        return path if self.language == settings.LANGUAGE_CODE else f"/{self.language}{path}"


@cards_drawn_once()
def make_site(
    *, news: bool = True, portfolio: bool = True, media: bool = True, with_drafts: bool = True, russian: bool = False
) -> SiteContent:
    site = SiteContent(
        news=make_newsroom(with_draft=with_drafts, russian=russian) if news else None,
        portfolio=make_portfolio(with_draft=with_drafts, russian=russian) if portfolio else None,
        media=make_media_center(with_draft=with_drafts, russian=russian) if media else None,
    )
    if russian:
        site.russian = SiteContent(
            news=site.news and site.news.russian,
            portfolio=site.portfolio and site.portfolio.russian,
            media=site.media and site.media.russian,
            language=RUSSIAN,
        )
    return site
