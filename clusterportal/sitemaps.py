"""The sitemap (``/sitemap.xml``), made from the registry: every section's and every content
type's list, then the published items of each type that has pages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from clusterportal import registry
from clusterportal.registry import ContentType


class ListsSitemap(Sitemap):
    """The home page, each header section's page and each content type's list."""

    changefreq = "daily"

    def items(self) -> list[str]:
        urls = [reverse("home")]
        urls += [section.url for section in registry.sections()]
        urls += [content_type.list_url for content_type in registry.content_types()]
        return list(dict.fromkeys(urls))  # in order, without repeats (news is a section and a type)

    def location(self, item: str) -> str:
        return item


class PublishedSitemap(Sitemap):
    """The published items of one content type."""

    changefreq = "monthly"
    limit = 5000

    def __init__(self, content_type: ContentType):
        self.content_type = content_type

    def items(self):
        return self.content_type.model.objects.published().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


def sitemaps() -> dict[str, Sitemap]:
    found: dict[str, Sitemap] = {"lists": ListsSitemap()}
    found.update((ct.key, PublishedSitemap(ct)) for ct in registry.content_types() if ct.has_page)
    return found
