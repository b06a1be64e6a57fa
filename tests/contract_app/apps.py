from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "tests.contract_app"
    label = "contract_app"
    verbose_name = "Notices (test app)"

    def ready(self):
        from clusterportal.registry import ContentType, register
        from tests.contract_app.models import Notice

        register(
            ContentType(
                model=Notice,
                label="Notices",
                item_label="Notice",
                section="media-center",
                search_fields={"title": "A", "text": "B"},
                snippet_fields=("text",),
                in_stream=True,
                position=90,
            )
        )
