from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaCenterConfig(AppConfig):
    name = "media_center"
    verbose_name = _("Media center")

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
                label=_("Photo galleries"),
                item_label=_("Photo gallery"),
                related=("cover",),
                per_page=12,
                search_fields={"title": "A", "description": "B"},
                snippet_fields=("description",),
                latest_template="media_center/includes/latest_galleries.html",
                more_label=_("All photo galleries"),
                latest=lambda published, count: attach_card_pictures(published.with_card_data()[:count]),
                position=20,
                **shared,
            )
        )
        register(
            ContentType(
                model=Video,
                label=_("Videos"),
                item_label=_("Video"),
                related=("cover",),
                per_page=12,
                search_fields={"title": "A", "description": "B"},
                snippet_fields=("description",),
                latest_template="media_center/includes/latest_videos.html",
                more_label=_("All videos"),
                position=30,
                **shared,
            )
        )
        register(
            ContentType(
                model=Publication,
                label=_("Publications"),
                item_label=_("Publication"),
                filterset=PublicationFilter,
                per_page=20,
                search_fields={"title": "A", "description": "B"},
                snippet_fields=("description",),
                stream_template="media_center/includes/publication_stream_item.html",
                latest_template="media_center/includes/latest_publications.html",
                more_label=_("All publications"),
                position=40,
                **shared,
            )
        )
        register(
            ContentType(
                model=PressMention,
                label=_("Press about us"),
                item_label=_("Press about us"),
                per_page=20,
                search_fields={"title": "A", "outlet": "B", "excerpt": "B"},
                snippet_fields=("excerpt",),
                search_template="media_center/includes/press_search_result.html",
                stream_template="media_center/includes/press_stream_item.html",
                latest_template="media_center/includes/latest_press.html",
                more_label=_("All press coverage"),
                position=50,
                **shared,
            )
        )
        register_section(
            Section(
                key="media-center",
                label=_("Media center"),
                url_name="media_center:index",
                position=30,
                home_title=_("From the media center"),
                home_template="media_center/includes/home_latest.html",
                home_items=lambda: Stream()[:3],
                home_more=_("All of the media center"),
            )
        )
