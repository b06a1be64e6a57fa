"""The sitemap, made from the registry: ``/sitemap.xml`` is an index of sections, each at
``/sitemap-<section>.xml`` (``?p=2``… for its further pages). The ``lists`` section holds every
section's and every content type's list in every language; each content type that has pages has
a section of its published items, with their translations as ``hreflang`` alternates.

An item section's pages are ranges of primary keys (``PublishedSitemap.limit`` ids each), so a
page is one bounded index range however many items there are: no OFFSET, no COUNT of the whole
table. The index lists only ranges that hold a published item (a sitemap needs at least one
``<url>``), found in one query per section.
"""

from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Exists, Max, QuerySet
from django.urls import reverse

from clusterportal import languages, registry
from clusterportal.registry import ContentType

#: Ranges checked per query when the index looks for empty ones (PostgreSQL allows at most
#: 1,664 columns in a result, SQLite 2,000).
PROBES_PER_QUERY = 1000


class ListsSitemap(Sitemap):
    """The home page, each header section's page and each content type's list, in every
    language, each with its other languages as alternates (and ``x-default``)."""

    changefreq = "daily"
    i18n = True
    alternates = True
    x_default = True

    @property
    def languages(self) -> list[str]:
        return languages.codes()

    def items(self) -> list[str]:
        names = ["home"]
        names += [section.url_name for section in registry.sections()]
        names += [f"{content_type.key}:list" for content_type in registry.content_types()]
        return list(dict.fromkeys(names))  # in order, without repeats (news is a section and a type)

    def location(self, item: str) -> str:
        return reverse(item)  # in the language Django's sitemap activates for each entry


class RangePage:
    def __init__(self, object_list: QuerySet, start: int, stop: int):
        self.object_list = object_list
        self.start, self.stop = start, stop  #: the ids it covers: start <= id < stop


class RangePaginator:
    """Pages of ``items`` by primary key: page ``n`` is the ``n``-th range of ``size`` ids
    (``[k·size, (k+1)·size)``) that holds at least one of them. What Django's sitemap views read
    of a paginator: ``num_pages`` and ``page(n).object_list``."""

    def __init__(self, items: QuerySet, size: int):
        self.items = items
        self.size = size

    @cached_property
    def ranges(self) -> list[int]:
        """The numbers ``k`` of the ranges that hold an item, in order: one MAX(id) and one
        query of EXISTS probes (each stops at its range's first item)."""
        last = self.items.aggregate(last=Max("pk"))["last"]
        if last is None:
            return []
        found: list[int] = []
        candidates = list(range(last // self.size + 1))
        for start in range(0, len(candidates), PROBES_PER_QUERY):
            chunk = candidates[start : start + PROBES_PER_QUERY]
            probes = {f"range_{k}": Exists(self._range(k)) for k in chunk}
            # Any one row carries the probes (their subqueries do not depend on it).
            row = self.items.model._base_manager.order_by().annotate(**probes).values_list(*probes)[:1]
            flags = next(iter(row), None)
            if flags is None:  # the table was emptied meanwhile
                return []
            found += [k for k, present in zip(chunk, flags, strict=True) if present]
        return found

    @property
    def num_pages(self) -> int:
        return len(self.ranges)

    def validate_number(self, number) -> int:
        """``number`` as the sitemap view passes it (``?p=``, a string, already checked for ASCII
        digits by ``views.sitemap_section``; 1 without it), within the pages."""
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(number) from None
        if not 1 <= number <= self.num_pages:
            raise EmptyPage(number)
        return number

    def page(self, number) -> RangePage:
        k = self.ranges[self.validate_number(number) - 1]
        return RangePage(self._range(k).order_by("pk"), k * self.size, (k + 1) * self.size)

    def _range(self, k: int) -> QuerySet:
        return self.items.filter(pk__gte=k * self.size, pk__lt=(k + 1) * self.size)


class PublishedSitemap(Sitemap):
    """The published items of one content type, each at its own language's address, with its
    published translations as alternates (two queries per sitemap page, after the paginator's)."""

    changefreq = "monthly"
    #: Ids per page, so at most this many URLs (the protocol allows 50,000). Smaller, because a
    #: page costs about 0.1 ms per URL to render: 10,000 is about a second
    #: (bench/admin_at_size.py), and an index of 100 pages per million items is tiny.
    limit = 10_000

    def __init__(self, content_type: ContentType):
        self.content_type = content_type

    def items(self):
        return self.content_type.model.objects.published().only("slug", "language", "translation_key", "updated_at")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # Django's would call lastmod() for every item of every page for the index; a MAX over
        # the published items would read them all as well. The index goes without; each page
        # says its own lastmod for each URL.
        return None

    @cached_property
    def paginator(self) -> RangePaginator:
        return RangePaginator(self.items(), self.limit)

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        if not urls:
            return urls
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        groups: dict = {}
        for url in urls:
            groups.setdefault(url["item"].translation_key, []).append(url["item"])
        # The page's own items are at hand; only their translations on other pages are read.
        bounds = self.paginator.page(page)
        others = self.items().filter(translation_key__in=groups).exclude(pk__gte=bounds.start, pk__lt=bounds.stop)
        for item in others:
            groups[item.translation_key].append(item)
        order = languages.codes()
        for url in urls:
            group = groups[url["item"].translation_key]
            if len(group) > 1:
                url["alternates"] = [
                    {"lang_code": item.language, "location": origin + item.get_absolute_url()}
                    for item in sorted(group, key=lambda item: order.index(item.language))
                    if item.language in order
                ]
        return urls


def sitemaps() -> dict[str, Sitemap]:
    found: dict[str, Sitemap] = {"lists": ListsSitemap()}
    found.update((ct.key, PublishedSitemap(ct)) for ct in registry.content_types() if ct.has_page)
    return found
