from django.db import models

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
        verbose_name="category",
        on_delete=models.PROTECT,
        related_name="articles",
        help_text="Visitors filter the news by it.",
    )
    lead = models.TextField(
        "lead",
        max_length=600,
        help_text="Plain text, one or two sentences. Shown in lists and as the search engine description.",
    )
    body = RichTextField("body", blank=True)
    source_name = models.CharField(
        "source name", max_length=200, blank=True, help_text="Where the news first appeared, e.g. “Vedomosti”."
    )
    source_url = models.URLField(
        "source URL",
        max_length=500,
        blank=True,
        help_text="Link to the original publication. Printed in full on paper.",
    )

    class Meta(Publishable.Meta):
        verbose_name = "article"
        verbose_name_plural = "articles"
