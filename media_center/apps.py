from django.apps import AppConfig


class MediaCenterConfig(AppConfig):
    name = "media_center"
    verbose_name = "Media center"

    def ready(self):
        from clusterportal.registry import StreamSource, register_stream_source
        from clusterportal.search import SearchSource, register_search_source
        from media_center.models import Gallery, PressMention, Publication, Video

        #: What the site search reads of each kind: fields with their weight, and the excerpt's.
        searched = {
            "galleries": ({"title": "A", "description": "B"}, ("description",)),
            "videos": ({"title": "A", "description": "B"}, ("description",)),
            "publications": ({"title": "A", "description": "B"}, ("description",)),
            "press": ({"title": "A", "outlet": "B", "excerpt": "B"}, ("excerpt",)),
        }
        result_templates = {"press": "media_center/includes/press_search_result.html"}
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
            fields, snippet_fields = searched[source.key]
            register_search_source(
                SearchSource.like(
                    source,
                    fields=fields,
                    snippet_fields=snippet_fields,
                    template=result_templates.get(source.key, SearchSource.template),
                )
            )
