"""The cluster's portfolio: its projects (a new plant, a laboratory, a training centre, an R&D programme)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from clusterportal.models import Publishable, SectionCategory
from clusterportal.pictures.models import PlacedPicture, WithCover
from clusterportal.richtext import RichTextField

FIRST_YEAR = 1990
LAST_YEAR = 2100
YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


class Category(SectionCategory):
    url_namespace = "portfolio"


class Organization(models.Model):
    name = models.CharField(
        "name",
        max_length=200,
        unique=True,
        help_text="As the organization writes it, e.g. “SteriLine” or “Novograd State Medical University”.",
    )
    website = models.URLField(
        "website",
        max_length=500,
        blank=True,
        help_text="The organization's own site. Linked from its projects and printed in full on paper.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "organization"
        verbose_name_plural = "organizations"

    def __str__(self) -> str:
        return self.name


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"


class Entry(WithCover, Publishable):
    """One project of the portfolio."""

    url_namespace = "portfolio"
    summary_field = "summary"

    category = models.ForeignKey(
        Category,
        verbose_name="category",
        on_delete=models.PROTECT,
        related_name="entries",
        help_text="Visitors filter the portfolio by it.",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name="organization",
        on_delete=models.PROTECT,
        related_name="entries",
        help_text="The participating organization. Not in the list yet? Add it with +.",
    )
    location = models.CharField(
        "location", max_length=200, help_text="Town and site, e.g. “Novograd, Severny industrial zone”."
    )
    year_started = models.PositiveSmallIntegerField(
        "year started", validators=YEAR_VALIDATORS, help_text="For a planned project: the year work is to start."
    )
    year_completed = models.PositiveSmallIntegerField(
        "year completed",
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text="Leave blank while the project is running.",
    )
    project_status = models.CharField(
        "project status",
        max_length=20,
        choices=ProjectStatus.choices,
        default=ProjectStatus.IN_PROGRESS,
        db_index=True,
        help_text="Where the project stands. Not the same as publishing: a draft is still hidden from visitors.",
    )
    summary = models.TextField(
        "summary",
        max_length=600,
        help_text="Plain text, one or two sentences. Shown on the project's card and as the search engine description.",
    )
    body = RichTextField("body", blank=True)
    featured = models.BooleanField(
        "featured", default=False, help_text="Shown on the home page (the three newest featured projects)."
    )

    class Meta(Publishable.Meta):
        verbose_name = "portfolio entry"
        verbose_name_plural = "portfolio entries"

    def clean(self):
        super().clean()
        if self.year_started and self.year_completed and self.year_completed < self.year_started:
            raise ValidationError(
                {"year_completed": f"A project cannot be completed before it started ({self.year_started})."}
            )
        if self.project_status == ProjectStatus.COMPLETED and not self.year_completed:
            raise ValidationError({"year_completed": "Give the year a completed project was completed."})

    @property
    def years(self) -> str:
        """ "2023–2025", "2024" (started and completed that year), "since 2024" or "from 2027" (planned)."""
        if self.year_completed:
            if self.year_completed == self.year_started:
                return str(self.year_started)
            return f"{self.year_started}–{self.year_completed}"
        if self.project_status == ProjectStatus.PLANNED:
            return f"from {self.year_started}"
        return f"since {self.year_started}"


class KeyFigure(models.Model):
    entry = models.ForeignKey(Entry, verbose_name="entry", on_delete=models.CASCADE, related_name="key_figures")
    label = models.CharField("label", max_length=100, help_text="What is counted, e.g. “Investment” or “Jobs”.")
    value = models.CharField("value", max_length=100, help_text="With its unit, e.g. “RUB 1.2 billion” or “250”.")
    position = models.PositiveSmallIntegerField("position", default=0, help_text="Lower first.")

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "key figure"
        verbose_name_plural = "key figures"

    def __str__(self) -> str:
        return f"{self.label}: {self.value}"


class GalleryItem(PlacedPicture):
    entry = models.ForeignKey(Entry, verbose_name="entry", on_delete=models.CASCADE, related_name="gallery")

    class Meta(PlacedPicture.Meta):
        verbose_name = "gallery picture"
        verbose_name_plural = "gallery"
