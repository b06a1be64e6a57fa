"""The site's WSGI application plus a bare view at /bench-bare/, for bench/page_cache.sh only.

The bare view answers ``HttpResponse("ok")`` through the site's whole middleware stack, outside
the page cache: the yardstick a cached page is compared with (ratios, not absolute numbers).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterportal.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402

from clusterportal import pagecache  # noqa: E402
from clusterportal import urls as site_urls  # noqa: E402


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench-bare/", bare), *site_urls.urlpatterns]
handler404, handler500 = site_urls.handler404, site_urls.handler500
settings.ROOT_URLCONF = __name__
pagecache.EXCLUDED_PREFIXES = (*pagecache.EXCLUDED_PREFIXES, "/bench-bare/")
application = get_wsgi_application()
