"""
Abstract models shared by every content type: publishing, slugs, SEO, cover pictures.

Every concrete content model answers the same questions the same way:
``Model.objects.published()``, ``get_absolute_url()``, ``get_print_url()``, ``is_published``.
The publication rule is written once, in ``PublishableQuerySet.published``; nothing else
re-types it.
"""

from anyascii import anyascii
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, slugify
from imagekit.models import ImageSpecField

from clusterportal import images

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


class PublishableManager(models.Manager):
    """Queries of content leave out the search vector: kilobytes per item that only the search's
    WHERE reads (the database reads it there without sending it back)."""

    def get_queryset(self):
        return super().get_queryset().defer("search_vector")


class Publishable(models.Model):
    """Title, slug, SEO description, timestamps and the draft/scheduled/published workflow.

    Subclasses set ``url_namespace`` (the app's URL namespace, e.g. "news") and define
    ``get_summary()``, the plain-text line shown in lists and used as the page description.
    """

    url_namespace: str = ""
    #: Items have a page (and a print view) of their own; press mentions link elsewhere.
    has_page: bool = True

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
    #: What the site search reads on PostgreSQL, written on every save (clusterportal.search);
    #: unused (empty) on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PublishableManager.from_queryset(PublishableQuerySet)()

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
        if getattr(self, "cover_id", None) is None:
            # Drawn once per title here, so that no page view ever draws one.
            images.ensure_social_card(self)

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

    def social_image(self) -> images.Rendition:
        """The 1200×630 picture shown when the page is shared: the cover, else a drawn card."""
        cover = getattr(self, "cover", None)
        url = cover.rendition_url("social") if cover is not None else default_storage.url(images.social_card_name(self))
        return images.Rendition(url, *images.SOCIAL_SIZE)

    @property
    def meta_description(self) -> str:
        """For search engines and link previews: the editor's text, else the summary, kept short."""
        return Truncator(self.seo_description or self.get_summary()).chars(300)


class SectionCategory(models.Model):
    """A section's categories ("GMP News", "Production"): visitors filter its list by them."""

    url_namespace: str = ""

    name = models.CharField("name", max_length=100, unique=True)
    slug = models.SlugField(
        "slug", max_length=100, unique=True, help_text="Used in filtered list addresses (?category=…)."
    )
    position = models.PositiveSmallIntegerField(
        "position", default=0, help_text="Categories are offered in this order; lower first."
    )

    class Meta:
        abstract = True
        ordering = ["position", "name"]
        verbose_name = "category"
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{reverse(f'{self.url_namespace}:list')}?category={self.slug}"


class PictureQuerySet(models.QuerySet):
    def usable(self):
        """Pictures that may be shown: described, or ticked as decorative."""
        return self.exclude(alt_text="", decorative=False)


class Picture(models.Model):
    """One picture of the library: uploaded once, reused as covers, in galleries and in text."""

    image = images.PictureField(
        "picture",
        width_field="width",
        height_field="height",
        max_length=200,
        help_text="JPEG, PNG, WebP or GIF, up to 20 MB and 40 megapixels.",
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    title = models.CharField(
        "title", max_length=200, blank=True, help_text="For finding the picture again; visitors do not see it."
    )
    alt_text = models.CharField(
        "alt text",
        max_length=300,
        blank=True,
        help_text="What the picture shows, for people who cannot see it, e.g. “Two technicians in a clean room”.",
    )
    decorative = models.BooleanField(
        "decorative",
        default=False,
        help_text="Tick only if the picture adds nothing to the text around it; it then needs no alt text.",
    )
    caption = models.CharField("caption", max_length=300, blank=True, help_text="Shown under the picture.")
    credit = models.CharField(
        "credit", max_length=200, blank=True, help_text="Photographer or source, e.g. “© SteriLine”."
    )
    uploaded_at = models.DateTimeField("uploaded", auto_now_add=True)

    # Renditions: made once when the picture is saved (Optimistic strategy), never per request.
    w480 = ImageSpecField(source="image", spec=images.rendition_spec(480))
    w960 = ImageSpecField(source="image", spec=images.rendition_spec(960))
    w1600 = ImageSpecField(source="image", spec=images.rendition_spec(1600))
    social = ImageSpecField(source="image", spec=images.SocialRendition)

    objects = PictureQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = "picture"
        verbose_name_plural = "pictures"

    def __str__(self) -> str:
        return self.title or self.alt_text or f"Picture {self.pk}"

    def clean(self):
        super().clean()
        if not self.alt_text.strip() and not self.decorative:
            raise ValidationError({"alt_text": "Describe the picture, or tick “decorative” if it adds nothing."})

    @property
    def alt(self) -> str:
        return "" if self.decorative else self.alt_text

    @property
    def needs_alt_text(self) -> bool:
        return not self.alt_text.strip() and not self.decorative

    def renditions(self) -> list[images.Rendition]:
        """The WebP renditions, smallest first, without duplicates for small originals."""
        found, seen = [], set()
        for target, attname in zip(images.RENDITION_WIDTHS, ("w480", "w960", "w1600"), strict=True):
            width, height = images.scaled_size(self.width, self.height, target)
            if width in seen:
                continue
            seen.add(width)
            found.append(images.Rendition(self.rendition_url(attname), width, height))
        return found

    def rendition_url(self, attname: str) -> str:
        """The URL of one rendition (``"w480"``, ``"social"``…), without asking the storage.

        imagekit derives a rendition's name from the source's name and the spec (a hash it
        computes by pickling the spec, with a signal per access); names never change for a given
        source, so they are remembered per process (a third fewer Python calls on /news/).
        """
        key = (self.image.name, attname)
        name = _RENDITION_NAMES.get(key)
        if name is None:
            if len(_RENDITION_NAMES) > 20_000:
                _RENDITION_NAMES.clear()
            name = _RENDITION_NAMES[key] = getattr(self, attname).name
        return self.image.storage.url(name)


#: (source name, spec attribute) -> rendition file name; see Picture.rendition_url.
_RENDITION_NAMES: dict[tuple[str, str], str] = {}


def require_described(picture, field: str) -> None:
    """Refuse a library picture that has neither alt text nor the "decorative" tick."""
    if picture is not None and picture.needs_alt_text:
        raise ValidationError({field: "This picture has no alt text yet. Describe it in the picture library first."})


class PlacedPicture(models.Model):
    """A library picture in an ordered set (a project's gallery, a photo gallery), with its own caption."""

    picture = models.ForeignKey(
        Picture,
        verbose_name="picture",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="From the picture library (pick it with the magnifier, or upload one there); "
        "its alt text is edited there.",
    )
    caption = models.CharField(
        "caption",
        max_length=300,
        blank=True,
        help_text="Shown under the picture. Leave empty to use the caption stored with the picture.",
    )
    position = models.PositiveSmallIntegerField("position", default=0, help_text="Lower first.")

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.display_caption or str(self.picture)

    def clean(self):
        super().clean()
        if self.picture_id:
            require_described(self.picture, "picture")

    @property
    def display_caption(self) -> str:
        return self.caption or self.picture.caption


class WithCover(models.Model):
    """A cover picture from the picture library."""

    cover = models.ForeignKey(
        Picture,
        verbose_name="cover picture",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Shown at the top of the page, in lists and when the page is shared. Pick one from "
        "the picture library with the magnifier; you can upload a new picture in that window too.",
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.cover_id:
            require_described(self.cover, "cover")
