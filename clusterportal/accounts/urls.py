"""The admin's two-factor set-up page, mounted at /admin/two-factor/ (clusterportal/urls.py).

Each view is wrapped by the admin site: staff only, never cached, CSRF-protected, and a visitor
who is not signed in goes to the admin's login page first.
"""

from django.contrib import admin
from django.urls import path

from clusterportal.accounts import views

app_name = "two_factor"
urlpatterns = [
    path("", admin.site.admin_view(views.two_factor), name="setup"),
    path("off/", admin.site.admin_view(views.turn_off), name="off"),
]
