"""The site's URL map plus a view that fails: the 500 page a visitor gets (tests only)."""

from django.urls import path

from clusterportal.urls import handler404, handler500
from clusterportal.urls import urlpatterns as site_urlpatterns

SECRET_IN_ERROR = "hunter2-secret-in-the-exception"


def boom(request):
    raise RuntimeError(f"database password is {SECRET_IN_ERROR}")


urlpatterns = [path("boom/", boom), *site_urlpatterns]

__all__ = ["handler404", "handler500", "urlpatterns"]
