"""
Demo content for the media center, read from ``clusterportal/demo_content/data/media_center/``,
in English and Russian: five photo galleries (one of twelve photos, two of them Russian
translations that show their original's photos with Russian captions) and a draft, six videos
(YouTube, RuTube, VK Video; fictional ids of a valid shape), five publications (PDF pages drawn
with Pillow, and DOCX files, both made while loading; the annual report and a press release in
both languages) and eight press mentions. Photos are drawn small (960×640): 21 in all, so that
loading stays quick.
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
    galleries = []
    seed = 500  # each drawn photo takes the next seed, and its motif from it
    for _number, item in demo_content.originals_first(demo_content.table(FOLDER, "galleries", "gallery")):
        original = item.original(Gallery)
        credit = item.pop("credit")
        if original is not None:
            # A translation shows the original's photos, with captions and a credit in its language.
            placed = list(original.photos.all())
            photos = [
                GalleryPhoto(picture_id=photo.picture_id, caption=caption, credit=credit, position=photo.position)
                for photo, caption in zip(placed, item.captions("photos", len(placed)), strict=True)
            ]
        else:
            photos = []
            for position, caption in enumerate(item.pop("photos")):
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
                    language=item.fields.get("language", "en"),
                )
                photos.append(GalleryPhoto(picture=picture, position=position * 10))
        gallery = item.create(Gallery, original=original, **item.schedule(at=datetime.time(11)))
        for photo in photos:
            photo.gallery = gallery
        GalleryPhoto.objects.bulk_create(photos)
        galleries.append(gallery)
    videos = []
    for _number, item in demo_content.originals_first(demo_content.table(FOLDER, "videos", "video")):
        original = item.original(Video)
        videos.append(item.create(Video, original=original, **item.schedule(at=datetime.time(15))))
    publications = []
    for _number, item in demo_content.originals_first(demo_content.table(FOLDER, "publications", "publication")):
        original = item.original(Publication)
        kind = item.choose("format", {kind: kind for kind in DOCUMENTS})
        content = DOCUMENTS[kind](item.fields["title"], item.fields["description"])
        publications.append(
            item.create(
                Publication,
                original=original,
                file=ContentFile(content, name=f"demo.{kind}"),
                **item.schedule(at=datetime.time(10)),
            )
        )
    mentions = []
    for _number, item in demo_content.originals_first(demo_content.table(FOLDER, "press", "mention")):
        original = item.original(PressMention)
        mentions.append(item.create(PressMention, original=original, **item.schedule(at=datetime.time(9, 30))))
    if stdout is not None:
        stdout.write(
            f"Media center: loaded {demo_content.counted(galleries, 'galleries')} with {seed - 500} photos drawn, "
            f"{demo_content.counted(videos, 'videos')}, {demo_content.counted(publications, 'publications')} "
            f"and {demo_content.counted(mentions, 'press mentions')}."
        )
