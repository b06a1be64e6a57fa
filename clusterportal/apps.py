from django.apps import AppConfig


class ClusterportalConfig(AppConfig):
    name = "clusterportal"
    verbose_name = "Site"

    def ready(self):
        from clusterportal import checks  # noqa: F401  (registers the system checks)
