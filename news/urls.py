from django.urls import path

from news import feeds, views

app_name = "news"

urlpatterns = [
    path("", views.ArticleList.as_view(), name="list"),
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("<slug:slug>/", views.ArticleDetail.as_view(), name="detail"),
    path("<slug:slug>/print/", views.ArticlePrint.as_view(), name="print"),
]
