from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from clusterportal.admin import PublishableAdmin, SectionCategoryAdmin
from clusterportal.pictures.admin import WithCoverAdmin
from news.models import Article, Category


@admin.register(Category)
class CategoryAdmin(SectionCategoryAdmin):
    pass


@admin.register(Article)
class ArticleAdmin(PublishableAdmin, WithCoverAdmin):
    list_display = ("title", "category")
    list_filter = ("category", "published_at")
    search_fields = ("title", "lead")
    list_select_related = ("category",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "category", "lead", "body")}),
        (_("Source"), {"fields": ("source_name", "source_url")}),
    )
