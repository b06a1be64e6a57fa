"""
Demo content for the media center, loaded by ``manage.py load_demo`` into an empty database:
three photo galleries (one of twelve photos, one draft), four videos (YouTube, RuTube, VK Video;
fictional ids of a valid shape), four publications (PDF pages drawn with Pillow and a DOCX written
here, no binary files in the repository) and six press mentions. Pictures are drawn small (960×640) by
``clusterportal.demo_images`` so that loading stays quick: 21 in all.
"""

import io
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from clusterportal import images
from clusterportal.demo_dates import days_ago_at
from clusterportal.demo_images import cover_description, cover_picture
from clusterportal.models import Picture, Status
from media_center.models import (
    Gallery,
    GalleryPhoto,
    Language,
    PressMention,
    Publication,
    PublicationType,
    Video,
)

PHOTO_SIZE = (960, 640)
MOTIFS = ("flasks", "capsules", "molecule", "hexagons")


@dataclass(frozen=True)
class DemoGallery:
    title: str
    days_ago: int
    description: str
    photos: tuple[str, ...]  # caption of each photo; the label drawn on it is its first words
    credit: str
    status: str = Status.PUBLISHED


GALLERIES = [
    DemoGallery(
        title="Pharmtech week: the cluster's joint stand",
        days_ago=6,
        description="Eight member companies, one stand and three days of meetings with buyers, "
        "distributors and engineers.",
        photos=(
            "The joint stand on the morning of the first day",
            "Visitors at the SteriLine isolator model",
            "NovoCaps samples of plant-based capsules",
            "The cluster's executive director opens the stand",
            "A round table on contract manufacturing",
            "Engineers from Medisintez explain the new API plant",
            "Students from the university's pharmacy faculty",
            "Signing an agreement with a distributor",
            "The stand's meeting corner, fully booked",
            "Biolek Pharma's continuous manufacturing demonstrator",
            "Questions after the Annex 1 talk",
            "The team on the last evening",
        ),
        credit="Photo: Pharma Cluster press office",
    ),
    DemoGallery(
        title="Opening of the GMP training centre",
        days_ago=48,
        description="The cleanroom simulator where operators practise gowning and aseptic interventions.",
        photos=(
            "Cutting the ribbon",
            "The gowning room",
            "A first group in the simulator",
            "Instructors review a recorded intervention",
        ),
        credit="© Novograd Technopark",
    ),
    DemoGallery(
        title="Winter school for young quality specialists",
        days_ago=352,
        description="Forty graduates, five days of case studies, a mock audit and three plant visits.",
        photos=("Case study in groups", "The mock audit", "Visit to the NovoCaps plant"),
        credit="Photo: Pharma Cluster press office",
    ),
    DemoGallery(
        title="Autumn partnership forum (draft)",
        days_ago=0,
        description="Photos still to be chosen.",
        photos=("Registration desk", "The plenary session"),
        credit="Photo: Pharma Cluster press office",
        status=Status.DRAFT,
    ),
]

#: (title, days ago, url, description)
VIDEOS = [
    (
        "A day in the life of an aseptic operator",
        12,
        "https://www.youtube.com/watch?v=Xy3bQ9kLmN0",
        "From gowning to the isolator: eight hours on SteriLine's filling line, in six minutes.",
    ),
    (
        "The cluster in three minutes",
        75,
        "https://youtu.be/aB4cD5eF6gH",
        "Forty-six companies, twelve thousand people and what they make, told by the people who make it.",
    ),
    (
        "Inside the shared analytical centre",
        140,
        "https://rutube.ru/video/4f1c2a9b7e3d4c5a8b6f0e1d2c3b4a59/",
        "A tour of the mass spectrometry laboratory and the stability chambers members can book.",
    ),
    (
        "Interview: continuous manufacturing at Biolek Pharma",
        210,
        "https://vkvideo.ru/video-215678943_456239017",
        "The project lead explains why the company is moving from batches to a continuous line.",
    ),
]

#: (title, type, language, days ago, description, kind: "pdf" or "docx")
PUBLICATIONS = [
    (
        "Annual report 2025",
        PublicationType.ANNUAL_REPORT,
        Language.EN,
        30,
        "Output, exports, employment and investment of the cluster's member companies in 2025.",
        "pdf",
    ),
    (
        "Годовой отчёт 2025",
        PublicationType.ANNUAL_REPORT,
        Language.RU,
        30,
        "Итоги работы кластера и его участников за 2025 год.",
        "pdf",
    ),
    (
        "The cluster for investors: presentation",
        PublicationType.PRESENTATION,
        Language.EN,
        95,
        "Sites, infrastructure, support programmes and contacts for companies considering the region.",
        "pdf",
    ),
    (
        "Press release: GMP training centre opens",
        PublicationType.PRESS_RELEASE,
        Language.EN,
        48,
        "The text of the press release, ready to edit.",
        "docx",
    ),
]

