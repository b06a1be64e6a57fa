"""Cheap, realistic test data (factory_boy)."""

import datetime
import io

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from clusterportal.models import Picture, Status
from news.models import Article, Category


def image_file(name: str = "cover.png", size=(64, 36), color="teal", fmt="PNG") -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return ContentFile(buffer.getvalue(), name=name)


class PictureFactory(factory.django.DjangoModelFactory):
    """A described library picture (1200×675 unless told), with its renditions made on save."""

    class Meta:
        model = Picture

    image = factory.LazyAttribute(lambda o: image_file("photo.png", size=o.size))
    title = factory.Sequence(lambda n: f"Clean room {n}")
    alt_text = "Clean room with two technicians"
    caption = ""
    credit = ""

    class Params:
        size = (1200, 675)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article, an hour old unless told otherwise."""

    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Cluster member opens plant number {n}")
    category = factory.SubFactory(CategoryFactory)
    lead = "A new production site for sterile injectables starts work in the cluster."
    body = "<p>The plant will employ <strong>250</strong> people.</p>"
    source_name = "Pharma Daily"
    source_url = "https://example.org/news/plant"
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))

    class Params:
        draft = factory.Trait(status=Status.DRAFT, published_at=None)
        scheduled = factory.Trait(
            status=Status.PUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=2)),
        )
        with_cover = factory.Trait(cover=factory.SubFactory("tests.factories.PictureFactory"))


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
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "seo_description": "",
        "_save": "Save",
    }
    data.update(overrides)
    return data
