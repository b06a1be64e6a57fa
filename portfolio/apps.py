from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = "Portfolio"

    def ready(self):
        from clusterportal.search import SearchSource, register_search_source
        from portfolio.models import Entry

        register_search_source(
            SearchSource(
                key="portfolio",
                label="Portfolio",
                item_label="Portfolio project",
                queryset=lambda: Entry.objects.published().select_related("category", "organization"),
                fields={
                    "title": "A",
                    "summary": "B",
                    "organization__name": "B",
                    "location": "B",
                    "category__name": "C",
                    "body": "C",
                },
                snippet_fields=("summary", "body"),
                position=15,
            )
        )
