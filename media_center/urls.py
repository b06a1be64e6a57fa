"""/media-center/…: the landing page and one URL namespace per content type.

Each type has its own namespace ("galleries", "videos", "publications", "press") so that the
shared layer's ``reverse(f"{model.url_namespace}:detail")`` works for it like for news.
"""

from django.urls import include, path

from media_center import views

landing_patterns = ([path("", views.landing, name="index")], "media_center")

gallery_patterns = (
    [
        path("", views.GalleryList.as_view(), name="list"),
        path("<slug:slug>/", views.GalleryDetail.as_view(), name="detail"),
        path("<slug:slug>/print/", views.GalleryPrint.as_view(), name="print"),
        path("<slug:slug>/photos/<int:number>/", views.GalleryPhotoPage.as_view(), name="photo"),
    ],
    "galleries",
)

video_patterns = (
    [
        path("", views.VideoList.as_view(), name="list"),
        path("<slug:slug>/", views.VideoDetail.as_view(), name="detail"),
        path("<slug:slug>/print/", views.VideoPrint.as_view(), name="print"),
    ],
    "videos",
)

publication_patterns = (
    [
        path("", views.PublicationList.as_view(), name="list"),
        path("<slug:slug>/", views.PublicationDetail.as_view(), name="detail"),
        path("<slug:slug>/print/", views.PublicationPrint.as_view(), name="print"),
        path("<slug:slug>/download/", views.download, name="download"),
    ],
    "publications",
)

press_patterns = ([path("", views.PressList.as_view(), name="list")], "press")

urlpatterns = [
    path("", include(landing_patterns)),
    path("galleries/", include(gallery_patterns)),
    path("videos/", include(video_patterns)),
    path("publications/", include(publication_patterns)),
    path("press/", include(press_patterns)),
]
