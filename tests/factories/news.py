"""News: categories and articles."""

import factory

from news.models import Article, Category
from tests.factories import publishing


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    class Params:
        name = factory.Sequence(lambda n: f"Category {n}")  # the same in both languages unless told

    name_en = factory.LazyAttribute(lambda o: o.name)
    name_ru = factory.LazyAttribute(lambda o: o.name)
    slug = factory.Sequence(lambda n: f"category-{n}")


class ArticleFactory(publishing.CoveredFactory):
    """A published article, an hour old unless told otherwise."""

    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Cluster member opens plant number {n}")
    category = factory.SubFactory(CategoryFactory)
    lead = "A new production site for sterile injectables starts work in the cluster."
    body = "<p>The plant will employ <strong>250</strong> people.</p>"
    source_name = "Pharma Daily"
    source_url = "https://example.org/news/plant"


def article_admin_form_data(category, **overrides) -> dict:
    """What the admin's "Add article" form posts, filled in as an editor would, for a draft."""
    data = {
        "title": "Cluster opens a training centre",
        "slug": "",
        "category": str(category.pk),
        "lead": "Forty technicians a year will be trained in GMP.",
        "body": "<p>The centre opens in <strong>May</strong>.</p>",
        "source_name": "",
        "source_url": "",
        "language": "en",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "seo_description": "",
        "_save": "Save",
    }
    data.update(overrides)
    return data
