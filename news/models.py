from django.db import models
from django.urls import reverse

from clusterportal.models import Publishable, WithCover
from clusterportal.richtext import RichTextField


class Category(models.Model):
    name = models.CharField("name", max_length=100, unique=True)
    slug = models.SlugField(
        "slug", max_length=100, unique=True, help_text="Used in filtered list addresses (?category=…)."
    )
    position = models.PositiveSmallIntegerField(
        "position", default=0, help_text="Categories are offered in this order; lower first."
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "category"
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{reverse('news:list')}?category={self.slug}"


class Article(WithCover, Publishable):
    url_namespace = "news"

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
        indexes = [models.Index(fields=["status", "published_at"], name="news_article_pub_idx")]

    def get_summary(self) -> str:
        return self.lead
