"""The site's URL map plus the test-only content type's ("notices", tests.contract_app)."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from clusterportal.urls import handler404, handler500
from clusterportal.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    *i18n_patterns(path("notices/", include("tests.contract_app.urls")), prefix_default_language=False),
    *site_urlpatterns,
]

__all__ = ["handler404", "handler500", "urlpatterns"]
