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
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import inprocess  # first: sets Django up, with nothing cached (bench/inprocess.py)
from django.db import connection
from django.utils import timezone

from news.models import Article


def urls() -> list[tuple[str, str]]:
    published = Article.objects.published().in_language("en")
    count = published.count()  # once, outside the timing
    middle = published.order_by("-published_at", "-pk").values_list("published_at", "pk", "slug")[count // 2]
    chosen = [("/news/", "/news/"), ("page 2", "/news/?page=2")]
    probe = inprocess.client().get("/news/?page=last")
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    client = inprocess.client()
    total = Article.objects.count()
    print(f"{connection.vendor}, {total:,} articles, {args.runs} runs each")
    print(f"{'page':<32} {'median ms':>10} {'p99 ms':>8} {'queries':>8} {'status':>7}")
    for label, url in urls():
        timing = inprocess.measure(client, url, args.runs)
        print(
            f"{label:<32} {timing.median:>10.1f} {timing.p99:>8.1f} {timing.queries:>8}"
            f" {timing.response.status_code:>7}"
        )
        if args.explain:
            print(f"  {url}")
            inprocess.explain(client, url, width=160)


if __name__ == "__main__":
    main()
