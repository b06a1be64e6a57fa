from django.apps import AppConfig


class ClusterportalConfig(AppConfig):
    name = "clusterportal"
    verbose_name = "Site"
