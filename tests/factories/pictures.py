"""Library pictures, with their renditions made on save."""

import io

import factory
from django.core.files.base import ContentFile
from PIL import Image

from clusterportal.models import Picture

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
