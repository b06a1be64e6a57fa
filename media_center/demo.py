"""
Demo content for the media center, read from ``clusterportal/demo_content/data/media_center/``:
three photo galleries (one of twelve photos) and a draft, four videos (YouTube, RuTube, VK Video;
fictional ids of a valid shape), four publications (a PDF page drawn with Pillow, one in Russian,
and a DOCX, both made while loading) and six press mentions. Photos are drawn small (960×640):
21 in all, so that loading stays quick.
"""

import datetime

from django.core.files.base import ContentFile

from clusterportal import demo_content
from clusterportal.demo_content.documents import drawn_pdf, minimal_docx
from media_center.models import Gallery, GalleryPhoto, PressMention, Publication, Video

FOLDER = "media_center"
MOTIFS = ("flasks", "capsules", "molecule", "hexagons")
DOCUMENTS = {"pdf": drawn_pdf, "docx": minimal_docx}


def has_content() -> bool:
    return any(model.objects.exists() for model in (Gallery, Video, Publication, PressMention))


def load(stdout=None) -> None:
    galleries = demo_content.table(FOLDER, "galleries", "gallery")
    seed = 500  # each photo takes the next seed, and its motif from it
    for item in galleries:
        credit, captions = item.pop("credit"), item.pop("photos")
        gallery = item.create(Gallery, **item.schedule(at=datetime.time(11)))
        for position, caption in enumerate(captions):
            seed += 1
            label = " ".join(caption.split()[:3])
            motif = MOTIFS[seed % len(MOTIFS)]
            picture = demo_content.picture(
                label,
                seed=seed,
                motif=motif,
                size=demo_content.PHOTO_SIZE,
                title=caption,
                caption=caption,
                credit=credit,
            )
            GalleryPhoto.objects.create(gallery=gallery, picture=picture, position=position * 10)
    videos = demo_content.table(FOLDER, "videos", "video")
    for item in videos:
        item.create(Video, **item.schedule(at=datetime.time(15)))
    publications = demo_content.table(FOLDER, "publications", "publication")
    for item in publications:
        kind = item.pop("format")
        content = DOCUMENTS[kind](item.fields["title"], item.fields["description"])
        item.create(Publication, file=ContentFile(content, name=f"demo.{kind}"), **item.schedule(at=datetime.time(10)))
    mentions = demo_content.table(FOLDER, "press", "mention")
    for item in mentions:
        item.create(PressMention, **item.schedule(at=datetime.time(9, 30)))
    if stdout is not None:
        stdout.write(
            f"Media center: loaded {len(galleries)} galleries ({seed - 500} photos), {len(videos)} videos, "
            f"{len(publications)} publications and {len(mentions)} press mentions."
        )
