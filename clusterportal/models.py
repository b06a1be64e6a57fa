"""
Abstract models shared by every content type: publishing, slugs, SEO, cover pictures.

Every concrete content model answers the same questions the same way:
``Model.objects.published()``, ``get_absolute_url()``, ``get_print_url()``, ``is_published``.
The publication rule is written once, in ``PublishableQuerySet.published``; nothing else
re-types it.
"""

from anyascii import anyascii
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, slugify

SLUG_MAX_LENGTH = 120


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class PublicationState(models.TextChoices):
    """What a visitor sees: derived from status and date, never stored."""

    DRAFT = "draft", "Draft"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Items anonymous visitors may see: published, and their time has come."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        return self.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())

    def drafts(self):
        return self.filter(status=Status.DRAFT)

    def visible_to(self, user):
        """Staff preview drafts and scheduled items; everyone else sees published ones."""
        if user.is_active and user.is_staff:
            return self.all()
        return self.published()


def transliterated_slug(text: str, max_length: int = SLUG_MAX_LENGTH) -> str:
    """A readable ASCII slug for any title: "Новости кластера" -> "novosti-klastera"."""
    return slugify(anyascii(text))[:max_length].strip("-")


class Publishable(models.Model):
    """Title, slug, SEO description, timestamps and the draft/scheduled/published workflow.

    Subclasses set ``url_namespace`` (the app's URL namespace, e.g. "news") and define
    ``get_summary()``, the plain-text line shown in lists and used as the page description.
    """

    url_namespace: str = ""

    title = models.CharField("title", max_length=255)
    slug = models.SlugField(
        "slug",
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        blank=True,
        help_text="The last part of the page address. Filled in from the title; "
        "changing it later breaks links others have saved.",
    )
    status = models.CharField(
        "status",
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text="Drafts are visible only to staff. Published items go public at the publication time.",
    )
    published_at = models.DateTimeField(
        "publication time",
        null=True,
        blank=True,
        db_index=True,
        help_text="Moscow time (Europe/Moscow). A time in the future schedules the item: it goes "
        "public by itself then. Leave empty to use the moment it is published.",
    )
    seo_description = models.CharField(
        "search engine description",
        max_length=300,
        blank=True,
        help_text="Optional. Shown by search engines and when the page is shared; leave empty to use the lead.",
    )
    created_at = models.DateTimeField("created", auto_now_add=True)
    updated_at = models.DateTimeField("last changed", auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        # Undated drafts first on every database (PostgreSQL and SQLite disagree by default).
        ordering = [models.F("published_at").desc(nulls_first=True), "-pk"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    # --- the questions every content type answers alike -------------------------------

    def get_absolute_url(self) -> str:
        return reverse(f"{self.url_namespace}:detail", kwargs={"slug": self.slug})

    def get_print_url(self) -> str:
        return reverse(f"{self.url_namespace}:print", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if not self.slug and self.title:
            self.slug = self._unique_slug()
            # The admin validates uniqueness after clean(); a generated slug is already unique.

    def _unique_slug(self) -> str:
        base = transliterated_slug(self.title) or self._meta.model_name
        base = base[: SLUG_MAX_LENGTH - 6].strip("-")
        taken = set(
            type(self)._default_manager.filter(slug__startswith=base).exclude(pk=self.pk).values_list("slug", flat=True)
        )
        slug, n = base, 2
        while slug in taken:
            slug = f"{base}-{n}"
            n += 1
        return slug

    @property
    def publication_state(self) -> str:
        if self.status != Status.PUBLISHED:
            return PublicationState.DRAFT
        if self.published_at is None or self.published_at > timezone.now():
            return PublicationState.SCHEDULED
        return PublicationState.PUBLISHED

    @property
    def is_published(self) -> bool:
        return self.publication_state == PublicationState.PUBLISHED

    def get_publication_state_display(self) -> str:
        return PublicationState(self.publication_state).label

    def get_summary(self) -> str:
        return ""

    @property
    def meta_description(self) -> str:
        """For search engines and link previews: the editor's text, else the summary, kept short."""
        return Truncator(self.seo_description or self.get_summary()).chars(300)


class WithCover(models.Model):
    """A cover picture with its alt text (required unless ticked as decorative)."""

    cover = models.ImageField(
        "cover picture",
        upload_to="covers/%Y/%m/",
        blank=True,
        width_field="cover_width",
        height_field="cover_height",
        help_text="JPEG, PNG, WebP or GIF. Shown at the top of the page and in lists.",
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_alt = models.CharField(
        "cover alt text",
        max_length=255,
        blank=True,
        help_text="What the picture shows, for people who cannot see it. Required with a picture.",
    )
    cover_decorative = models.BooleanField(
        "cover is decorative",
        default=False,
        help_text="Tick only if the picture adds nothing to the text; it then needs no alt text.",
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.cover and not self.cover_alt.strip() and not self.cover_decorative:
            raise ValidationError(
                {"cover_alt": "Describe the picture, or tick “cover is decorative” if it adds nothing."}
            )
