"""Make N published news articles fast, for measuring pages and commands at size.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/clusterportal_bench \
        .venv/bin/python bench/make_articles.py 100000

Rows go in with ``bulk_create`` in batches (no save(), so no social cards and no search
vectors: run ``manage.py update_search_index --missing`` afterwards, which is itself worth
timing). Titles, leads and bodies vary, in English and Russian, over a few categories and the
last ten years. Refuses to run with DJANGO_ENV=production unless BENCH_ALLOW=1, and never on a
database that holds articles it did not make, unless --force.
"""

import argparse
import os
import random
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterportal.settings")

import django

django.setup()

from django.utils import timezone  # noqa: E402

from clusterportal import pagecache  # noqa: E402
from news.models import Article, Category  # noqa: E402

WORDS_EN = [
    "cluster",
    "vaccine",
    "filling",
    "line",
    "sterile",
    "plant",
    "investment",
    "partners",
    "research",
    "university",
    "tablets",
    "inspection",
    "quality",
    "export",
    "grant",
    "pilot",
    "synthesis",
    "laboratory",
    "biotech",
    "certificate",
    "training",
]
WORDS_RU = [
    "кластер",
    "вакцина",
    "линия",
    "стерильный",
    "завод",
    "инвестиции",
    "партнёры",
    "исследования",
    "университет",
    "таблетки",
    "инспекция",
    "качество",
    "экспорт",
    "грант",
    "синтез",
    "лаборатория",
    "сертификат",
    "обучение",
]
BATCH = 5000


def sentence(rng: random.Random, words: tuple | list, n: int) -> str:
    return " ".join(rng.choice(words) for _ in range(n)).capitalize()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--force", action="store_true", help="also into a database that has other articles")
    args = parser.parse_args()
    if os.environ.get("DJANGO_ENV") == "production" and os.environ.get("BENCH_ALLOW") != "1":
        sys.exit("make_articles: refusing to write into a production database (set BENCH_ALLOW=1 if it is a copy).")
    if Article.objects.exclude(slug__startswith="bench-").exists() and not args.force:
        sys.exit("make_articles: this database has real articles; pass --force to add to them anyway.")
    categories = [
        Category.objects.get_or_create(
            slug=f"bench-{n}", defaults={"name_en": f"Bench category {n}", "name_ru": f"Рубрика {n}", "position": n}
        )[0]
        for n in range(5)
    ]
    rng = random.Random(20261207)
    now = timezone.now()
    start = Article.objects.count()
    began = time.monotonic()
    made = 0
    while made < args.count:
        rows = []
        for n in range(made, min(made + BATCH, args.count)):
            russian = n % 4 == 3
            words = WORDS_RU if russian else WORDS_EN
            title = f"{sentence(rng, words, 6)} {start + n}"
            rows.append(
                Article(
                    title=title,
                    slug=f"bench-{start + n}",
                    language="ru" if russian else "en",
                    translation_key=uuid.uuid4(),
                    status="published",
                    published_at=now - timedelta(minutes=7 * (start + n) + rng.randrange(7)),
                    category=categories[n % len(categories)],
                    lead=sentence(rng, words, 25) + ".",
                    body="".join(f"<p>{sentence(rng, words, 40)}.</p>" for _ in range(4)),
                )
            )
        Article.objects.bulk_create(rows, batch_size=1000)
        made += len(rows)
        print(f"\r{made:,} of {args.count:,} articles", end="", flush=True)
    pagecache.bump()  # bulk_create sends no signals: cached pages end here
    print(f"\nmade {made:,} articles in {time.monotonic() - began:.1f} s")


if __name__ == "__main__":
    main()
