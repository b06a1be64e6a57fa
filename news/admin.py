from django.contrib import admin

from clusterportal.admin import PublishableAdmin, SectionCategoryAdmin, WithCoverAdmin
from news.models import Article, Category


@admin.register(Category)
class CategoryAdmin(SectionCategoryAdmin):
    pass


@admin.register(Article)
class ArticleAdmin(WithCoverAdmin, PublishableAdmin):
    list_display = ("thumbnail", "title", "category", "state_badge", "published_at_display", "preview_link")
    # Only the title links: a thumbnail with alt="" would make a link without a name.
    list_display_links = ("title",)
    list_filter = (*PublishableAdmin.list_filter, "category", "published_at")
    search_fields = ("title", "lead")
    list_select_related = ("category", "cover")
    fieldsets = (
        (None, {"fields": ("title", "slug", "category", "lead", "body")}),
        WithCoverAdmin.cover_fieldset,
        ("Source", {"fields": ("source_name", "source_url")}),
        PublishableAdmin.publishing_fieldset,
    )
