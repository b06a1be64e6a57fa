"""Time the admin's article change list (and its search) and the sitemap at size: in-process
test-client medians and p99, with their query counts, nothing cached.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cp_sitemap_bench \
        .venv/bin/python bench/admin_at_size.py [--runs 20] [--explain] [--page-size N]

Fill the database first with ``bench/make_articles.py N`` and ``manage.py update_search_index
--missing``. Signs in as a superuser ``bench-admin`` (made here if missing: the only write).
``--as-before`` puts back Django's defaults (``date_hierarchy``, two full counts,
``icontains`` search) for an A/B run under the same load. ``--page-size`` times sitemap pages
of that many URLs instead of the site's own (``PublishedSitemap.limit``), to choose it.
``--explain`` prints EXPLAIN ANALYZE of every query of one request of each page.
"""

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import inprocess  # first: sets Django up, with nothing cached (bench/inprocess.py)
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from news.models import Article

ADMIN = "/admin/news/article/"


def urls(client: Client) -> list[tuple[str, str]]:
    chosen = [
        ("admin change list", ADMIN),
        ("admin ?state=published", f"{ADMIN}?state=published"),
        ("admin ?language=ru", f"{ADMIN}?language__exact=ru"),
        ("admin page 100", f"{ADMIN}?p=100"),
        ("admin ?q=vaccine", f"{ADMIN}?q=vaccine"),
        ("admin ?q=sterile grant", f"{ADMIN}?q=sterile+grant"),
        ("admin ?q=сертификата", f"{ADMIN}?q=%D1%81%D0%B5%D1%80%D1%82%D0%B8%D1%84%D0%B8%D0%BA%D0%B0%D1%82%D0%B0"),
        ("admin ?q=no such words", f"{ADMIN}?q=zzyzx+qwerty"),
        ("/sitemap.xml", "/sitemap.xml"),
    ]
    index = client.get("/sitemap.xml").text
    pages = [loc.replace("http://localhost", "") for loc in re.findall(r"<sitemap>\s*<loc>([^<]*)</loc>", index)]
    news = [page for page in pages if "sitemap-news.xml" in page]
    if news:
        chosen.append(("sitemap-news.xml (first)", news[0]))
        chosen.append(("sitemap-news.xml (last)", news[-1]))
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--page-size", type=int, default=0)
    parser.add_argument("--as-before", action="store_true", help="the change list as Django has it by default")
    parser.add_argument("--only", default="", help="time only the pages whose label contains this")
    args = parser.parse_args()
    if args.page_size:
        from clusterportal.sitemaps import PublishedSitemap

        PublishedSitemap.limit = args.page_size
    if args.as_before:
        from django.contrib.admin import ModelAdmin
        from django.core.paginator import Paginator

        from clusterportal.admin import PublishableAdmin

        PublishableAdmin.date_hierarchy = "published_at"
        PublishableAdmin.show_full_result_count = True
        PublishableAdmin.paginator = Paginator
        PublishableAdmin.get_search_results = ModelAdmin.get_search_results
    user, _made = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = inprocess.client()
    client.force_login(user)
    total = Article.objects.count()
    print(f"{connection.vendor}, {total:,} articles, {args.runs} runs each")
    print(f"{'page':<28} {'median ms':>10} {'p99 ms':>8} {'queries':>8} {'status':>7} {'<url>s':>7}")
    for label, url in urls(client):
        if args.only and args.only not in label:
            continue
        timing = inprocess.measure(client, url, args.runs, warm_up=2)
        status = timing.response.status_code
        count = timing.response.text.count("<url>") if status == 200 else 0
        print(f"{label:<28} {timing.median:>10.1f} {timing.p99:>8.1f} {timing.queries:>8} {status:>7} {count:>7}")
        if args.explain:
            print(f"  {url}")
            inprocess.explain(client, url)


if __name__ == "__main__":
    main()
