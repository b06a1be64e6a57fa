"""
Abstract models shared by every content type: publishing, slugs, SEO, social cards. Cover
pictures and the picture library are in ``clusterportal.pictures``.

Every concrete content model answers the same questions the same way:
``Model.objects.published()``, ``get_absolute_url()``, ``get_print_url()``, ``is_published``.
The publication rule is written once, in ``PublishableQuerySet.published``; nothing else
re-types it.
"""

import uuid
from functools import partial

from anyascii import anyascii
from django.contrib.auth import get_permission_codename
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext_lazy as _

from clusterportal import languages
from clusterportal.pictures import cards, images

# The picture library's model belongs to this app: imported here, Django finds it.
from clusterportal.pictures.models import Picture  # noqa: F401

SLUG_MAX_LENGTH = 120


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PublicationState(models.TextChoices):
    """What a visitor sees: derived from status and date, never stored."""

    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Items anonymous visitors may see: published, and their time has come."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())

    def in_language(self, language: str | None = None):
        """Items written in ``language``: by default, the page's (clusterportal.languages)."""
        return self.filter(language=language or languages.current())

    def scheduled(self):
        return self.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())

    def drafts(self):
        return self.filter(status=Status.DRAFT)

    def visible_to(self, user):
        """Drafts and scheduled items too for staff who may see this type in the admin (the
        permission to view or change it; superusers have every one); published ones for
        everyone else. Being staff alone is not enough: an editor of news must not read the
        portfolio's unpublished entries."""
        return self.all() if may_preview(user, self.model) else self.published()


def may_preview(user, model) -> bool:
    """Whether ``user`` may see ``model``'s drafts and scheduled items on the site (a preview):
    active staff with the admin's permission to view or change that type."""
    if not (user.is_active and user.is_staff):
        return False
    opts = model._meta
    codenames = (get_permission_codename(action, opts) for action in ("view", "change"))
    return any(user.has_perm(f"{opts.app_label}.{codename}") for codename in codenames)


def transliterated_slug(text: str, max_length: int = SLUG_MAX_LENGTH) -> str:
    """A readable ASCII slug for any title: "Новости кластера" -> "novosti-klastera"."""
    return slugify(anyascii(text))[:max_length].strip("-")


class PublishableManager(models.Manager):
    """Queries of content leave out the search vector: kilobytes per item that only the search's
    WHERE reads (the database reads it there without sending it back)."""

    def get_queryset(self):
        return super().get_queryset().defer("search_vector")