#: (headline, outlet, days ago, url, excerpt)
PRESS = [
    (
        "Novograd's pharma cluster bets on sterile injectables",
        "Pharma Business Review",
        9,
        "https://www.example.com/pharma-business-review/novograd-sterile-injectables",
        "Five member sites now fill products aseptically, and a sixth line is on order.",
    ),
    (
        "How a regional cluster trains its own operators",
        "Industry Weekly",
        40,
        "https://www.example.org/industry-weekly/cluster-trains-operators",
        "",
    ),
    (
        "Кластер удвоил экспорт за три года",
        "Novograd Business Daily",
        66,
        "https://www.example.org/novograd-business/cluster-exports",
        "Экспорт участников кластера вырос почти вдвое.",
    ),
    (
        "Capsules made next door",
        "Packaging Today",
        120,
        "https://www.example.com/packaging-today/capsules-next-door",
        "NovoCaps now supplies half of its output to its neighbours in the cluster.",
    ),
    (
        "Regional fund backs eleven pharmaceutical R&D projects",
        "Science & Industry",
        170,
        "https://www.example.org/science-industry/regional-fund-rnd",
        "",
    ),
    (
        "The quiet success of Novograd's pharmaceutical cluster",
        "Chemical Industry Weekly",
        400,
        "https://www.example.org/chemical-industry-weekly/quiet-success",
        "Twelve years on, the cluster counts 46 members and a shared training centre.",
    ),
]


def has_content() -> bool:
    return any(model.objects.exists() for model in (Gallery, Video, Publication, PressMention))


def load(stdout=None) -> None:
    seed = 500
    pictures = 0
    for item in GALLERIES:
        gallery = Gallery(
            title=item.title,
            description=item.description,
            status=item.status,
            published_at=None if item.status == Status.DRAFT else days_ago_at(item.days_ago, 11, 0),
        )
        gallery.full_clean()
        gallery.save()
        for position, caption in enumerate(item.photos):
            seed += 1
            label = " ".join(caption.split()[:3])
            motif = MOTIFS[seed % len(MOTIFS)]
            picture = Picture.objects.create(
                image=cover_picture(label, seed=seed, size=PHOTO_SIZE, brand=settings.SITE_NAME, motif=motif),
                title=caption,
                alt_text=cover_description(label, seed=seed, motif=motif),
                caption=caption,
                credit=item.credit,
            )
            GalleryPhoto.objects.create(gallery=gallery, picture=picture, position=position * 10)
            pictures += 1
    for title, days_ago, url, description in VIDEOS:
        video = Video(
            title=title,
            video_url=url,
            description=description,
            status=Status.PUBLISHED,
            published_at=days_ago_at(days_ago, 15, 0),
        )
        video.full_clean()
        video.save()
    for title, kind, language, days_ago, description, fmt in PUBLICATIONS:
        content = minimal_docx(title, description) if fmt == "docx" else drawn_pdf(title, description)
        publication = Publication(
            title=title,
            publication_type=kind,
            language=language,
            description=description,
            file=ContentFile(content, name=f"demo.{fmt}"),
            status=Status.PUBLISHED,
            published_at=days_ago_at(days_ago, 10, 0),
        )
        publication.full_clean()
        publication.save()
    for headline, outlet, days_ago, url, excerpt in PRESS:
        mention = PressMention(
            title=headline,
            outlet=outlet,
            url=url,
            excerpt=excerpt,
            status=Status.PUBLISHED,
            published_at=days_ago_at(days_ago, 9, 30),
        )
        mention.full_clean()
        mention.save()
    if stdout is not None:
        stdout.write(
            f"Media center: loaded {len(GALLERIES)} galleries ({pictures} photos), {len(VIDEOS)} videos, "
            f"{len(PUBLICATIONS)} publications and {len(PRESS)} press mentions."
        )


def drawn_pdf(title: str, text: str) -> bytes:
    """A one-page A4 PDF drawn with Pillow (100 dpi): any script the fonts cover, e.g. Cyrillic.

    The page is a picture, so its text cannot be selected; a demo document only has to look
    like one when a visitor opens it.
    """
    width, height = 827, 1169  # A4 at 100 dpi
    page = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(page)
    margin = 80
    draw.rectangle([(0, 0), (width, 150)], fill="#0b5563")
    draw.text((margin, 60), settings.SITE_NAME.upper(), font=images.font(bold=True, size=22), fill="#cfe7ea")
    y = 220
    for size, value, fill in ((34, title, "#10212b"), (17, text, "#33434d")):
        face = images.font(bold=size > 20, size=size)
        for line in images.wrap(draw, value, face, width - 2 * margin, 6):
            draw.text((margin, y), line, font=face, fill=fill)
            y += int(size * 1.4)
        y += 24
    draw.line([(margin, height - 90), (width - margin, height - 90)], fill="#b4451f", width=3)
    draw.text((margin, height - 70), "Demo document", font=images.font(bold=False, size=14), fill="#5b6b75")
    out = io.BytesIO()
    page.save(out, "PDF", resolution=100, title=title, author=settings.SITE_NAME)
    return out.getvalue()


def minimal_docx(title: str, text: str) -> bytes:
    """A valid Word document (Office Open XML) with a heading and a paragraph."""

    def para(value: str, bold: bool = False) -> str:
        run_props = '<w:rPr><w:b/><w:sz w:val="32"/></w:rPr>' if bold else ""
        return f"<w:p><w:r>{run_props}<w:t>{escape(value)}</w:t></w:r></w:p>"

    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            f"{para(title, bold=True)}{para(text)}</w:body></w:document>"
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()
