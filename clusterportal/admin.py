"""Base admin for every publishable content type: status column, preview, publish actions."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from js_asset import Media

from clusterportal import images
from clusterportal.models import Picture, PublicationState, Status
from clusterportal.richtext import RichTextField, sanitize


class LabelledSplitDateTime(AdminSplitDateTime):
    """Django's date + time inputs, each with a name for screen readers (axe: "label")."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.widgets[0].attrs["aria-label"] = "Date"
        self.widgets[1].attrs["aria-label"] = "Time"


class LabelledInlineFormSet(BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["aria-label"] = "Delete"


class LabelledTabularInline(admin.TabularInline):
    """A tabular inline whose inputs have names for screen readers (axe: "label").

    A table's column headers are not labels; each input is named after its column.
    """

    formset = LabelledInlineFormSet

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            formfield.widget.attrs.setdefault("aria-label", capfirst(db_field.verbose_name))
        return formfield


class OrderedTabularInline(LabelledTabularInline):
    """A tabular inline whose rows editors reorder by dragging, or with "Move up" / "Move down".

    The ``ordering_field`` column stays visible and editable; inline-order.js renumbers it
    (10, 20, 30 …) in the rows' order after each move. It finds the column by the
    ``data-inline-order`` attribute set here, so only inlines that opt in are touched.
    """

    ordering_field = "position"

    class Media:
        css = {"all": ["css/inline-order.css"]}
        js = ["js/inline-order.js"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and db_field.name == self.ordering_field:
            formfield.widget.attrs["data-inline-order"] = ""
        return formfield


class PublicationStateFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return PublicationState.choices

    def queryset(self, request, queryset):
        match self.value():
            case PublicationState.PUBLISHED:
                return queryset.published()
            case PublicationState.SCHEDULED:
                return queryset.scheduled()
            case PublicationState.DRAFT:
                return queryset.drafts()
        return queryset


class PublishableAdmin(admin.ModelAdmin):
    """Subclasses add their own fields to ``list_display``/``fieldsets``; the workflow is here."""

    date_hierarchy = "published_at"
    list_display = ("title", "state_badge", "published_at_display", "preview_link")
    list_filter = (PublicationStateFilter,)
    search_fields = ("title",)
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("created_at", "updated_at")
    actions = ("publish", "unpublish")
    list_per_page = 50
    save_on_top = True
    # Editors paste addresses without a scheme; assume the one the web uses today.
    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"},
        models.DateTimeField: {"widget": LabelledSplitDateTime},
    }

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/admin.js"]

    publishing_fieldset = (
        "Publishing",
        {
            "fields": ("status", "published_at", "seo_description", ("created_at", "updated_at")),
            "description": "Times are Moscow time (Europe/Moscow). A published item with a future "
            "time is scheduled and goes public by itself then.",
        },
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(db_field, RichTextField) and formfield is not None:
            # Where admin.js finds the picture library for "Insert a picture".
            formfield.widget.attrs.update(
                {
                    "data-picture-lookup": reverse("admin:clusterportal_picture_changelist"),
                    "data-picture-add": reverse("admin:clusterportal_picture_add"),
                    "data-picture-embed": reverse("admin:clusterportal_picture_embed", args=[0]),
                }
            )
        return formfield

    def render_change_form(self, request, context, *args, **kwargs):
        # The rich-text editor needs an inline <script type="importmap">. It gets this
        # request's CSP nonce, so the policy stays "no inline script" everywhere else.
        context["media"] = Media.from_media(context["media"], nonce=request.csp_nonce)
        return super().render_change_form(request, context, *args, **kwargs)

    @admin.display(description="status", ordering="status")
    def state_badge(self, obj):
        state = obj.publication_state
        label = PublicationState(state).label
        return format_html('<span class="state state-{}">{}</span>', state, label)

    @admin.display(description="publication time (Moscow)", ordering="published_at")
    def published_at_display(self, obj):
        if obj.published_at is None:
            return "—"
        return timezone.localtime(obj.published_at).strftime("%d.%m.%Y %H:%M")

    @admin.display(description="page")
    def preview_link(self, obj):
        label = "View" if obj.is_published else "Preview"
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(), label)

    @admin.action(description="Publish selected (now, or at their scheduled time)")
    def publish(self, request, queryset):
        now = timezone.now()
        undated = queryset.filter(published_at__isnull=True).update(
            status=Status.PUBLISHED, published_at=now, updated_at=now
        )
        dated = queryset.filter(~Q(status=Status.PUBLISHED), published_at__isnull=False).update(
            status=Status.PUBLISHED, updated_at=now
        )
        self.message_user(request, f"Published {undated + dated} item(s).", messages.SUCCESS)

    @admin.action(description="Unpublish selected (back to draft)")
    def unpublish(self, request, queryset):
        count = queryset.exclude(status=Status.DRAFT).update(status=Status.DRAFT, updated_at=timezone.now())
        self.message_user(request, f"Unpublished {count} item(s).", messages.SUCCESS)


class SectionCategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "position")
    list_editable = ("position",)
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name",)


