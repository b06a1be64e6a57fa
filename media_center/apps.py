from django.apps import AppConfig


class MediaCenterConfig(AppConfig):
    name = "media_center"
    verbose_name = "Media center"

    def ready(self):
        # Each media center type is declared once, here (see clusterportal.registry).
        from clusterportal.registry import ContentType, Section, register, register_section
        from clusterportal.stream import Stream
        from media_center.filters import PublicationFilter
        from media_center.models import Gallery, PressMention, Publication, Video, attach_card_pictures

        shared = {"section": "media-center", "in_stream": True}
        register(
            ContentType(
                model=Gallery,
                label="Photo galleries",
                item_label="Photo gallery",
                related=("cover",),
                per_page=12,
                search_fields={"title": "A", "description": "B"},
                snippet_fields=("description",),
                latest_template="media_center/includes/latest_galleries.html",
                latest=lambda count: attach_card_pictures(Gallery.objects.published().with_card_data()[:count]),
                position=20,
                **shared,
            )
        )
        register(
            ContentType(
                model=Video,
                label="Videos",
                item_label="Video",
                related=("cover",),
                per_page=12,
                search_fields={"title": "A", "description": "B"},
                snippet_fields=("description",),
                latest_template="media_center/includes/latest_videos.html",
                position=30,
                **shared,
            )
        )
        register(
            ContentType(
                model=Publication,
                label="Publications",
                item_label="Publication",
                filterset=PublicationFilter,
                per_page=20,
                search_fields={"title": "A", "description": "B"},
                snippet_fields=("description",),
                stream_template="media_center/includes/publication_stream_item.html",
                latest_template="media_center/includes/latest_publications.html",
                position=40,
                **shared,
            )
        )
        register(
            ContentType(
                model=PressMention,
                label="Press about us",
                item_label="Press about us",
                per_page=20,
                search_fields={"title": "A", "outlet": "B", "excerpt": "B"},
                snippet_fields=("excerpt",),
                search_template="media_center/includes/press_search_result.html",
                stream_template="media_center/includes/press_stream_item.html",
                latest_template="media_center/includes/latest_press.html",
                more_label="All press coverage",
                position=50,
                **shared,
            )
        )
        register_section(
            Section(
                key="media-center",
                label="Media center",
                url_name="media_center:index",
                position=30,
                home_title="From the media center",
                home_template="media_center/includes/home_latest.html",
                home_items=lambda: Stream()[:3],
                home_more="All of the media center",
            )
        )
