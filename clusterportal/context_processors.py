from django.conf import settings

from clusterportal import registry


def site(request):
    """What every page's frame needs: the site's name, the header's sections, the media center's types."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "nav_sections": registry.sections(),
        "stream_types": registry.in_stream(),
    }
