"""The media center: photo galleries, videos, downloadable publications and press coverage.

Every model is ``Publishable`` (draft / scheduled / published, slugs, SEO) and answers
``published()``, ``get_absolute_url()`` and ``get_print_url()`` like the rest of the site.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from clusterportal import downloads
from clusterportal.models import Publishable, PublishableManager, PublishableQuerySet
from clusterportal.pictures.models import Picture, PlacedPicture, WithCover
from media_center import documents
from media_center.video_hosts import VideoRef, parse_video_url, validate_video_url


class GalleryQuerySet(PublishableQuerySet):
    def with_card_data(self):
        """What a gallery card needs: cover, photo count and the first photo's picture id (no N+1)."""
        first = GalleryPhoto.objects.filter(gallery=OuterRef("pk")).order_by("position", "pk").values("picture_id")
        # Counting groups the rows, and grouped queries ignore Meta.ordering: order them again.
        return (
            self.select_related("cover")
            .annotate(photo_count=Count("photos"), first_picture_id=Subquery(first[:1]))
            .order_by(*Gallery._meta.ordering)
        )


def attach_card_pictures(galleries) -> list:
    """Give each gallery ``card_picture``: its cover, else its first photo (one query for all)."""
    galleries = list(galleries)
    missing = {g.first_picture_id for g in galleries if g.cover_id is None and g.first_picture_id}
    pictures = Picture.objects.in_bulk(missing) if missing else {}
    for gallery in galleries:
        gallery.card_picture = gallery.cover if gallery.cover_id else pictures.get(gallery.first_picture_id)
    return galleries


class Gallery(WithCover, Publishable):
    url_namespace = "galleries"
    summary_field = "description"

    description = models.TextField(
        _("description"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Plain text, one or two sentences: the event or place shown. Shown in lists and as the "
            "search engine description."
        ),
    )

    objects = PublishableManager.from_queryset(GalleryQuerySet)()

    class Meta(Publishable.Meta):
        verbose_name = _("photo gallery")
        verbose_name_plural = _("photo galleries")

    def get_photo_url(self, number: int) -> str:
        return self.reverse("photo", number=number)


class GalleryPhoto(PlacedPicture):
    gallery = models.ForeignKey(Gallery, verbose_name=_("gallery"), on_delete=models.CASCADE, related_name="photos")
    credit = models.CharField(
        _("credit"),
        max_length=200,
        blank=True,
        help_text=_("Photographer, e.g. “Photo: Anna Petrova”. Leave empty to use the picture's credit."),
    )

    class Meta(PlacedPicture.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    @property
    def display_credit(self) -> str:
        return self.credit or self.picture.credit


class Video(WithCover, Publishable):
    """A video hosted on YouTube, Vimeo, RuTube or VK Video; ``cover`` is its poster."""

    url_namespace = "videos"
    summary_field = "description"

    description = models.TextField(
        _("description"), max_length=1000, blank=True, help_text=_("Plain text, one or two sentences. Shown in lists.")
    )
    video_url = models.URLField(
        _("video address"),
        max_length=500,
        validators=[validate_video_url],
        help_text=_(
            "The video's address on YouTube, Vimeo, RuTube or VK Video, copied from the browser, "
            "e.g. https://www.youtube.com/watch?v=… or https://rutube.ru/video/…/."
        ),
    )

    class Meta(Publishable.Meta):
        verbose_name = _("video")
        verbose_name_plural = _("videos")

    @property
    def ref(self) -> VideoRef | None:
        """The video's host and id; None when the stored address is no video the site can play
        (saved before the check existed, or by a script): its pages then show no player, and
        the admin's list flags it."""
        try:
            return parse_video_url(self.video_url)
        except ValidationError:
            return None

    @property
    def poster(self):
        return self.cover


class PublicationType(models.TextChoices):
    ANNUAL_REPORT = "annual_report", _("Annual report")
    PRESENTATION = "presentation", _("Presentation")
    BROCHURE = "brochure", _("Brochure")
    PRESS_RELEASE = "press_release", _("Press release")


class Publication(Publishable):
    url_namespace = "publications"
    summary_field = "description"

    publication_type = models.CharField(
        _("type"), max_length=20, choices=PublicationType.choices, help_text=_("Visitors filter the list by it.")
    )
    description = models.TextField(
        _("description"),
        max_length=1000,
        blank=True,
        help_text=_("Plain text, one or two sentences. Shown in the list."),
    )
    file = documents.DocumentField(
        _("file"), help_text=_("PDF, DOCX, XLSX or PPTX, up to 25 MB. Checked by its content, not its name.")
    )
    file_size = models.PositiveBigIntegerField(_("file size"), default=0, editable=False)
    file_format = models.CharField(_("file format"), max_length=4, blank=True, editable=False)

    class Meta(Publishable.Meta):
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        # The list by type, in the list's order.
        indexes = [
            *Publishable.Meta.indexes,
            models.Index(
                fields=["language", "status", "publication_type", "published_at", "id"],
                name="media_center_publication_type",
            ),
        ]

    def save(self, *args, **kwargs):
        if self.file and not getattr(self.file, "_committed", True):
            self.file_format = documents.detect_format(self.file.file)
            self.file_size = self.file.size
        super().save(*args, **kwargs)

    def get_download_url(self) -> str:
        return self.reverse("download")

    @property
    def size_display(self) -> str:
        return documents.human_size(self.file_size)

    @property
    def content_type(self) -> str:
        return documents.content_type(self.file_format)

    @property
    def download_name(self) -> str:
        """The name the file is saved under: its title, "Годовой отчёт 2026.pdf"."""
        return downloads.file_name(self.title, documents.FORMATS.get(self.file_format, ("bin",))[0], self.slug)


class PressMention(Publishable):
    """Coverage of the cluster elsewhere. Its page *is* the outlet's article: see get_absolute_url."""

    url_namespace = "press"
    summary_field = "excerpt"
    has_page = False  # see get_absolute_url

    outlet = models.CharField(
        _("outlet"), max_length=200, help_text=_("The newspaper, site or channel, e.g. “Vedomosti”.")
    )
    url = models.URLField(_("link"), max_length=500, help_text=_("The article on the outlet's site."))
    excerpt = models.TextField(
        _("excerpt"), max_length=1000, blank=True, help_text=_("Optional: a sentence or two quoted from the article.")
    )

    class Meta(Publishable.Meta):
        verbose_name = _("press mention")
        verbose_name_plural = _("press about us")

    # A mention has no page of its own on this site: the headline lives at the outlet. Both
    # questions are answered with that address, so lists, the stream and the admin's "View"
    # link all lead to the article itself. It is never in the sitemap.
    def get_absolute_url(self) -> str:
        return self.url

    def get_print_url(self) -> str:
        return self.url
