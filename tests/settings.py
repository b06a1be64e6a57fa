"""The test settings: the site's own, plus a content type that exists only in the tests
(tests.contract_app), which proves that registering a type is all it takes."""

from clusterportal.settings import *  # noqa: F403
from clusterportal.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.contract_app"]
ROOT_URLCONF = "tests.urls"

# A cache per test process: pytest-xdist's workers each have a database of their own, so they
# must not share cached pages (clusterportal/pagecache.py), as they would in Redis or var/cache/.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
