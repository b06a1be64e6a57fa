from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClusterportalConfig(AppConfig):
    name = "clusterportal"
    verbose_name = _("Site")

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate, post_save, pre_save

        from clusterportal import (
            checks,  # noqa: F401  (registers the system checks)
            pagecache,
        )
        from clusterportal.models import Publishable
        from clusterportal.pictures import cards
        from clusterportal.search import postgresql, signals, sqlite

        connection_created.connect(sqlite.register_functions, dispatch_uid="clusterportal.sqlite_functions")
        post_migrate.connect(
            postgresql.index_missing_after_migrate, sender=self, dispatch_uid="clusterportal.search_index"
        )
        # Search vectors follow every save of a registered type, and of what one reads (a category).
        pre_save.connect(signals.remember_read_fields, dispatch_uid="clusterportal.search_read_before")
        post_save.connect(signals.index_saved, dispatch_uid="clusterportal.search_index_saved")
        # Social cards go with their item. Every app's models are loaded before any ready() runs.
        with_pages = [model for model in self.apps.get_models() if issubclass(model, Publishable) and model.has_page]
        cards.connect_signals(with_pages)
        # Cached pages end with any change to the project's own models (content, taxonomy, pictures).
        pagecache.connect_signals(self.apps.get_app_configs())
