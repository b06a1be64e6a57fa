"""Cheap media-center data (factory_boy); pictures come from tests.factories.PictureFactory."""

import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from clusterportal.models import Status
from media_center.demo import minimal_docx, minimal_pdf
from media_center.models import Gallery, GalleryPhoto, PressMention, Publication, PublicationType, Video
from tests.factories import PictureFactory

PDF_BYTES = minimal_pdf("Annual report", "Output grew by 14 per cent.")
DOCX_BYTES = minimal_docx("Press release", "The training centre opens.")


def _published():
    return timezone.now() - datetime.timedelta(hours=1)


def _draft():
    return factory.Trait(status=Status.DRAFT, published_at=None)


def _scheduled():
    return factory.Trait(
        status=Status.PUBLISHED,
        published_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=2)),
    )


class GalleryFactory(factory.django.DjangoModelFactory):
    """A published gallery without photos, an hour old unless told otherwise."""

    class Meta:
        model = Gallery

    title = factory.Sequence(lambda n: f"Open day at member company {n}")
    description = "Visitors toured the clean rooms and the laboratory."
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(_published)

    class Params:
        draft = _draft()
        scheduled = _scheduled()
        with_cover = factory.Trait(cover=factory.SubFactory(PictureFactory))


class GalleryPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GalleryPhoto

    gallery = factory.SubFactory(GalleryFactory)
    picture = factory.SubFactory(PictureFactory, size=(640, 427))
    caption = ""
    credit = ""
    position = factory.Sequence(lambda n: n * 10)


class VideoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Video

    title = factory.Sequence(lambda n: f"Interview number {n}")
    description = "The director explains the new line."
    video_url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(_published)

    class Params:
        draft = _draft()
        scheduled = _scheduled()
        with_cover = factory.Trait(cover=factory.SubFactory(PictureFactory))


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication

    title = factory.Sequence(lambda n: f"Annual report {2000 + n}")
    publication_type = PublicationType.ANNUAL_REPORT
    description = "Output, exports and employment."
    language = "en"
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="report.pdf"))
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(_published)

    class Params:
        draft = _draft()
        scheduled = _scheduled()


class PressMentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PressMention

    title = factory.Sequence(lambda n: f"The cluster grows again ({n})")
    outlet = "Pharma Business Review"
    url = factory.Sequence(lambda n: f"https://news.example.com/articles/{n}")
    excerpt = "Exports doubled in three years."
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(_published)

    class Params:
        draft = _draft()
        scheduled = _scheduled()
