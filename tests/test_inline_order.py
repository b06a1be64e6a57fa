"""Drag-and-drop ordering of inlines, the server's side (clusterportal.admin.OrderedTabularInline).

The admin pages with an ordered inline load inline-order.js and its stylesheet, and mark the
position inputs it renumbers. What the script posts is an ordinary formset: renumbered
positions save the new order, and an extra row left untouched is ignored — but an empty row
given a number is a changed form that Django validates, which is why the script leaves empty
rows alone (the browser journey is tests/browser/test_inline_order_journey.py).
"""

import re

import pytest
from django.contrib import admin

from clusterportal.admin import OrderedTabularInline
from media_center.admin import GalleryPhotoInline
from media_center.models import Gallery, GalleryPhoto
from portfolio.admin import GalleryItemInline, KeyFigureInline
from portfolio.models import Entry, KeyFigure
from tests.factories import (
    EntryFactory,
    GalleryFactory,
    GalleryPhotoFactory,
    KeyFigureFactory,
    PictureFactory,
    entry_admin_form_data,
)

pytestmark = pytest.mark.django_db

SCRIPT = '<script src="/static/js/inline-order.js"'
STYLESHEET = '<link href="/static/css/inline-order.css"'


@pytest.fixture
def gallery():
    gallery = GalleryFactory(title="Pharmtech fair", slug="pharmtech-fair")
    for position, title in enumerate(("Stand", "Audience", "Panel")):
        GalleryPhotoFactory(gallery=gallery, picture=PictureFactory(title=title), position=position)
    return gallery


@pytest.fixture
def entry():
    entry = EntryFactory(title="Sterile injectables plant", slug="sterile-injectables-plant")
    for position, label in enumerate(("Investment", "Jobs", "Capacity")):
        KeyFigureFactory(entry=entry, label=label, value="1", position=position)
    return entry


def input_tags(text: str) -> list[str]:
    return re.findall(r"<input\b[^>]*>", text)


def errors(response) -> list[str]:
    return re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.text, re.S)


# --- the pages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        lambda site: "/admin/media_center/gallery/add/",
        lambda site: f"/admin/media_center/gallery/{site['gallery'].pk}/change/",
        lambda site: "/admin/portfolio/entry/add/",
        lambda site: f"/admin/portfolio/entry/{site['entry'].pk}/change/",
    ],
    ids=["gallery-add", "gallery-change", "entry-add", "entry-change"],
)
def test_pages_with_an_ordered_inline_load_the_script_and_its_stylesheet(url, gallery, entry, editor_client):
    response = editor_client.get(url({"gallery": gallery, "entry": entry}))
    assert response.status_code == 200
    assert response.text.count(SCRIPT) == 1
    assert response.text.count(STYLESHEET) == 1


@pytest.mark.parametrize("url", ["/admin/news/article/add/", "/admin/media_center/video/add/"])
def test_pages_without_an_ordered_inline_do_not_load_it(url, editor_client):
    text = editor_client.get(url).text
    assert "inline-order" not in text


def test_the_gallery_page_marks_each_position_input_and_nothing_else(gallery, editor_client):
    text = editor_client.get(f"/admin/media_center/gallery/{gallery.pk}/change/").text
    marked = [tag for tag in input_tags(text) if "data-inline-order" in tag]
    names = [re.search(r'name="([^"]*)"', tag).group(1) for tag in marked]
    # Three photos and the template row of "Add another"; the numbers are still there to edit.
    assert names == ["photos-0-position", "photos-1-position", "photos-2-position", "photos-__prefix__-position"]
    assert all('type="number"' in tag for tag in marked)
    assert [re.search(r'value="([^"]*)"', tag).group(1) for tag in marked] == ["0", "1", "2", "0"]


def test_the_entry_page_marks_the_positions_of_both_inlines(entry, editor_client):
    text = editor_client.get(f"/admin/portfolio/entry/{entry.pk}/change/").text
    names = [re.search(r'name="([^"]*)"', tag).group(1) for tag in input_tags(text) if "data-inline-order" in tag]
    # Key figures: three, one extra, the template; the gallery: one extra, the template.
    assert names == [
        *(f"key_figures-{n}-position" for n in ("0", "1", "2", "3", "__prefix__")),
        *(f"gallery-{n}-position" for n in ("0", "__prefix__")),
    ]


