from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterportal.models import Publishable, SectionCategory
from clusterportal.pictures.models import WithCover
from clusterportal.richtext import RichTextField


class Category(SectionCategory):
    url_namespace = "news"


class Article(WithCover, Publishable):
    url_namespace = "news"
    summary_field = "lead"

    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="articles",
        help_text=_("Visitors filter the news by it."),
    )
    lead = models.TextField(
        _("lead"),
        max_length=600,
        help_text=_("Plain text, one or two sentences. Shown in lists and as the search engine description."),
    )
    body = RichTextField(_("body"), blank=True)
    source_name = models.CharField(
        _("source name"), max_length=200, blank=True, help_text=_("Where the news first appeared, e.g. “Vedomosti”.")
    )
    source_url = models.URLField(
        _("source URL"),
        max_length=500,
        blank=True,
        help_text=_("Link to the original publication. Printed in full on paper."),
    )

    class Meta(Publishable.Meta):
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        # The list by category, in the list's order (and its neighbours, its year within it).
        indexes = [
            *Publishable.Meta.indexes,
            models.Index(fields=["language", "status", "category", "published_at", "id"], name="news_article_category"),
        ]
