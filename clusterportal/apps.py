from django.apps import AppConfig


class ClusterportalConfig(AppConfig):
    name = "clusterportal"
    verbose_name = "Site"

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from clusterportal import checks  # noqa: F401  (registers the system checks)
        from clusterportal.models import Publishable
        from clusterportal.pictures import cards
        from clusterportal.search import index_missing_after_migrate, register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="clusterportal.sqlite_functions")
        post_migrate.connect(index_missing_after_migrate, sender=self, dispatch_uid="clusterportal.search_index")
        # Every app's models are loaded before any ready() runs.
        with_pages = [model for model in self.apps.get_models() if issubclass(model, Publishable) and model.has_page]
        cards.connect_signals(with_pages)
