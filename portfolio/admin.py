from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from clusterportal.admin import OrderedTabularInline, PublishableAdmin, SectionCategoryAdmin
from clusterportal.pictures.admin import WithCoverAdmin, picture_thumbnail
from portfolio.models import Category, Entry, GalleryItem, KeyFigure, Organization


@admin.register(Category)
class CategoryAdmin(SectionCategoryAdmin):
    pass


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name_en", "name_ru", "website")
    search_fields = ("name_en", "name_ru")
    formfield_overrides = PublishableAdmin.formfield_overrides


class KeyFigureInline(OrderedTabularInline):
    model = KeyFigure
    fields = ("label", "value", "position")
    extra = 1


class GalleryItemInline(OrderedTabularInline):
    model = GalleryItem
    fields = ("picture", "preview", "caption", "position")
    readonly_fields = ("preview",)
    raw_id_fields = ("picture",)
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("picture")

    @admin.display(description=pgettext_lazy("admin column: a small picture", "preview"))
    def preview(self, obj):
        return picture_thumbnail(obj.picture if obj.picture_id else None, width=120)


@admin.register(Entry)
class EntryAdmin(PublishableAdmin, WithCoverAdmin):
    list_display = ("title", "category", "organization", "project_status")
    list_filter = ("category", "project_status", "featured")
    list_select_related = ("category", "organization")
    search_fields = ("title", "summary", "organization__name_en", "organization__name_ru")
    # A plain select, not autocomplete_fields: axe finds select2's combobox unnamed
    # ("aria-input-field-name"), and a cluster has dozens of organizations, not thousands.
    inlines = (KeyFigureInline, GalleryItemInline)
    fieldsets = (
        (None, {"fields": ("title", "slug", "category", "summary", "body")}),
        (
            _("The project"),
            {"fields": ("organization", "location", ("year_started", "year_completed"), "project_status", "featured")},
        ),
    )
