from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = "Portfolio"

    def ready(self):
        # The portfolio is declared once, here (see clusterportal.registry).
        from clusterportal.registry import ContentType, Section, register, register_section
        from portfolio.filters import EntryFilter
        from portfolio.models import Entry

        entries = ContentType(
            model=Entry,
            label="Portfolio",
            item_label="Portfolio project",
            section="portfolio",
            filterset=EntryFilter,
            related=("category", "organization", "cover"),
            per_page=12,  # a grid of 3 × 4 cards
            search_fields={
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
        register(entries)
        register_section(
            Section(
                key="portfolio",
                label="Portfolio",
                url_name="portfolio:list",
                position=20,
                home_title="Featured projects",
                home_template="portfolio/includes/featured.html",
                home_items=lambda: entries.published().filter(featured=True)[:3],
                home_more="All projects",
            )
        )
