from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = _("Portfolio")

    def ready(self):
        # The portfolio is declared once, here (see clusterportal.registry).
        from clusterportal.registry import ContentType, Section, register, register_section
        from portfolio.filters import EntryFilter
        from portfolio.models import Entry

        entries = ContentType(
            model=Entry,
            label=_("Portfolio"),
            item_label=_("Portfolio project"),
            section="portfolio",
            filterset=EntryFilter,
            related=("category", "organization", "cover"),
            per_page=12,  # a grid of 3 × 4 cards
            search_fields={
                "title": "A",
                "summary": "B",
                "organization__name_en": "B",
                "organization__name_ru": "B",
                "location": "B",
                "category__name_en": "C",
                "category__name_ru": "C",
                "body": "C",
            },
            snippet_fields=("summary", "body"),
            more_label=_("All portfolio"),
            position=15,
        )
        register(entries)
        register_section(
            Section(
                key="portfolio",
                label=_("Portfolio"),
                url_name="portfolio:list",
                position=20,
                home_title=_("Featured projects"),
                home_template="portfolio/includes/featured.html",
                home_items=lambda: entries.published().filter(featured=True)[:3],
                home_more=_("All projects"),
            )
        )
