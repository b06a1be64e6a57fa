"""Base admin for every publishable content type: status column, preview, publish actions."""

from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminSplitDateTime
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.html import format_html
from js_asset import Media

from clusterportal.models import PublicationState, Status


class LabelledSplitDateTime(AdminSplitDateTime):
    """Django's date + time inputs, each with a name for screen readers (axe: "label")."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.widgets[0].attrs["aria-label"] = "Date"
        self.widgets[1].attrs["aria-label"] = "Time"


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
