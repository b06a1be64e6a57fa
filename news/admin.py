from django.contrib import admin

from clusterportal.admin import PublishableAdmin, picture_thumbnail
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
    # Only the title links: a thumbnail with alt="" would make a link without a name.
    list_display_links = ("title",)
    list_filter = (*PublishableAdmin.list_filter, "category", "published_at")
    search_fields = ("title", "lead")
    list_select_related = ("category", "cover")
    raw_id_fields = ("cover",)
    readonly_fields = (*PublishableAdmin.readonly_fields, "cover_preview")
    fieldsets = (
        (None, {"fields": ("title", "slug", "category", "lead", "body")}),
        ("Cover picture", {"fields": ("cover", "cover_preview")}),
        ("Source", {"fields": ("source_name", "source_url")}),
        PublishableAdmin.publishing_fieldset,
    )

    @admin.display(description="picture")
    def thumbnail(self, obj):
        return picture_thumbnail(obj.cover)

    @admin.display(description="current cover")
    def cover_preview(self, obj):
        return picture_thumbnail(obj.cover, width=320)
