from django.conf import settings
from django.urls import reverse_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from clusterportal.feeds import SiteFeed
from news.models import Article


class LatestArticlesFeed(SiteFeed):
    link = reverse_lazy("news:list")
    description = _("The latest news of the cluster and its member companies.")

    def title(self):
        # Translators: the news feed's title; %(site)s is the site's name.
        return gettext("%(site)s: news") % {"site": settings.SITE_NAME}

    def items(self):
        return Article.objects.published().in_language().select_related("category")[:20]

    def item_categories(self, item):
        return [item.category.name]
