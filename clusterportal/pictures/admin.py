"""The picture library in the admin, covers in content forms, and uploading many pictures at once."""

from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from clusterportal import faults
from clusterportal.pictures import images
from clusterportal.pictures.models import Picture
from clusterportal.richtext import sanitize


def picture_thumbnail(picture, width: int = 80):
    """A small preview of a library picture for admin lists and forms (its smallest rendition)."""
    if picture is None:
        return "—"
    smallest = picture.renditions()[0]
    height = round(width * picture.height / picture.width) if picture.width else width
    return format_html(
        '<img src="{}" alt="" width="{}" height="{}" class="admin-thumb" loading="lazy">', smallest.url, width, height
    )


def without_fields(fieldsets, names) -> list:
    """``fieldsets`` without the fields ``names``, which a mixin shows in a fieldset of its own.

    What subclasses declare keeps its order; Django's default (every field in one fieldset,
    when a subclass declares none) loses the mixin's fields, and fieldsets left empty go.
    """
    kept = []
    for title, options in fieldsets:
        fields = []
        for field in options.get("fields", ()):
            if isinstance(field, list | tuple):  # fields shown on one line
                field = tuple(name for name in field if name not in names)
            if field and field not in names:
                fields.append(field)
        if fields:
            kept.append((title, {**options, "fields": fields}))
    return kept


class WithCoverAdmin(admin.ModelAdmin):
    """For models with a library cover: its thumbnail as the list's first column, its fieldset after
    the model's own ones, picked with the library's lookup, and what was picked shown.

    Content admins put ``PublishableAdmin`` first, ``class ArticleAdmin(PublishableAdmin,
    WithCoverAdmin)``, so that the publishing fieldset comes after the cover's.
    """

    raw_id_fields = ("cover",)
    cover_label = _("Cover picture")
    cover_description = ""

    def get_list_display(self, request):
        return ("thumbnail", *super().get_list_display(request))

    def get_list_display_links(self, request, list_display):
        # Not the thumbnail: its alt is empty, and a link needs a name (axe: "link-name").
        links = super().get_list_display_links(request, list_display)
        if links is None:
            return None
        return [name for name in links if name != "thumbnail"] or list(list_display)[1:2]

    def get_list_select_related(self, request):
        related = super().get_list_select_related(request)
        return True if related is True else (*(related or ()), "cover")

    def get_fieldsets(self, request, obj=None):
        fields = ("cover", "cover_preview")
        options = {"fields": fields, **({"description": self.cover_description} if self.cover_description else {})}
        return [*without_fields(super().get_fieldsets(request, obj), fields), (self.cover_label, options)]

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "cover_preview")

    @admin.display(description=_("picture"))
    def thumbnail(self, obj):
        return picture_thumbnail(obj.cover)

    @admin.display(description=_("current cover"))
    def cover_preview(self, obj):
        return picture_thumbnail(obj.cover, width=320)


class NeedsAltTextFilter(admin.SimpleListFilter):
    title = _("alt text")
    parameter_name = "alt"
    MISSING, GIVEN = "missing", "given"

    def lookups(self, request, model_admin):
        return [(self.MISSING, gettext("Missing: describe these")), (self.GIVEN, gettext("Given or decorative"))]

    def queryset(self, request, queryset):
        match self.value():
            case self.MISSING:
                return queryset.needs_alt_text()
            case self.GIVEN:
                return queryset.usable()
        return queryset


class PictureForm(forms.ModelForm):
    class Meta:
        model = Picture
        fields = ["image", "title", "alt_text", "decorative", "caption", "credit"]

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("image")
        if upload and not cleaned.get("title") and hasattr(upload, "content_type"):
            cleaned["title"] = images.original_name_title(upload.name)
            self.instance.title = cleaned["title"]
        return cleaned


