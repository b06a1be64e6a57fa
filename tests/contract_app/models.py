from clusterportal.models import Publishable
from clusterportal.richtext import RichTextField


class Notice(Publishable):
    url_namespace = "notices"

    text = RichTextField("text", blank=True)

    class Meta(Publishable.Meta):
        verbose_name = "notice"
        verbose_name_plural = "notices"