class WithCoverAdmin(admin.ModelAdmin):
    """For models with a library cover: pick it with the library's lookup, see what was picked."""

    raw_id_fields = ("cover",)
    cover_fieldset = ("Cover picture", {"fields": ("cover", "cover_preview")})

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "cover_preview")

    @admin.display(description="picture")
    def thumbnail(self, obj):
        return picture_thumbnail(obj.cover)

    @admin.display(description="current cover")
    def cover_preview(self, obj):
        return picture_thumbnail(obj.cover, width=320)


def picture_thumbnail(picture, width: int = 80):
    """A small preview of a library picture for admin lists and forms (its smallest rendition)."""
    if picture is None:
        return "—"
    smallest = picture.renditions()[0]
    height = round(width * picture.height / picture.width) if picture.width else width
    return format_html(
        '<img src="{}" alt="" width="{}" height="{}" class="admin-thumb" loading="lazy">', smallest.url, width, height
    )


class NeedsAltTextFilter(admin.SimpleListFilter):
    title = "alt text"
    parameter_name = "alt"

    def lookups(self, request, model_admin):
        return [("missing", "Missing: describe these"), ("given", "Given or decorative")]

    def queryset(self, request, queryset):
        match self.value():
            case "missing":
                return queryset.filter(alt_text="", decorative=False)
            case "given":
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
            raise forms.ValidationError("Choose one or more pictures.", code="required")
        cleaned, errors = [], []
        for file in files:
            try:
                cleaned.append(super().clean(file, initial))
            except forms.ValidationError as error:
                errors.extend(f"{file.name}: {message}" for message in error.messages)
        if errors:
            raise forms.ValidationError(errors)
        return cleaned


class MultiUploadForm(forms.Form):
    pictures = MultiplePictureField(
        label="Pictures",
        help_text="Choose several files at once (Ctrl or Shift). JPEG, PNG, WebP or GIF, up to 20 MB each.",
    )
    credit = forms.CharField(
        label="Credit for all of them", max_length=200, required=False, help_text="Optional, e.g. “© SteriLine”."
    )


@admin.register(Picture)
class PictureAdmin(admin.ModelAdmin):
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

    @admin.display(description="picture")
    def thumbnail(self, obj):
        return picture_thumbnail(obj)

    @admin.display(description="preview")
    def preview(self, obj):
        return picture_thumbnail(obj if obj.pk else None, width=480)

    @admin.display(description="size")
    def size(self, obj):
        return f"{obj.width}×{obj.height}"

    def get_changelist_form(self, request, **kwargs):
        base = super().get_changelist_form(request, **kwargs)

        class LabelledRowForm(base):
            """Each editable cell is named after its column and its picture, for screen readers."""

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for field in self.fields.values():
                    field.widget.attrs["aria-label"] = f"{capfirst(field.label)} of “{self.instance}”"

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
        """Upload many pictures in one go; then describe them in the filtered list."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = MultiUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            with transaction.atomic():
                for upload in form.cleaned_data["pictures"]:
                    Picture.objects.create(
                        image=upload,
                        title=images.original_name_title(upload.name),
                        credit=form.cleaned_data["credit"],
                    )
            count = len(form.cleaned_data["pictures"])
            self.message_user(
                request,
                f"Uploaded {count} picture(s). Describe each one below (alt text, or tick decorative) "
                "before it is used on the site.",
                messages.SUCCESS,
            )
            return redirect(f"{reverse('admin:clusterportal_picture_changelist')}?alt=missing")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Upload pictures",
            "form": form,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/clusterportal/picture/upload.html", context)

    def embed_view(self, request, pk: int):
        """The sanitized <figure> the rich-text editor inserts for a library picture (staff only)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        picture = get_object_or_404(Picture, pk=pk)
        if picture.needs_alt_text:
            return JsonResponse(
                {"error": f"“{picture}” has no alt text yet. Describe it in the picture library first."}, status=409
            )
        # The 960 px rendition (or the largest there is): sharp in a 46rem text column.
        renditions = picture.renditions()
        context = {"pic": picture, "rendition": renditions[min(1, len(renditions) - 1)]}
        return JsonResponse({"html": sanitize(render_to_string("clusterportal/picture_embed.html", context).strip())})
