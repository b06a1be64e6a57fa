"""What the in-process benchmarks share (``lists_at_size.py``, ``admin_at_size.py``): Django set
up with nothing cached, and a page timed with the test client, or explained query by query.

Imported by the scripts, which put the project on ``sys.path`` before they import it.
"""

import os
import statistics
import time
from dataclasses import dataclass

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterportal.settings")

import django
from django.conf import settings

django.setup()
# Nothing cached: the page's own work is what is measured.
settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
settings.DEBUG = False

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


@dataclass
class Timing:
    median: float  # ms
    p99: float  # ms
    queries: int
    response: object


setup_test_environment()  # the test client's responses carry their templates and context
settings.ALLOWED_HOSTS = ["localhost", "testserver"]


def client() -> Client:
    """A test client for ``localhost``, the host the bench's settings accept."""
    return Client(HTTP_HOST="localhost")


def measure(client: Client, url: str, runs: int, *, warm_up: int = 3) -> Timing:
    """``url`` asked ``runs`` times after ``warm_up`` unmeasured asks; then once more, counting
    its queries (apart from the timed runs, which the query log would slow)."""
    for _ in range(warm_up):
        client.get(url)
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - began) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    timings.sort()
    p99 = timings[min(len(timings) - 1, round(len(timings) * 0.99))]
    return Timing(statistics.median(timings), p99, len(queries), response)


def explain(client: Client, url: str, width: int = 200) -> None:
    """EXPLAIN ANALYZE of every SELECT one request of ``url`` runs."""
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS OFF, TIMING OFF, SUMMARY ON) " + sql)
            print(f"  -- {sql[:width]}")
            for (line,) in cursor.fetchall():
                print(f"     {line}")
