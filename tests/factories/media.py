"""The media center: galleries and their photos, videos, publications (with tiny real files), press mentions."""

import io

import factory
from django.conf import settings
from django.core.files.base import ContentFile

from media_center.demo import minimal_docx
from media_center.models import Gallery, GalleryPhoto, PressMention, Publication, PublicationType, Video
from tests.factories import publishing
from tests.factories.pictures import PictureFactory


def _pdf_text(text: str) -> str:
    # The built-in Helvetica speaks Latin-1 only; anything else becomes "?" in this demo file.
    latin = text.encode("latin-1", "replace").decode("latin-1")
    return latin.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def minimal_pdf(title: str, text: str) -> bytes:
    """A valid one-page PDF 1.4 with a title and a line of text (about 700 bytes, Latin-1 only).

    Text a PDF reader can select, and tiny; the demo draws its documents with
    ``media_center.demo.drawn_pdf`` instead, which speaks Cyrillic too.
    """
    stream = (
        f"BT /F1 20 Tf 72 760 Td ({_pdf_text(title)}) Tj ET\n"
        f"BT /F1 11 Tf 72 730 Td ({_pdf_text(text[:90])}) Tj ET\n"
        f"BT /F1 9 Tf 72 60 Td ({_pdf_text(settings.SITE_NAME)} - demo document) Tj ET\n"
    ).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


PDF_BYTES = minimal_pdf("Annual report", "Output grew by 14 per cent.")
DOCX_BYTES = minimal_docx("Press release", "The training centre opens.")


class GalleryFactory(publishing.CoveredFactory):
    """A published gallery without photos, an hour old unless told otherwise."""

    class Meta:
        model = Gallery

    title = factory.Sequence(lambda n: f"Open day at member company {n}")
    description = "Visitors toured the clean rooms and the laboratory."


class GalleryPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GalleryPhoto

    gallery = factory.SubFactory(GalleryFactory)
    picture = factory.SubFactory(PictureFactory, size=(640, 427))
    caption = ""
    credit = ""
    position = factory.Sequence(lambda n: n * 10)


class VideoFactory(publishing.CoveredFactory):
    class Meta:
        model = Video

    title = factory.Sequence(lambda n: f"Interview number {n}")
    description = "The director explains the new line."
    video_url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


class PublicationFactory(publishing.PublishableFactory):
    class Meta:
        model = Publication

    title = factory.Sequence(lambda n: f"Annual report {2000 + n}")
    publication_type = PublicationType.ANNUAL_REPORT
    description = "Output, exports and employment."
    language = "en"
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="report.pdf"))


class PressMentionFactory(publishing.PublishableFactory):
    class Meta:
        model = PressMention

    title = factory.Sequence(lambda n: f"The cluster grows again ({n})")
    outlet = "Pharma Business Review"
    url = factory.Sequence(lambda n: f"https://news.example.com/articles/{n}")
    excerpt = "Exports doubled in three years."
