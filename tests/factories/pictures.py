"""Library pictures: small by default, since every save makes its renditions and a social picture."""

import io

import factory
from django.core.files.base import ContentFile
from PIL import Image

from clusterportal.models import Picture

#: What a factory picture measures unless a test asks for a size (``PictureFactory(size=…)``, or
#: ``with_cover=True, cover__size=…``): renditions and the 1200×630 social picture are made on
#: every save, and a 1200×675 original costs about ten times as much as this one.
SMALL = (160, 90)


def image_file(name: str = "cover.png", size=(64, 36), color="teal", fmt="PNG") -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return ContentFile(buffer.getvalue(), name=name)


class PictureFactory(factory.django.DjangoModelFactory):
    """A described library picture (160×90 unless told), with its renditions made on save."""

    class Meta:
        model = Picture

    image = factory.LazyAttribute(lambda o: image_file("photo.png", size=o.size))
    title = factory.Sequence(lambda n: f"Clean room {n}")
    alt_text = "Clean room with two technicians"
    caption = ""
    credit = ""

    class Params:
        size = SMALL
