"""The site's URL map (docs/design.md): includes, admin, health check and sitemap only.

Public pages are in every language: the default's at today's addresses, the others under their
prefix (``/ru/…``). The admin, the sitemap and the files for crawlers have one address each.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.static import serve

from clusterportal import views
from clusterportal.accounts.forms import AdminLoginForm

admin.site.site_header = format_lazy(_("{site} — administration"), site=settings.SITE_NAME)
admin.site.site_title = format_lazy(_("{site} admin"), site=settings.SITE_NAME)
admin.site.index_title = _("Content")
# The password, then the two-factor code for staff who turned it on (clusterportal/accounts/).
admin.site.login_form = AdminLoginForm
admin.site.login_template = "admin/clusterportal/login.html"

urlpatterns = i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("news/", include("news.urls")),
    path("portfolio/", include("portfolio.urls")),
    path("media-center/", include("media_center.urls")),
    path("search/", views.SearchView.as_view(), name="search"),
    prefix_default_language=False,
)
urlpatterns += [
    # Django's set_language (POST): the admin's language choice, kept in a cookie.
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages that name no icon (the admin, feeds).
    path("favicon.ico", views.favicon),
    # Before the admin's own: Django's admin would take this address for an app's index.
    path("admin/two-factor/", include("clusterportal.accounts.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    # Locally only; in production the reverse proxy or object storage serves uploads. Django's
    # serve answers any method: files are only read (TRACE, POST: 405, as everywhere else).
    urlpatterns += static(settings.MEDIA_URL, view=require_safe(serve), document_root=settings.MEDIA_ROOT)

handler404 = views.page_not_found
handler500 = views.server_error
