"""The site's URL map plus the test-only content type's ("notices", tests.contract_app)."""

from django.urls import include, path

from clusterportal.urls import handler404, handler500
from clusterportal.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("notices/", include("tests.contract_app.urls")), *site_urlpatterns]

__all__ = ["handler404", "handler500", "urlpatterns"]
