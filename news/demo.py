"""
Demo content for the newsroom: four categories and three dozen articles in English and Russian,
read from ``clusterportal/demo_content/data/news/`` (``categories.toml`` and one page per article).

Everything is fictional: the Novograd Region, its pharmaceutical cluster, the member companies
and the people quoted. Dates are counted back from today, so the list always has articles in
three calendar years, several pages and one item of each workflow state staff should see:
a draft and a scheduled article. Russian articles are translations of English ones (sharing
their covers) or Russian news of their own.
"""

from clusterportal import demo_content
from news.models import Article, Category

COVER_CREDIT = {"en": "Illustration: Pharma Cluster press office", "ru": "Иллюстрация: пресс-служба кластера"}


def has_content() -> bool:
    return Category.objects.exists() or Article.objects.exists()


def load(stdout=None) -> None:
    categories = demo_content.categories(Category, "news")
    articles = []
    # The seed of an article's cover is its place in the folder: the same file, the same picture.
    for seed, item in demo_content.originals_first(demo_content.pages("news", "articles")):
        original = item.original(Article)
        category = item.choose("category", categories)
        if original is not None:
            cover = item.cover_of(original)
        elif (cover := item.pop("cover", None)) is not None:
            language = item.fields.get("language", "en")
            cover = demo_content.picture(
                **cover, seed=seed, title=cover["label"], credit=COVER_CREDIT[language], language=language
            )
        article = item.create(
            Article, original=original, category=category, cover=cover, body=item.body, **item.schedule()
        )
        articles.append(article)
    if stdout is not None:
        stdout.write(f"News: loaded {len(categories)} categories and {demo_content.counted(articles, 'articles')}.")
