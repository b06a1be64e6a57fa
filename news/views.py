from clusterportal.views import PrintMixin, PublishedDetailView, PublishedListView
from news.models import Article


class ArticleList(PublishedListView):
    model = Article


class ArticleDetail(PublishedDetailView):
    model = Article


class ArticlePrint(PrintMixin, ArticleDetail):
    pass
