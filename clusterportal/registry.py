"""
The one declaration of each content type, and of each header section, read by every page that
gathers several of them: header navigation, the home page, the media center's stream and bar,
site search, the sitemap and the shared contract tests.

A content app declares its types once, in its ``AppConfig.ready()``::

    register_section(Section(key="news", label="News", url_name="news:list", position=10, ...))
    register(ContentType(
        model=Article,
        label="News", item_label="News", section="news",
        filterset=ArticleFilter, related=("category", "cover"),
        search_fields={"title": "A", "lead": "B", "category__name_en": "B", "category__name_ru": "B", "body": "C"},
        snippet_fields=("lead", "body"),
        in_stream=True, position=10,
    ))

What Django already says is not repeated: the key is the model's URL namespace
(``news:list``, ``news:detail``), template names are Django's defaults
(``news/article_list.html``), whether the type has pages of its own is ``model.has_page``.
``clusterportal`` imports no content app; content apps import no other content app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.urls import reverse

from clusterportal.filters import year_filterset


@dataclass(frozen=True)
class Section:
    """A part of the site in the header's navigation: "News", "Portfolio", "Media center"."""

    key: str  #: the value views put in ``section`` (``aria-current`` in the header)
    label: str  #: the header link's text
    url_name: str  #: where the header link goes: "news:list", "media_center:index"
    position: int = 100  #: order in the header and on the home page; lower first
    #: The section's block on the home page: a template given ``items`` (home_items()), or "".
    home_title: str = ""
    home_template: str = ""
    home_items: Callable[[], object] | None = None
    home_more: str = ""  #: the block's link to the whole section: "All news"

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class ContentType:
    """Everything the shared layer needs to know about one content type, written once."""

    model: type  #: a concrete ``clusterportal.models.Publishable``
    label: str  #: plural, for type choices and navigation: "Photo galleries"
    item_label: str  #: one item's type, on stream rows and search results: "Photo gallery"
    section: str  #: the key of the header ``Section`` its pages belong to
    #: The list's django-filter FilterSet (it also checks Return's ``from``); default: by year.
    filterset: type | None = None
    related: tuple[str, ...] = ()  #: ``select_related`` wherever its items are listed
    per_page: int = 10  #: list page size
    #: Site search: field path -> weight "A" (highest) … "D"; the first is the title.
    search_fields: dict[str, str] = field(default_factory=dict)
    #: Where a result's excerpt comes from: the first that matches, else the first of them.
    snippet_fields: tuple[str, ...] = ()
    search_template: str = "includes/search_result.html"  #: renders one result; gets ``hit``
    in_stream: bool = False  #: joins the media center's stream, bar and latest blocks
    stream_template: str = "includes/stream_item.html"  #: one stream row; gets ``item`` and ``object``
    latest_template: str = ""  #: the media center's "latest" block of this type; gets ``items``
    #: The newest ``count`` items as the latest block shows them, from ``published()`` (the
    #: page's language); default ``published()[:count]``.
    latest: Callable[[QuerySet, int], object] | None = None
    position: int = 100  #: order of type choices, the stream bar and search counts; lower first
    more_label: str = ""  #: a link to the whole list: "All photo galleries" (default: "All " + label)

    @property
    def all_label(self) -> str:
        return self.more_label or f"All {self.label.lower()}"

    @property
    def key(self) -> str:
        """``?type=`` value, URL namespace and CSS hook: "news", "galleries"."""
        return self.model.url_namespace

    @property
    def filter(self) -> type:
        """The list's FilterSet: the declared one, else a filter by year of publication."""
        return self.filterset or year_filterset(self.model)

    @property
    def has_page(self) -> bool:
        """Items have a page and a print view (press mentions link elsewhere)."""
        return self.model.has_page

    @property
    def list_url(self) -> str:
        return reverse(f"{self.key}:list")

    def published(self) -> QuerySet:
        """Published items in the page's language, newest first, with what a list row needs."""
        return self.model.objects.published().in_language().select_related(*self.related)

    def latest_items(self, count: int):
        return self.latest(self.published(), count) if self.latest is not None else self.published()[:count]


_SECTIONS: dict[str, Section] = {}
_TYPES: dict[type, ContentType] = {}


def register_section(section: Section) -> None:
    """Register (or replace, so that ``ready()`` may run twice) a header section."""
    _SECTIONS[section.key] = section


def register(content_type: ContentType) -> None:
    """Register (or replace) a content type."""
    if not getattr(content_type.model, "url_namespace", ""):
        raise ValueError(f"{content_type.model.__name__} has no url_namespace: it is its key.")
    _TYPES[content_type.model] = content_type


def sections() -> list[Section]:
    return sorted(_SECTIONS.values(), key=lambda section: (section.position, section.key))


def content_types() -> list[ContentType]:
    return sorted(_TYPES.values(), key=lambda ct: (ct.position, ct.key))


def searchable() -> list[ContentType]:
    return [ct for ct in content_types() if ct.search_fields]


def in_stream() -> list[ContentType]:
    return [ct for ct in content_types() if ct.in_stream]


def for_model(model: type) -> ContentType | None:
    """The declaration of ``model`` (or of the concrete model a proxy or instance class stands for)."""
    return _TYPES.get(model) or _TYPES.get(getattr(model._meta, "concrete_model", model))


def get(key: str) -> ContentType | None:
    return next((ct for ct in _TYPES.values() if ct.key == key), None)
