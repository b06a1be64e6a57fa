from django.apps import AppConfig


class MediaCenterConfig(AppConfig):
    name = "media_center"
    verbose_name = "Media center"

    def ready(self):
        from clusterportal.registry import StreamSource, register_stream_source
        from clusterportal.search import SearchSource, register_search_source
        from media_center.models import Gallery, PressMention, Publication, Video

        for source in (
            StreamSource(
                key="galleries",
                label="Photo galleries",
                item_label="Photo gallery",
                queryset=lambda: Gallery.objects.published(),
                position=20,
            ),
            StreamSource(
                key="videos",
                label="Videos",
                item_label="Video",
                queryset=lambda: Video.objects.published(),
                position=30,
            ),
            StreamSource(
                key="publications",
                label="Publications",
                item_label="Publication",
                queryset=lambda: Publication.objects.published(),
                template="media_center/includes/publication_stream_item.html",
                position=40,
            ),
            StreamSource(
                key="press",
                label="Press about us",
                item_label="Press about us",
                queryset=lambda: PressMention.objects.published(),
                template="media_center/includes/press_stream_item.html",
                position=50,
            ),
        ):
            register_stream_source(source)
        for source in (
            SearchSource(
                key="galleries",
                label="Photo galleries",
                item_label="Photo gallery",
                queryset=lambda: Gallery.objects.published(),
                fields={"title": "A", "description": "B"},
                snippet_fields=("description",),
                position=20,
            ),
            SearchSource(
                key="videos",
                label="Videos",
                item_label="Video",
                queryset=lambda: Video.objects.published(),
                fields={"title": "A", "description": "B"},
                snippet_fields=("description",),
                position=30,
            ),
            SearchSource(
                key="publications",
                label="Publications",
                item_label="Publication",
                queryset=lambda: Publication.objects.published(),
                fields={"title": "A", "description": "B"},
                snippet_fields=("description",),
                position=40,
            ),
            SearchSource(
                key="press",
                label="Press about us",
                item_label="Press about us",
                queryset=lambda: PressMention.objects.published(),
                fields={"title": "A", "outlet": "B", "excerpt": "B"},
                snippet_fields=("excerpt",),
                position=50,
            ),
        ):
            register_search_source(source)
