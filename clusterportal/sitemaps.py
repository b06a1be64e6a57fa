from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class StaticSitemap(Sitemap):
    """The site's fixed pages; each section adds a sitemap of its own items."""

    changefreq = "daily"

    def items(self):
        return ["home", "news:list", "portfolio:list"]

    def location(self, item):
        return reverse(item)
