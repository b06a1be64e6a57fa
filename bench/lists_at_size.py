"""Time the public lists and item pages at size: in-process test-client medians and p99, with
their query counts, nothing cached (the cache is Django's dummy backend here).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cp_lists_bench \
        .venv/bin/python bench/lists_at_size.py [--runs 40] [--explain]

Fill the database first with ``bench/make_articles.py N`` and ``manage.py update_search_index
--missing``. Measures /news/, ?page=2, a deep page (the deepest a visitor reaches: ``?page=last``
where the list knows its length, else a keyset page from the middle), a category-and-year
filter, an article and its print view with ``?from=``, and two searches. ``--explain`` prints
EXPLAIN ANALYZE of every query of one request of each page. Read-only.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterportal.settings")

import django
from django.conf import settings

django.setup()
settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
settings.DEBUG = False

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from news.models import Article  # noqa: E402


def urls() -> list[tuple[str, str]]:
    published = Article.objects.published().in_language("en")
    count = published.count()  # once, outside the timing
    middle = published.order_by("-published_at", "-pk").values_list("published_at", "pk", "slug")[count // 2]
    chosen = [("/news/", "/news/"), ("page 2", "/news/?page=2")]
    probe = Client(HTTP_HOST="localhost").get("/news/?page=last")
    if probe.status_code == 200:
        chosen.append(("deep (page=last)", "/news/?page=last"))
    else:
        # A keyset page from the middle: the key of the item just before it, as the list writes it.
        from clusterportal.views import Cursor

        page = count // 2 // 10 + 1
        cursor = Cursor(middle[0], middle[1]).encode()
        chosen.append((f"deep (page {page:,}, keyset)", f"/news/?page={page}&after={cursor}"))
    category = Article.objects.values_list("category__slug", flat=True).first()
    year = timezone.localtime(middle[0]).year
    chosen.append(("category + year", f"/news/?category={category}&year={year}"))
    slug = middle[2]
    came_from = f"category%3D{category}%26year%3D{year}%26page%3D2"
    chosen.append(("article ?from=", f"/news/{slug}/?from={came_from}"))
    chosen.append(("print ?from=", f"/news/{slug}/print/?from={came_from}"))
    chosen.append(("search common", "/search/?q=vaccine"))
    chosen.append(("search two words", "/search/?q=sterile+grant"))
    return chosen


def measure(client: Client, url: str, runs: int) -> tuple[float, float, int, int]:
    for _ in range(3):
        client.get(url)
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - began) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    timings.sort()
    p99 = timings[min(len(timings) - 1, round(len(timings) * 0.99))]
    return statistics.median(timings), p99, len(queries), response.status_code


def explain(client: Client, url: str) -> None:
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS OFF, TIMING OFF, SUMMARY ON) " + sql)
            plan = [row[0] for row in cursor.fetchall()]
            print(f"  -- {sql[:160]}")
            for line in plan:
                print(f"     {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    client = Client(HTTP_HOST="localhost")
    total = Article.objects.count()
    print(f"{connection.vendor}, {total:,} articles, {args.runs} runs each")
    print(f"{'page':<32} {'median ms':>10} {'p99 ms':>8} {'queries':>8} {'status':>7}")
    for label, url in urls():
        median, p99, queries, status = measure(client, url, args.runs)
        print(f"{label:<32} {median:>10.1f} {p99:>8.1f} {queries:>8} {status:>7}")
        if args.explain:
            print(f"  {url}")
            explain(client, url)


if __name__ == "__main__":
    main()
