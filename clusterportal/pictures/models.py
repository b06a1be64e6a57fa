"""The picture library: pictures uploaded once and reused as covers, in galleries and in text.

``Picture`` belongs to the ``clusterportal`` app (its table is ``clusterportal_picture``):
``clusterportal.models`` imports it, which is how Django finds it.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField

from clusterportal.pictures import images

#: The alt-text rule: a picture may be shown once it is described or ticked as decorative.
#: ``Picture.needs_alt_text`` says the same of one picture (checked against this by a test).
NEEDS_ALT_TEXT = models.Q(alt_text="", decorative=False)


class PictureQuerySet(models.QuerySet):
    def needs_alt_text(self):
        """Pictures not to be shown yet: neither described nor decorative."""
        return self.filter(NEEDS_ALT_TEXT)

    def usable(self):
        """Pictures that may be shown: described, or ticked as decorative."""
        return self.exclude(NEEDS_ALT_TEXT)


class Picture(models.Model):
    """One picture of the library: uploaded once, reused as covers, in galleries and in text."""

    image = images.PictureField(
        _("picture"),
        width_field="width",
        height_field="height",
        max_length=200,
        help_text=_("JPEG, PNG, WebP or GIF, up to 20 MB and 40 megapixels."),
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("For finding the picture again; visitors do not see it.")
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        blank=True,
        help_text=_("What the picture shows, for people who cannot see it, e.g. “Two technicians in a clean room”."),
    )
    decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_("Tick only if the picture adds nothing to the text around it; it then needs no alt text."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True, help_text=_("Shown under the picture."))
    credit = models.CharField(
        _("credit"), max_length=200, blank=True, help_text=_("Photographer or source, e.g. “© SteriLine”.")
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    # Renditions: made once when the picture is saved (Optimistic strategy), never per request.
    w480 = ImageSpecField(source="image", spec=images.rendition_spec(480))
    w960 = ImageSpecField(source="image", spec=images.rendition_spec(960))
    w1600 = ImageSpecField(source="image", spec=images.rendition_spec(1600))
    social = ImageSpecField(source="image", spec=images.SocialRendition)

    objects = PictureQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("picture")
        verbose_name_plural = _("pictures")

    def __str__(self) -> str:
        return self.title or self.alt_text or gettext("Picture %(number)s") % {"number": self.pk}

    def save(self, *args, **kwargs):
        # Spaces describe nothing: stored as "", which NEEDS_ALT_TEXT finds.
        self.alt_text = self.alt_text.strip()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.needs_alt_text:
            raise ValidationError(
                {"alt_text": gettext("Describe the picture, or tick “decorative” if it adds nothing.")}
            )

    @property
    def alt(self) -> str:
        return "" if self.decorative else self.alt_text

    @property
    def needs_alt_text(self) -> bool:
        """NEEDS_ALT_TEXT, for one picture (the admin's forms ask before anything is saved)."""
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
        computes by pickling the spec, with a signal per access: ~0.6 ms per picture, a fifth of
        /news/). The name depends on nothing else, so it is remembered per process;
        tests/test_pictures.py fails if an imagekit upgrade makes it depend on anything else.
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

# Connected after imagekit's own receiver, which makes the renditions: then the original
# decoded for them is no longer needed.
models.signals.post_save.connect(images.forget_decoded, sender=Picture, dispatch_uid="picture_forget_decoded")


def require_described(picture, field: str) -> None:
    """Refuse a library picture that has neither alt text nor the "decorative" tick."""
    if picture is not None and picture.needs_alt_text:
        raise ValidationError(
            {field: gettext("This picture has no alt text yet. Describe it in the picture library first.")}
        )


class PlacedPicture(models.Model):
    """A library picture in an ordered set (a project's gallery, a photo gallery), with its own caption."""

    picture = models.ForeignKey(
        Picture,
        verbose_name=_("picture"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "From the picture library (pick it with the magnifier, or upload one there); its alt text is edited there."
        ),
    )
    caption = models.CharField(
        _("caption"),
        max_length=300,
        blank=True,
        help_text=_("Shown under the picture. Leave empty to use the caption stored with the picture."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0, help_text=_("Lower first."))

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
        verbose_name=_("cover picture"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Shown at the top of the page, in lists and when the page is shared. Pick one from "
            "the picture library with the magnifier; you can upload a new picture in that window too."
        ),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.cover_id:
            require_described(self.cover, "cover")