class Publishable(models.Model):
    """Title, slug, SEO description, timestamps and the draft/scheduled/published workflow.

    Subclasses set ``url_namespace`` (the app's URL namespace, e.g. "news") and
    ``summary_field``, the plain-text field shown in lists and used as the page description.
    """

    url_namespace: str = ""
    #: The field ``get_summary()`` reads, e.g. "lead"; empty: the item has no summary.
    summary_field: str = ""
    #: Whether the item has a page of its own on this site (a press mention's page is the
    #: outlet's article). Only items with a page are shared, so only they get a social card.
    has_page: bool = True

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        blank=True,
        help_text=_(
            "The last part of the page address. Filled in from the title; "
            "changing it later breaks links others have saved."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text=_("Drafts are visible only to staff. Published items go public at the publication time."),
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "Moscow time (Europe/Moscow). A time in the future schedules the item: it goes "
            "public by itself then. Leave empty to use the moment it is published."
        ),
    )
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=languages.CHOICES,
        default=languages.default_language,
        help_text=_("The language this item is written in. It is listed on that language's pages only."),
    )
    #: Items that translate each other share this key: at most one item per language.
    translation_key = models.UUIDField(_("translation group"), default=uuid.uuid4, editable=False, db_index=True)
    seo_description = models.CharField(
        _("search engine description"),
        max_length=300,
        blank=True,
        help_text=_("Optional. Shown by search engines and when the page is shared; leave empty to use the lead."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    #: What the site search reads on PostgreSQL, written on every save (clusterportal.search);
    #: unused (empty) on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PublishableManager.from_queryset(PublishableQuerySet)()

    class Meta:
        abstract = True
        # Undated drafts first on every database (PostgreSQL and SQLite disagree by default).
        ordering = [models.F("published_at").desc(nulls_first=True), "-pk"]
        # What every list and count of published items filters on: a language's published
        # items by time, in the lists' order (time, then id), so that a page, a page found by
        # key, a bounded count and an item's newer/older neighbours are each one index range
        # scan (clusterportal.pagination). The name fits the 30 characters Django allows:
        # "media_center_pressmention_pub" is 29. (The GIN index of search_vector is made by a
        # PostgreSQL-only migration: SQLite has no GIN.)
        indexes = [
            models.Index(fields=["language", "status", "published_at", "id"], name="%(app_label)s_%(class)s_pub")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "language"],
                name="%(app_label)s_%(class)s_one_per_language",
                violation_error_message=_("This item already has a translation in that language."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)
        if self.has_page:
            # Drawn once the save is committed (a save that is rolled back leaves no file, and
            # the drawing holds no transaction open), once per title, so that no page view
            # ever draws one; with a cover, the cover is what is shared.
            transaction.on_commit(partial(cards.refresh_social_card, self), robust=True)

    # --- the questions every content type answers alike -------------------------------

    def get_absolute_url(self) -> str:
        return self.reverse("detail")

    def get_print_url(self) -> str:
        return self.reverse("print")

    def reverse(self, view: str, **kwargs) -> str:
        """The address of one of the item's pages (``detail``, ``print``…), in the item's language."""
        with translation.override(self.language):
            return reverse(f"{self.url_namespace}:{view}", kwargs={"slug": self.slug, **kwargs})

    def translations(self):
        """The item's published translations (other languages, same group), in one query."""
        return type(self)._default_manager.published().filter(translation_key=self.translation_key).exclude(pk=self.pk)

    def clean(self):
        super().clean()
        # The form leaves out the group, so the database constraint would be its only guard.
        siblings = type(self)._default_manager.filter(translation_key=self.translation_key, language=self.language)
        if siblings.exclude(pk=self.pk).exists():
            raise ValidationError({"language": _("This item already has a translation in that language.")})
        if not self.slug and self.title:
            self.slug = self._unique_slug()
            # The admin validates uniqueness after clean(); a generated slug is already unique.

    def _unique_slug(self, base: str = "") -> str:
        base = base or transliterated_slug(self.title) or self._meta.model_name
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
        return getattr(self, self.summary_field) if self.summary_field else ""

    def social_image(self) -> images.Rendition:
        """The 1200×630 picture shown when the page is shared: the cover, else a drawn card."""
        cover = getattr(self, "cover", None)
        url = cover.rendition_url("social") if cover is not None else default_storage.url(cards.social_card_name(self))
        return images.Rendition(url, *images.SOCIAL_SIZE)

    @property
    def meta_description(self) -> str:
        """For search engines and link previews: the editor's text, else the summary, kept short."""
        return Truncator(self.seo_description or self.get_summary()).chars(300)


class SectionCategory(models.Model):
    """A section's categories ("GMP News", "Production"): visitors filter its list by them."""

    url_namespace: str = ""

    name_en = models.CharField(_("name in English"), max_length=100, unique=True)
    name_ru = models.CharField(_("name in Russian"), max_length=100, unique=True)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("Used in filtered list addresses (?category=…).")
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Categories are offered in this order; lower first.")
    )

    class Meta:
        abstract = True
        ordering = ["position", "name_en"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    name = property(*languages.localized_property("name"))

    def get_absolute_url(self) -> str:
        return f"{reverse(f'{self.url_namespace}:list')}?category={self.slug}"
