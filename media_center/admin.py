from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from clusterportal.admin import OrderedTabularInline, PublishableAdmin
from clusterportal.pictures.admin import (
    MultiplePictureField,
    MultiUploadForm,
    WithCoverAdmin,
    multi_upload_view,
    picture_thumbnail,
)
from media_center import documents
from media_center.models import Gallery, GalleryPhoto, PressMention, Publication, Video
from media_center.video_hosts import ALLOWED_HOSTS_TEXT, parse_video_url

#: How many photos one "Add photos" may take (a day's event, not a photo archive).
MAX_PHOTOS_PER_UPLOAD = 60


class GalleryPhotoInline(OrderedTabularInline):
    model = GalleryPhoto
    fields = ("picture", "preview", "caption", "credit", "position")
    readonly_fields = ("preview",)
    raw_id_fields = ("picture",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("picture")

    @admin.display(description=pgettext_lazy("admin column: a small picture", "preview"))
    def preview(self, obj):
        return picture_thumbnail(obj.picture if obj.picture_id else None, width=120)


class AddPhotosForm(MultiUploadForm):
    """The "Add photos" form: a gallery's photos in one go, described together (refined one by one later)."""

    field_order = ("pictures", "alt_text", "decorative", "credit")

    pictures = MultiplePictureField(label=_("Photos"))  # its help text says the limit: see __init__
    alt_text = forms.CharField(
        label=_("Alt text for all of them"),
        max_length=300,
        required=False,
        help_text=_(
            "A starting description for every photo, e.g. “Visitors at the cluster's stand at Pharmtech 2026”. "
            "Refine each photo's alt text in the picture library afterwards."
        ),
    )
    decorative = forms.BooleanField(
        label=_("Decorative"),
        required=False,
        help_text=_("Tick only if the photos add nothing to the page; they then need no alt text."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pictures"].help_text = gettext(
            "Choose all the photos at once (Ctrl or Shift), up to %(limit)d. JPEG, PNG, WebP or GIF, up to 20 MB "
            "each. They join the gallery in this order."
        ) % {"limit": MAX_PHOTOS_PER_UPLOAD}
        self.fields["credit"].help_text = gettext("Optional, e.g. “Photo: Anna Petrova”.")

    def clean_pictures(self):
        pictures = self.cleaned_data["pictures"]
        if len(pictures) > MAX_PHOTOS_PER_UPLOAD:
            count = len(pictures)
            message = ngettext(
                "You chose %(count)d photo; add at most %(limit)d at a time.",
                "You chose %(count)d photos; add at most %(limit)d at a time.",
                count,
            ) % {"count": count, "limit": MAX_PHOTOS_PER_UPLOAD}
            raise forms.ValidationError(message)
        return pictures

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("alt_text", "").strip() and not cleaned.get("decorative"):
            self.add_error(
                "alt_text", gettext("Describe the photos (you can refine each one later), or tick “decorative”.")
            )
        return cleaned

    def shared_fields(self) -> dict:
        decorative = self.cleaned_data["decorative"]
        return {
            **super().shared_fields(),
            "alt_text": "" if decorative else self.cleaned_data["alt_text"].strip(),
            "decorative": decorative,
        }


@admin.register(Gallery)
class GalleryAdmin(PublishableAdmin, WithCoverAdmin):
    list_display = ("title", "photo_count")
    search_fields = ("title", "description")
    inlines = (GalleryPhotoInline,)
    change_form_template = "admin/media_center/gallery/change_form.html"
    fieldsets = ((None, {"fields": ("title", "slug", "description")}),)
    cover_description = _("Optional: without one, lists show the first photo.")

    def get_queryset(self, request):
        return super().get_queryset(request).with_card_data()

    @admin.display(description=_("photos"), ordering="photo_count")
    def photo_count(self, obj):
        return obj.photo_count

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("<int:pk>/add-photos/", self.admin_site.admin_view(self.add_photos_view), name=f"{prefix}_add_photos"),
            *super().get_urls(),
        ]

    def add_photos_view(self, request, pk: int):
        """Many photos in one go: each becomes a library picture and joins the gallery, in order, or none does."""
        gallery = get_object_or_404(Gallery, pk=pk)
        if not (self.has_change_permission(request, gallery) and request.user.has_perm("clusterportal.add_picture")):
            raise PermissionDenied

        def join_the_gallery(pictures):
            last = gallery.photos.aggregate(last=Max("position"))["last"]
            start = 0 if last is None else last + 10
            for number, picture in enumerate(pictures):
                GalleryPhoto.objects.create(gallery=gallery, picture=picture, position=start + 10 * number)
            count = len(pictures)
            message = ngettext(
                "Added %(count)d photo to “%(gallery)s”. Give it its own alt text and caption when you can.",
                "Added %(count)d photos to “%(gallery)s”. Give each its own alt text and caption when you can.",
                count,
            ) % {"count": count, "gallery": gallery}
            return (
                message,
                reverse("admin:media_center_gallery_change", args=[gallery.pk]),
            )

        return multi_upload_view(
            self,
            request,
            AddPhotosForm,
            template="admin/media_center/gallery/add_photos.html",
            title=gettext("Add photos to “%(gallery)s”") % {"gallery": gallery},
            on_saved=join_the_gallery,
            context={"original": gallery},
        )


class VideoAdminForm(forms.ModelForm):
    # A plain text box: the video-host check gives the message, not the generic "Enter a valid URL".
    video_url = forms.CharField(
        label=_("Video address"),
        max_length=500,
        widget=forms.URLInput,
        help_text=Video._meta.get_field("video_url").help_text,
    )

    class Meta:
        model = Video
        # video_url is the field declared above (the admin adds it through its fieldsets); naming it
        # here would build Django's URLField first, only to be replaced.
        fields = ("title", "slug", "description", "cover", "status", "published_at", "seo_description")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "cover" in self.fields:
            self.fields["cover"].label = gettext("Poster")
            self.fields["cover"].help_text = gettext(
                "Optional: a still shown until the visitor presses play. Without one, a neutral panel is shown "
                "(nothing is loaded from the video host before the click)."
            )

    def clean_video_url(self):
        # Refuses other hosts and malformed ids with a clear message; stores the video's plain
        # address on its host (tracking parameters, timestamps and playlist ids are dropped).
        url = parse_video_url(self.cleaned_data["video_url"]).watch_url
        self.instance.video_url = url
        return url


def _embedded_hosts() -> str:
    return gettext("Videos are embedded from %(hosts)s only.") % {"hosts": ALLOWED_HOSTS_TEXT}


#: The video fieldset's description, translated when the form is shown (it names the hosts).
_hosts_description = lazy(_embedded_hosts, str)


@admin.register(Video)
class VideoAdmin(PublishableAdmin, WithCoverAdmin):
    form = VideoAdminForm
    list_display = ("title", "host")
    search_fields = ("title", "description", "video_url")
    fieldsets = (
        (
            None,
            {
                "fields": ("title", "slug", "video_url", "description"),
                "description": _hosts_description(),
            },
        ),
    )
    cover_label = _("Poster")

    @admin.display(description=_("host"))
    def host(self, obj):
        ref = obj.ref
        if ref is None:  # saved before the check existed, or by a script: the site shows no player
            return format_html("<strong>⚠ {}</strong>", gettext("Address to fix"))
        return ref.host_name

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id) if request.method == "GET" else None
        if obj is not None and obj.ref is None:
            self.message_user(
                request,
                gettext(
                    "The video address stored for this video is not one the site can play, so its page shows "
                    "no player. Paste the video's address again and save."
                ),
                messages.WARNING,
            )
        return super().change_view(request, object_id, form_url, extra_context)


