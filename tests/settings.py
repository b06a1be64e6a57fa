"""The test settings: the site's own, plus a content type that exists only in the tests
(tests.contract_app), which proves that registering a type is all it takes."""

from clusterportal.settings import *  # noqa: F403
from clusterportal.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.contract_app"]
ROOT_URLCONF = "tests.urls"
