from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from media_center.models import Gallery, Publication, Video


class MediaCenterPagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["media_center:index", "galleries:list", "videos:list", "publications:list", "press:list"]

    def location(self, item):
        return reverse(item)


class _PublishedSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000
    model = None

    def items(self):
        return self.model.objects.published().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class GallerySitemap(_PublishedSitemap):
    model = Gallery


class VideoSitemap(_PublishedSitemap):
    model = Video


class PublicationSitemap(_PublishedSitemap):
    model = Publication
