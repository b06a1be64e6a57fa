"""
Demo content for the portfolio: four categories, six organizations and nineteen projects in
English and Russian, read from ``clusterportal/demo_content/data/portfolio/``
(``categories.toml``, ``organizations.toml`` and one page per project).

Everything is fictional and lives in the same Novograd Region as the news demo. Publication
dates are counted back from today; project years are absolute. There are three featured projects
in each language (the home page shows them), one draft, projects without a cover (their shared
card is drawn) and galleries on most entries: 51 pictures in all, drawn small so that loading
stays quick. A Russian translation shows its original's cover and gallery, with captions of
its own.
"""

from clusterportal import demo_content
from portfolio.models import Category, Entry, GalleryItem, KeyFigure, Organization


def has_content() -> bool:
    return Category.objects.exists() or Entry.objects.exists()


def load(stdout=None) -> None:
    categories = demo_content.categories(Category, "portfolio")
    organizations = {}  # key → (organization, the credit under its pictures)
    for item in demo_content.table("portfolio", "organizations", "organization"):
        key, credit = item.pop("key"), item.pop("credit")
        organizations[key] = (demo_content.named(item).create(Organization), credit)
    entries = []
    pictures = 0
    # Picture seeds follow a project's place in the folder: the same file, the same pictures.
    for number, item in demo_content.originals_first(demo_content.pages("portfolio", "entries")):
        original = item.original(Entry)
        organization, credit = item.choose("organization", organizations)
        title = item.fields["title"]
        key_figures = item.pop("key_figures")
        if original is not None:
            cover = item.cover_of(original)
            placed = list(original.gallery.all())
            gallery = [
                GalleryItem(picture_id=shot.picture_id, caption=caption, position=shot.position)
                for shot, caption in zip(placed, item.captions("gallery", len(placed)), strict=True)
            ]
        else:
            cover = item.pop("cover", None)
            if cover is not None:
                cover = demo_content.picture(
                    **cover, seed=200 + number, title=f"{title}: {cover['label']}", credit=credit
                )
                pictures += 1
            gallery = []
            for index, shot in enumerate(item.pop("gallery", [])):
                seed = 300 + 10 * number + index
                picture = demo_content.picture(
                    **shot, seed=seed, size=demo_content.PHOTO_SIZE, title=f"{title}: {shot['label']}", credit=credit
                )
                gallery.append(GalleryItem(picture=picture, position=(index + 1) * 10))
                pictures += 1
        entry = item.create(
            Entry,
            original=original,
            category=item.choose("category", categories),
            organization=organization,
            cover=cover,
            body=item.body,
            **item.schedule(),
        )
        KeyFigure.objects.bulk_create(
            KeyFigure(entry=entry, label=label, value=value, position=(index + 1) * 10)
            for index, (label, value) in enumerate(key_figures)
        )
        for placed_picture in gallery:
            placed_picture.entry = entry
        GalleryItem.objects.bulk_create(gallery)
        entries.append(entry)
    if stdout is not None:
        stdout.write(
            f"Portfolio: loaded {len(categories)} categories, {len(organizations)} organizations, "
            f"{demo_content.counted(entries, 'projects')} and {pictures} pictures."
        )
