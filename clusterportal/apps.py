from django.apps import AppConfig


class ClusterportalConfig(AppConfig):
    name = "clusterportal"
    verbose_name = "Site"

    def ready(self):
        from django.db.backends.signals import connection_created

        from clusterportal import checks  # noqa: F401  (registers the system checks)
        from clusterportal.search import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="clusterportal.sqlite_functions")
