from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy

from news.models import Article


class LatestArticlesFeed(Feed):
    title = f"{settings.SITE_NAME}: news"
    link = reverse_lazy("news:list")
    description = "The latest news of the cluster and its member companies."

    def items(self):
        return Article.objects.published().select_related("category")[:20]

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
