from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "News"

    def ready(self):
        # News is declared once, here: the header, the home page, the media center's stream,
        # the site search and the sitemap read this declaration; no other app imports news.
        from clusterportal.registry import ContentType, Section, register, register_section
        from news.filters import ArticleFilter
        from news.models import Article

        articles = ContentType(
            model=Article,
            label="News",
            item_label="News",
            section="news",
            filterset=ArticleFilter,
            related=("category", "cover"),
            search_fields={"title": "A", "lead": "B", "category__name": "B", "body": "C"},
            snippet_fields=("lead", "body"),
            in_stream=True,
            latest_template="news/includes/latest.html",
            position=10,
        )
        register(articles)
        register_section(
            Section(
                key="news",
                label="News",
                url_name="news:list",
                position=10,
                home_title="Latest news",
                home_template="news/includes/latest.html",
                home_items=lambda: articles.published()[:6],
                home_more="All news",
            )
        )
