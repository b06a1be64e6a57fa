"""
Demo content for the newsroom: four categories and two dozen articles, read from
``clusterportal/demo_content/data/news/`` (``categories.toml`` and one page per article).

Everything is fictional: the Novograd Region, its pharmaceutical cluster, the member companies
and the people quoted. Dates are counted back from today, so the list always has articles in
three calendar years, several pages and one item of each workflow state staff should see:
a draft and a scheduled article.
"""

from clusterportal import demo_content
from news.models import Article, Category

COVER_CREDIT = "Illustration: Pharma Cluster press office"


def has_content() -> bool:
    return Category.objects.exists() or Article.objects.exists()


def load(stdout=None) -> None:
    categories = demo_content.categories(Category, "news")
    articles = demo_content.pages("news", "articles")
    # The seed of an article's cover is its place in the folder: the same file, the same picture.
    for seed, item in enumerate(articles, start=1):
        category = item.choose("category", categories)
        cover = item.pop("cover", None)
        if cover is not None:
            cover = demo_content.picture(**cover, seed=seed, title=cover["label"], credit=COVER_CREDIT)
        item.create(Article, category=category, cover=cover, body=item.body, **item.schedule())
    if stdout is not None:
        stdout.write(f"News: loaded {len(categories)} categories and {len(articles)} articles.")