# --- many pictures at once ---------------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePictureField(images.PictureFormField):
    """Several pictures in one field; each is checked like a single upload."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        files = [file for file in files if file]
        if not files:
            raise forms.ValidationError(gettext("Choose one or more pictures."), code="required")
        cleaned, errors = [], []
        for file in files:
            try:
                cleaned.append(super().clean(file, initial))
            except forms.ValidationError as error:
                errors.extend(
                    # Translators: a refused file's name, then why it was refused.
                    gettext("%(file)s: %(error)s") % {"file": file.name, "error": message}
                    for message in error.messages
                )
        if errors:
            raise forms.ValidationError(errors)
        return cleaned


class MultiUploadForm(forms.Form):
    """Many pictures in one go: ``save()`` makes each a library picture, in the order chosen."""

    pictures = MultiplePictureField(
        label=_("Pictures"),
        help_text=_("Choose several files at once (Ctrl or Shift). JPEG, PNG, WebP or GIF, up to 20 MB each."),
    )
    credit = forms.CharField(
        label=_("Credit for all of them"),
        max_length=200,
        required=False,
        help_text=_("Optional, e.g. “© SteriLine”."),
    )

    def shared_fields(self) -> dict:
        """What every picture of the upload is given, besides its file and a title from its name."""
        return {"credit": self.cleaned_data["credit"]}

    def save(self) -> list[Picture]:
        shared = self.shared_fields()
        return [
            Picture.objects.create(image=upload, title=images.original_name_title(upload.name), **shared)
            for upload in self.cleaned_data["pictures"]
        ]


def multi_upload_view(
    model_admin: admin.ModelAdmin,
    request,
    form_class: type[MultiUploadForm],
    *,
    template: str,
    title: str,
    on_saved: Callable[[list[Picture]], tuple[str, str]],
    context: dict | None = None,
):
    """The admin page that uploads many pictures at once: all of them, or none if one is refused.

    The caller checks permissions. ``on_saved(pictures)`` runs in the transaction that saved the
    pictures and returns the success message and the address to go to next. ``template``
    extends the admin's base and includes ``admin/clusterportal/upload_form.html``.
    """
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            # The pictures' files (and renditions) go with their rows if the save fails.
            with faults.atomic_with_files():
                message, next_url = on_saved(form.save())
        except faults.StorageFailed:
            form.add_error(None, faults.STORAGE_FAILED_MESSAGE)
        else:
            model_admin.message_user(request, message, messages.SUCCESS)
            return redirect(next_url)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": title,
        "form": form,
        "media": model_admin.media + form.media,
        **(context or {}),
    }
    return TemplateResponse(request, template, context)


# --- the library ---------------------------------------------------------------------------------


class PictureAdmin(faults.StorageFaultsAdminMixin, admin.ModelAdmin):
    form = PictureForm
    list_display = ("thumbnail", "title", "alt_text", "decorative", "caption", "size", "uploaded_at")
    # Only the title links: a thumbnail with alt="" would make a link without a name.
    list_display_links = ("title",)
    list_editable = ("alt_text", "decorative", "caption")
    list_filter = (NeedsAltTextFilter, "decorative", "uploaded_at")
    search_fields = ("title", "alt_text", "caption", "credit")
    date_hierarchy = "uploaded_at"
    list_per_page = 40
    fields = ("image", "preview", "title", "alt_text", "decorative", "caption", "credit")
    readonly_fields = ("preview",)
    change_list_template = "admin/clusterportal/picture/change_list.html"

    class Media:
        css = {"all": ["css/admin.css"]}

    @admin.display(description=_("picture"))
    def thumbnail(self, obj):
        return picture_thumbnail(obj)

    @admin.display(description=pgettext_lazy("admin column: a small picture", "preview"))
    def preview(self, obj):
        return picture_thumbnail(obj if obj.pk else None, width=480)

    @admin.display(description=pgettext_lazy("a picture's width × height", "size"))
    def size(self, obj):
        return f"{obj.width}×{obj.height}"

    def get_changelist_form(self, request, **kwargs):
        base = super().get_changelist_form(request, **kwargs)

        class LabelledRowForm(base):
            """Each editable cell is named after its column and its picture, for screen readers."""

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for field in self.fields.values():
                    # Translators: a column of the picture list, then the picture: "Alt text of “Clean room”".
                    label = gettext("%(field)s of “%(picture)s”")
                    field.widget.attrs["aria-label"] = label % {
                        "field": capfirst(field.label),
                        "picture": self.instance,
                    }

        return LabelledRowForm

    def get_changelist_formset(self, request, **kwargs):
        # After "Upload several", editors describe pictures one at a time: rows left untouched
        # are skipped instead of failing the whole list for their (still) missing alt text.
        base = super().get_changelist_formset(request, **kwargs)

        class PartialFormSet(base):
            def get_form_kwargs(self, index):
                return {**super().get_form_kwargs(index), "empty_permitted": True}

        return PartialFormSet

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("upload/", self.admin_site.admin_view(self.upload_view), name=f"{prefix}_upload"),
            path("<int:pk>/embed/", self.admin_site.admin_view(self.embed_view), name=f"{prefix}_embed"),
            *super().get_urls(),
        ]

    def upload_view(self, request):
        """The "Upload several" page: many pictures in one go, then described in the filtered list."""
        if not self.has_add_permission(request):
            raise PermissionDenied

        def to_describe(pictures):
            count = len(pictures)
            message = ngettext(
                "Uploaded %(count)d picture. Describe it below (alt text, or tick decorative) "
                "before it is used on the site.",
                "Uploaded %(count)d pictures. Describe each one below (alt text, or tick decorative) "
                "before it is used on the site.",
                count,
            ) % {"count": count}
            return (
                message,
                f"{reverse('admin:clusterportal_picture_changelist')}"
                f"?{NeedsAltTextFilter.parameter_name}={NeedsAltTextFilter.MISSING}",
            )

        return multi_upload_view(
            self,
            request,
            MultiUploadForm,
            template="admin/clusterportal/picture/upload.html",
            title=gettext("Upload pictures"),
            on_saved=to_describe,
        )

    def embed_view(self, request, pk: int):
        """The sanitized <figure> the rich-text editor inserts for a library picture (staff only)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        picture = get_object_or_404(Picture, pk=pk)
        if picture.needs_alt_text:
            return JsonResponse(
                {
                    "error": gettext("“%(picture)s” has no alt text yet. Describe it in the picture library first.")
                    % {"picture": picture}
                },
                status=409,
            )
        # The 960 px rendition (or the largest there is): sharp in a 46rem text column.
        renditions = picture.renditions()
        context = {"pic": picture, "rendition": renditions[min(1, len(renditions) - 1)]}
        return JsonResponse({"html": sanitize(render_to_string("clusterportal/picture_embed.html", context).strip())})
