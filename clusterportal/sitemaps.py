"""The sitemap (``/sitemap.xml``), made from the registry: every section's and every content
type's list in every language, then the published items of each type that has pages, with
their translations as ``hreflang`` alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from clusterportal import languages, registry
from clusterportal.registry import ContentType


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


class PublishedSitemap(Sitemap):
    """The published items of one content type, each at its own language's address, with its
    published translations as alternates (one query per sitemap page)."""

    changefreq = "monthly"
    limit = 5000

    def __init__(self, content_type: ContentType):
        self.content_type = content_type

    def items(self):
        return self.content_type.model.objects.published().only("slug", "language", "translation_key", "updated_at")

    def lastmod(self, item):
        return item.updated_at

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        groups: dict = {}
        keys = {url["item"].translation_key for url in urls}
        for item in self.items().filter(translation_key__in=keys):
            groups.setdefault(item.translation_key, []).append(item)
        for url in urls:
            group = groups.get(url["item"].translation_key, [])
            if len(group) > 1:
                origin = url["location"][: -len(url["item"].get_absolute_url())]
                url["alternates"] = [
                    {"lang_code": item.language, "location": origin + item.get_absolute_url()}
                    for item in sorted(group, key=lambda item: languages.codes().index(item.language))
                    if item.language in languages.codes()
                ]
        return urls


def sitemaps() -> dict[str, Sitemap]:
    found: dict[str, Sitemap] = {"lists": ListsSitemap()}
    found.update((ct.key, PublishedSitemap(ct)) for ct in registry.content_types() if ct.has_page)
    return found
