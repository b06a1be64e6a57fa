from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = pgettext_lazy("site section", "News")

    def ready(self):
        # News is declared once, here: the header, the home page, the media center's stream,
        # the site search and the sitemap read this declaration; no other app imports news.
        from clusterportal.registry import ContentType, Section, register, register_section
        from news.filters import ArticleFilter
        from news.models import Article

        articles = ContentType(
            model=Article,
            label=pgettext_lazy("content type, plural", "News"),
            item_label=pgettext_lazy("content type, one item", "News"),
            section="news",
            filterset=ArticleFilter,
            related=("category", "cover"),
            search_fields={"title": "A", "lead": "B", "category__name_en": "B", "category__name_ru": "B", "body": "C"},
            snippet_fields=("lead", "body"),
            in_stream=True,
            latest_template="news/includes/latest.html",
            more_label=_("All news"),
            position=10,
        )
        register(articles)
        register_section(
            Section(
                key="news",
                label=pgettext_lazy("site section", "News"),
                url_name="news:list",
                position=10,
                home_title=_("Latest news"),
                home_template="news/includes/latest.html",
                home_items=lambda: articles.published()[:6],
                home_more=_("All news"),
            )
        )
