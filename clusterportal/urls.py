"""The site's URL map (docs/design.md): includes, admin, health check and sitemap only."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from clusterportal import views

admin.site.site_header = f"{settings.SITE_NAME} — administration"
admin.site.site_title = f"{settings.SITE_NAME} admin"
admin.site.index_title = "Content"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("news/", include("news.urls")),
    path("portfolio/", include("portfolio.urls")),
    path("media-center/", include("media_center.urls")),
    path("search/", views.SearchView.as_view(), name="search"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages that name no icon (the admin, feeds).
    path("favicon.ico", views.favicon),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    # Locally only; in production the reverse proxy or object storage serves uploads.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = views.page_not_found
handler500 = views.server_error
