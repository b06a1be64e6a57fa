from clusterportal.views import PublishedDetailView, PublishedListView, PublishedPrintView
from news.filters import ArticleFilter
from news.models import Article


class ArticleSection:
    model = Article
    filterset_class = ArticleFilter
    list_select_related = ("category", "cover")


class ArticleList(ArticleSection, PublishedListView):
    pass


class ArticleDetail(ArticleSection, PublishedDetailView):
    pass


class ArticlePrint(ArticleSection, PublishedPrintView):
    pass
