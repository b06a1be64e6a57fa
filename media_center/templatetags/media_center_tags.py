from django import template

from clusterportal.registry import Stream

register = template.Library()


@register.inclusion_tag("media_center/tags/latest.html")
def media_center_latest(count: int = 3):
    """The newest items of the media center's stream (news included), for the home page."""
    return {"items": Stream()[:count]}
