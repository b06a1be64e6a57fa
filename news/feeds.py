from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from news.models import Article


class LatestArticlesFeed(Feed):
    link = reverse_lazy("news:list")
    description = _("The latest news of the cluster and its member companies.")

    def title(self):
        # Translators: the news feed's title; %(site)s is the site's name.
        return gettext("%(site)s: news") % {"site": settings.SITE_NAME}

    def items(self):
        return Article.objects.published().in_language().select_related("category")[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.category.name]