class _DownloadLink:
    """A stored document as the admin's file input shows it: its name, linked to the download."""

    def __init__(self, file):
        self.name = file.name
        self.url = file.instance.get_download_url()

    def __str__(self) -> str:
        return self.name


class PrivateDocumentWidget(AdminFileWidget):
    """The admin's file input for a document in the private storage, which has no address of its
    own: "Currently" links to the download view, which lets staff have drafts too."""

    def is_initial(self, value) -> bool:
        return bool(value) and getattr(value, "instance", None) is not None

    def format_value(self, value):
        return _DownloadLink(value) if self.is_initial(value) else super().format_value(value)


@admin.register(Publication)
class PublicationAdmin(PublishableAdmin):
    list_display = ("title", "publication_type", "format_and_size")
    list_filter = ("publication_type",)
    search_fields = ("title", "description")
    readonly_fields = ("format_and_size",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "publication_type", "description")}),
        (_("File"), {"fields": ("file", "format_and_size")}),
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "file":
            kwargs["widget"] = PrivateDocumentWidget(attrs={"accept": documents.ACCEPT})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("file"))
    def format_and_size(self, obj):
        if not obj.file_format:
            return "—"
        return f"{obj.file_format}, {obj.size_display}"


@admin.register(PressMention)
class PressMentionAdmin(PublishableAdmin):
    list_display = ("title", "outlet")
    search_fields = ("title", "outlet", "excerpt")
    fieldsets = ((None, {"fields": ("title", "slug", "outlet", "url", "excerpt")}),)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.base_fields["title"].label = gettext("Headline")
        form.base_fields["title"].help_text = gettext("As the outlet wrote it.")
        return form

    @admin.display(description=pgettext_lazy("admin column: a link to the item's page", "page"))
    def preview_link(self, obj):
        # Translators: a link to a press mention on the outlet's site: "At Pharma Weekly".
        label = gettext("At %(outlet)s") % {"outlet": obj.outlet}
        return format_html('<a href="{}" target="_blank" rel="noopener external">{}</a>', obj.url, label)
