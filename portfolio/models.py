"""The cluster's portfolio: its projects (a new plant, a laboratory, a training centre, an R&D programme)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterportal import languages
from clusterportal.models import Publishable, SectionCategory
from clusterportal.pictures.models import PlacedPicture, WithCover
from clusterportal.richtext import RichTextField

FIRST_YEAR = 1990
LAST_YEAR = 2100
YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


class Category(SectionCategory):
    url_namespace = "portfolio"


class Organization(models.Model):
    name_en = models.CharField(
        _("name in English"),
        max_length=200,
        unique=True,
        help_text=_("As the organization writes it, e.g. “SteriLine” or “Novograd State Medical University”."),
    )
    name_ru = models.CharField(
        _("name in Russian"),
        max_length=200,
        unique=True,
        help_text=_("As the organization writes it in Russian, e.g. “СтериЛайн”."),
    )
    website = models.URLField(
        _("website"),
        max_length=500,
        blank=True,
        help_text=_("The organization's own site. Linked from its projects and printed in full on paper."),
    )

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.name

    name = property(*languages.localized_property("name"))


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")


class Entry(WithCover, Publishable):
    """One project of the portfolio."""

    url_namespace = "portfolio"
    summary_field = "summary"

    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="entries",
        help_text=_("Visitors filter the portfolio by it."),
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="entries",
        help_text=_("The participating organization. Not in the list yet? Add it with +."),
    )
    location = models.CharField(
        _("location"), max_length=200, help_text=_("Town and site, e.g. “Novograd, Severny industrial zone”.")
    )
    year_started = models.PositiveSmallIntegerField(
        _("year started"), validators=YEAR_VALIDATORS, help_text=_("For a planned project: the year work is to start.")
    )
    year_completed = models.PositiveSmallIntegerField(
        _("year completed"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Leave blank while the project is running."),
    )
    project_status = models.CharField(
        _("project status"),
        max_length=20,
        choices=ProjectStatus.choices,
        default=ProjectStatus.IN_PROGRESS,
        db_index=True,
        help_text=_("Where the project stands. Not the same as publishing: a draft is still hidden from visitors."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_(
            "Plain text, one or two sentences. Shown on the project's card and as the search engine description."
        ),
    )
    body = RichTextField(_("body"), blank=True)
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown on the home page (the three newest featured projects).")
    )

    class Meta(Publishable.Meta):
        verbose_name = _("portfolio entry")
        verbose_name_plural = _("portfolio entries")
        indexes = [
            *Publishable.Meta.indexes,
            # The list by category, in the list's order.
            models.Index(
                fields=["language", "status", "category", "published_at", "id"], name="portfolio_entry_category"
            ),
            # The year filter's earliest start (MIN) without reading every entry.
            models.Index(fields=["status", "year_started"], name="portfolio_entry_started"),
        ]

    def clean(self):
        super().clean()
        if self.year_started and self.year_completed and self.year_completed < self.year_started:
            raise ValidationError(
                {
                    "year_completed": _("A project cannot be completed before it started (%(year)s).")
                    % {"year": self.year_started}
                }
            )
        if self.project_status == ProjectStatus.COMPLETED and not self.year_completed:
            raise ValidationError({"year_completed": _("Give the year a completed project was completed.")})

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
    entry = models.ForeignKey(Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="key_figures")
    label = models.CharField(_("label"), max_length=100, help_text=_("What is counted, e.g. “Investment” or “Jobs”."))
    value = models.CharField(_("value"), max_length=100, help_text=_("With its unit, e.g. “RUB 1.2 billion” or “250”."))
    position = models.PositiveSmallIntegerField(_("position"), default=0, help_text=_("Lower first."))

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")

    def __str__(self) -> str:
        return f"{self.label}: {self.value}"


class GalleryItem(PlacedPicture):
    entry = models.ForeignKey(Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="gallery")

    class Meta(PlacedPicture.Meta):
        verbose_name = _("gallery picture")
        verbose_name_plural = _("gallery")
