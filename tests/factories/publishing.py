"""The publication states every content factory offers, as factory_boy traits.

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
