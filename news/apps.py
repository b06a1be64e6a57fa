from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "News"

    def ready(self):
        # News joins the media center's stream (and the home page's) and the site search
        # through the shared registries, so that no other app imports news.
        from clusterportal.registry import StreamSource, register_stream_source
        from clusterportal.search import SearchSource, register_search_source
        from news.models import Article

        stream = StreamSource(
            key="news",
            label="News",
            item_label="News",
            queryset=lambda: Article.objects.published().select_related("category"),
            position=10,
        )
        register_stream_source(stream)
        register_search_source(
            SearchSource.like(
                stream,
                fields={"title": "A", "lead": "B", "category__name": "B", "body": "C"},
                snippet_fields=("lead", "body"),
            )
        )
