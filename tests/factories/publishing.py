"""What every content factory shares: ``PublishableFactory`` (and ``CoveredFactory``).

``Factory(draft=True)``, ``Factory(scheduled=True)``, and published an hour ago otherwise;
``with_cover=True`` for the types that have a cover.
"""

import datetime

import factory
from django.utils import timezone

from clusterportal.models import Status


def an_hour_ago():
    return timezone.now() - datetime.timedelta(hours=1)


def draft():
    return factory.Trait(status=Status.DRAFT, published_at=None)


def scheduled():
    """Published, but for the day after tomorrow: on no public page until then."""
    return factory.Trait(
        status=Status.PUBLISHED,
        published_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=2)),
    )


def with_cover():
    return factory.Trait(cover=factory.SubFactory("tests.factories.pictures.PictureFactory"))


class PublishableFactory(factory.django.DjangoModelFactory):
    """A published item, an hour old, unless told ``draft=True`` or ``scheduled=True``."""

    class Meta:
        abstract = True

    status = Status.PUBLISHED
    published_at = factory.LazyFunction(an_hour_ago)

    class Params:
        draft = draft()
        scheduled = scheduled()


class CoveredFactory(PublishableFactory):
    """A ``PublishableFactory`` for types with a cover picture: ``with_cover=True`` gives one."""

    class Meta:
        abstract = True

    class Params:
        with_cover = with_cover()
