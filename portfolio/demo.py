"""
Demo content for the portfolio: four categories, six organizations and fourteen projects, read
from ``clusterportal/demo_content/data/portfolio/`` (``categories.toml``, ``organizations.toml`` and
one page per project).

Everything is fictional and lives in the same Novograd Region as the news demo. Publication
dates are counted back from today; project years are absolute. There are three featured projects
(the home page shows them), one draft, one project without a cover (its shared card is drawn)
and galleries on most entries: 51 pictures in all, drawn small so that loading stays quick.
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
        organizations[key] = (item.create(Organization), credit)
    entries = demo_content.pages("portfolio", "entries")
    pictures = 0
    # Picture seeds follow a project's place in the folder: the same file, the same pictures.
    for number, item in enumerate(entries, start=1):
        organization, credit = item.choose("organization", organizations)
        title = item.fields["title"]
        cover = item.pop("cover", None)
        if cover is not None:
            cover = demo_content.picture(**cover, seed=200 + number, title=f"{title}: {cover['label']}", credit=credit)
            pictures += 1
        key_figures = item.pop("key_figures")
        gallery = item.pop("gallery", [])
        entry = item.create(
            Entry,
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
        for index, shot in enumerate(gallery):
            seed = 300 + 10 * number + index
            picture = demo_content.picture(
                **shot, seed=seed, size=demo_content.PHOTO_SIZE, title=f"{title}: {shot['label']}", credit=credit
            )
            GalleryItem.objects.create(entry=entry, picture=picture, position=(index + 1) * 10)
            pictures += 1
    if stdout is not None:
        stdout.write(
            f"Portfolio: loaded {len(categories)} categories, {len(organizations)} organizations, "
            f"{len(entries)} projects and {pictures} pictures."
        )