@pytest.mark.parametrize(
    ("inline", "model"),
    [(GalleryPhotoInline, Gallery), (KeyFigureInline, Entry), (GalleryItemInline, Entry)],
)
def test_each_reorderable_inline_shows_its_ordering_field(inline, model):
    assert issubclass(inline, OrderedTabularInline)
    assert inline.ordering_field in inline.fields
    assert inline in admin.site._registry[model].inlines


# --- what the script posts -----------------------------------------------------------------------


def gallery_form_data(gallery, rows: list[dict], *, extra: list[dict] = ()) -> dict:
    """What the gallery's change form posts: its fields, then ``rows`` (the photos, in form order)
    and ``extra`` rows (new forms)."""
    data = {
        "title": gallery.title,
        "slug": gallery.slug,
        "description": gallery.description,
        "cover": "",
        "language": "en",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "seo_description": "",
        "photos-TOTAL_FORMS": str(len(rows) + len(extra)),
        "photos-INITIAL_FORMS": str(len(rows)),
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    for index, row in enumerate([*rows, *extra]):
        defaults = {"gallery": str(gallery.pk), "id": "", "picture": "", "caption": "", "credit": "", "position": "0"}
        data.update({f"photos-{index}-{key}": value for key, value in {**defaults, **row}.items()})
    return data


def photo_rows(gallery, positions: dict[str, str]) -> list[dict]:
    return [
        {"id": str(photo.pk), "picture": str(photo.picture_id), "position": positions[photo.picture.title]}
        for photo in gallery.photos.select_related("picture")
    ]


def saved_titles(gallery) -> list[str]:
    return [photo.picture.title for photo in GalleryPhoto.objects.filter(gallery=gallery).select_related("picture")]


def test_renumbered_positions_save_the_new_order_and_an_untouched_extra_row_is_ignored(gallery, editor_client):
    rows = photo_rows(gallery, {"Stand": "20", "Audience": "30", "Panel": "10"})
    # The extra row as the script leaves it: empty, with the position it was rendered with.
    response = editor_client.post(
        f"/admin/media_center/gallery/{gallery.pk}/change/", gallery_form_data(gallery, rows, extra=[{}])
    )
    assert response.status_code == 302, errors(response)
    assert saved_titles(gallery) == ["Panel", "Stand", "Audience"]


def test_an_empty_extra_row_given_a_number_is_refused(gallery, editor_client):
    rows = photo_rows(gallery, {"Stand": "10", "Audience": "20", "Panel": "30"})
    response = editor_client.post(
        f"/admin/media_center/gallery/{gallery.pk}/change/",
        gallery_form_data(gallery, rows, extra=[{"position": "40"}]),
    )
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert saved_titles(gallery) == ["Stand", "Audience", "Panel"]


def test_key_figures_renumbered_beside_an_untouched_extra_row_save_in_the_new_order(entry, editor_client):
    figures = list(entry.key_figures.all())
    data = entry_admin_form_data(entry.category, entry.organization, title=entry.title, slug=entry.slug)
    data.update({"key_figures-TOTAL_FORMS": "4", "key_figures-INITIAL_FORMS": "3"})
    for index, (figure, position) in enumerate(zip(figures, ("30", "10", "20"), strict=True)):
        data.update(
            {
                f"key_figures-{index}-id": str(figure.pk),
                f"key_figures-{index}-entry": str(entry.pk),
                f"key_figures-{index}-label": figure.label,
                f"key_figures-{index}-value": figure.value,
                f"key_figures-{index}-position": position,
            }
        )
    data.update({"key_figures-3-id": "", "key_figures-3-entry": str(entry.pk), "key_figures-3-position": "0"})
    response = editor_client.post(f"/admin/portfolio/entry/{entry.pk}/change/", data)
    assert response.status_code == 302, errors(response)
    assert list(KeyFigure.objects.filter(entry=entry).values_list("label", flat=True)) == [
        "Jobs",
        "Capacity",
        "Investment",
    ]
