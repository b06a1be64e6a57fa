"""The portfolio: categories, organizations, entries with their key figures and gallery."""

import factory

from portfolio.models import Category, Entry, GalleryItem, KeyFigure, Organization, ProjectStatus
from tests.factories import publishing
from tests.factories.pictures import PictureFactory


class PortfolioCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    class Params:
        name = factory.Sequence(lambda n: f"Projects {n}")  # the same in both languages unless told

    name_en = factory.LazyAttribute(lambda o: o.name)
    name_ru = factory.LazyAttribute(lambda o: o.name)
    slug = factory.Sequence(lambda n: f"projects-{n}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("name_en",)

    class Params:
        name = factory.Sequence(lambda n: f"Member company {n}")  # the same in both languages unless told

    name_en = factory.LazyAttribute(lambda o: o.name)
    name_ru = factory.LazyAttribute(lambda o: o.name)
    website = factory.Sequence(lambda n: f"https://member-{n}.example.com/")


class EntryFactory(publishing.CoveredFactory):
    """A published project, running since 2023, published an hour ago unless told otherwise."""

    class Meta:
        model = Entry

    title = factory.Sequence(lambda n: f"Sterile production site number {n}")
    category = factory.SubFactory(PortfolioCategoryFactory)
    organization = factory.SubFactory(OrganizationFactory)
    location = "Novograd, Severny industrial zone"
    year_started = 2023
    year_completed = None
    project_status = ProjectStatus.IN_PROGRESS
    summary = "An isolator line for vials and prefilled syringes, 40 million units a year."
    body = "<p>The site will employ <strong>250</strong> people.</p>"

    class Params:
        completed = factory.Trait(project_status=ProjectStatus.COMPLETED, year_completed=2025)
        planned = factory.Trait(project_status=ProjectStatus.PLANNED, year_started=2027)


class KeyFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyFigure

    entry = factory.SubFactory(EntryFactory)
    label = factory.Sequence(lambda n: f"Figure {n}")
    value = "RUB 1.2 billion"
    position = factory.Sequence(lambda n: n * 10)


class GalleryItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GalleryItem

    entry = factory.SubFactory(EntryFactory)
    picture = factory.SubFactory(PictureFactory)
    caption = ""
    position = factory.Sequence(lambda n: n * 10)


def entry_admin_form_data(category, organization, **overrides) -> dict:
    """What the admin's "Add portfolio entry" form posts for a draft, with empty inline formsets."""
    data = {
        "title": "Training centre for aseptic operators",
        "slug": "",
        "category": str(category.pk),
        "summary": "A cleanroom simulator where operators practise gowning.",
        "body": "<p>Opens in <strong>May</strong>.</p>",
        "organization": str(organization.pk),
        "location": "Novograd",
        "year_started": "2025",
        "year_completed": "",
        "project_status": ProjectStatus.IN_PROGRESS,
        "cover": "",
        "language": "en",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "seo_description": "",
        "_save": "Save",
    }
    for prefix in ("key_figures", "gallery"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(overrides)
    return data
