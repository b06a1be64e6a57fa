from django.contrib import admin
from django.utils.html import format_html

from clusterportal.admin import PublishableAdmin
from news.models import Article, Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "position")
    list_editable = ("position",)
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name",)


@admin.register(Article)
class ArticleAdmin(PublishableAdmin):
    list_display = ("thumbnail", "title", "category", "state_badge", "published_at_display", "preview_link")
    list_display_links = ("thumbnail", "title")
    list_filter = (*PublishableAdmin.list_filter, "category", "published_at")
    list_select_related = ("category",)
    search_fields = ("title", "lead")
    fieldsets = (
        (None, {"fields": ("title", "slug", "category", "lead", "body")}),
        ("Cover picture", {"fields": ("cover", "cover_alt", "cover_decorative")}),
        ("Source", {"fields": ("source_name", "source_url")}),
        PublishableAdmin.publishing_fieldset,
    )

    @admin.display(description="picture")
    def thumbnail(self, obj):
        if not obj.cover:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="80" height="45" class="admin-thumb" loading="lazy">', obj.cover.url
        )
