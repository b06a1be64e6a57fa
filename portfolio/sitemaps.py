from django.contrib.sitemaps import Sitemap

from portfolio.models import Entry


class EntrySitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Entry.objects.published().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at
