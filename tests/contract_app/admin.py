from django.contrib import admin

from clusterportal.admin import PublishableAdmin
from tests.contract_app.models import Notice


@admin.register(Notice)
class NoticeAdmin(PublishableAdmin):
    fieldsets = ((None, {"fields": ("title", "slug", "text")}),)  # Publishing comes from the base
