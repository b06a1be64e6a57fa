"""Reordering an ordered inline in a real browser (clusterportal.admin.OrderedTabularInline).

An editor drags a gallery's third photo above the first; a keyboard user moves a photo with
"Move up" / "Move down"; empty extra rows (server-rendered, or added with "Add another") keep
their untouched position through it all, so saving never trips over "This field is required";
a project's key figures reorder the same way. Each time, what is saved is checked in the
database and on the public page.
"""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model

from media_center.models import Gallery, GalleryPhoto
from portfolio.models import KeyFigure
from tests.browser import helpers
from tests.factories import EntryFactory, GalleryFactory, GalleryPhotoFactory, KeyFigureFactory, PictureFactory

pytestmark = pytest.mark.usefixtures("transactional_db")

#: (picture title, its alt text): the gallery's photos in their saved order.
PHOTOS = [
    ("Stand", "The cluster's stand at the fair"),
    ("Audience", "The audience of the opening panel"),
    ("Panel", "Five directors on the stage"),
]
FIGURES = [("Investment", "RUB 1.2 billion"), ("Jobs", "250"), ("Capacity", "40 million units a year")]


@pytest.fixture
def editor(transactional_db):
    return get_user_model().objects.create_superuser("order-editor", "order@example.com", "order-pw-1")


@pytest.fixture
def gallery(transactional_db):
    gallery = GalleryFactory(title="Pharmtech fair")
    for position, (title, alt) in enumerate(PHOTOS):
        GalleryPhotoFactory(
            gallery=gallery, picture=PictureFactory(title=title, alt_text=alt, size=(320, 180)), position=position
        )
    return gallery


@pytest.fixture
def entry(transactional_db):
    entry = EntryFactory(title="Sterile injectables plant")
    for position, (label, value) in enumerate(FIGURES):
        KeyFigureFactory(entry=entry, label=label, value=value, position=position)
    return entry


def change_url(obj) -> str:
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def open_admin(new_browser_context, user, url: str, log):
    page = new_browser_context(user=user).new_page()
    log.watch(page)
    page.goto(url)
    helpers.wait_for(page, "document.querySelector('.inline-order')", message="inline-order.js did not set up")
    return page


def rows(page, prefix: str):
    return page.locator(f"#{prefix}-group tbody tr.form-row:not(.empty-form)")


def photo_titles(page) -> list[str]:
    """The photos' pictures as the rows show them, top to bottom (the raw-id widget's label)."""
    return [" ".join(text.split()) for text in rows(page, "photos").locator("td.field-picture").all_inner_texts()]


def values(page, prefix: str, field: str) -> list[str]:
    return rows(page, prefix).locator(f"input[name$='-{field}']").evaluate_all("inputs => inputs.map(i => i.value)")


def status_text(page, prefix: str) -> str:
    return page.locator(f"#{prefix}-group [role=status]").inner_text()


def wait_for_status(page, prefix: str, text: str) -> None:
    selector = json.dumps(f"#{prefix}-group [role=status]")
    try:
        helpers.wait_for(page, f"document.querySelector({selector}).textContent === {json.dumps(text)}")
    except AssertionError:
        raise AssertionError(f"the live region never said {text!r}; it says {status_text(page, prefix)!r}") from None


def drag_above(handle_row, target_row) -> None:
    """Drag a row by its grip and drop it on the upper edge of another row."""
    handle_row.locator(".inline-order__handle").drag_to(target_row, target_position={"x": 40, "y": 4})


def save(page) -> None:
    page.locator("input[name='_save']").first.click()
    page.locator(".messagelist .success, .errornote").first.wait_for()
    problems = page.locator(".errornote, .errorlist").all_inner_texts()
    assert problems == [], f"the admin refused the form: {problems}"
    assert "This field is required" not in page.content()


def saved_photos(gallery) -> list[str]:
    return [photo.picture.title for photo in GalleryPhoto.objects.filter(gallery=gallery).select_related("picture")]


def public_photo_alts(new_browser_context, gallery, console_log) -> list[str]:
    visitor = new_browser_context().new_page()
    console_log.watch(visitor)
    visitor.goto(gallery.get_absolute_url())
    return visitor.locator(".gallery--photos img").evaluate_all("images => images.map(i => i.alt)")


# --- the mouse ---------------------------------------------------------------------------------


def test_editor_drags_the_third_photo_above_the_first_and_the_site_follows(
    new_browser_context, live_server, editor, gallery, console_log, admin_console_log
):
    page = open_admin(new_browser_context, editor, change_url(gallery), admin_console_log)
    assert photo_titles(page) == ["Stand", "Audience", "Panel"]
    assert values(page, "photos", "position") == ["0", "1", "2"]
    # Every filled row has the grip and the two buttons in its position cell; the table still lines up.
    assert rows(page, "photos").locator("td.field-position .inline-order:visible").count() == 3
    header_cells = page.locator("#photos-group thead th").count()
    assert rows(page, "photos").first.locator(":scope > td").count() == header_cells

    drag_above(rows(page, "photos").nth(2), rows(page, "photos").first)
    wait_for_status(page, "photos", "Moved to position 1 of 3.")
    assert photo_titles(page) == ["Panel", "Stand", "Audience"]
    assert values(page, "photos", "position") == ["10", "20", "30"]
    # Nothing is left marked as dragged or as a drop position.
    assert page.locator("#photos-group .inline-order--dragging, #photos-group [class*=inline-order--drop]").count() == 0
    assert page.locator("#photos-group tr[draggable=true]").count() == 0

    save(page)
    assert saved_photos(gallery) == ["Panel", "Stand", "Audience"]
    assert public_photo_alts(new_browser_context, gallery, console_log) == [PHOTOS[2][1], PHOTOS[0][1], PHOTOS[1][1]]
    assert admin_console_log.exceptions() == [], "\n".join(admin_console_log.exceptions())
    assert admin_console_log.csp_violations() == [], "\n".join(admin_console_log.csp_violations())
    assert console_log.problems() == [], "\n".join(console_log.problems())


def test_typed_numbers_still_order_the_photos(new_browser_context, live_server, editor, gallery, admin_console_log):
    page = open_admin(new_browser_context, editor, change_url(gallery), admin_console_log)
    for row, number in zip(rows(page, "photos").all(), ("5", "3", "1"), strict=True):
        row.locator("input[data-inline-order]").fill(number)
    save(page)
    assert saved_photos(gallery) == ["Panel", "Audience", "Stand"]
    assert admin_console_log.exceptions() == [], "\n".join(admin_console_log.exceptions())


# --- the keyboard ------------------------------------------------------------------------------


def test_keyboard_user_moves_a_photo_with_move_up_and_move_down(
    new_browser_context, live_server, editor, gallery, console_log, admin_console_log
):
    page = open_admin(new_browser_context, editor, change_url(gallery), admin_console_log)
    panel = rows(page, "photos").nth(2)

    # From the position field, Tab reaches "Move up" (the grip is for the mouse only).
    panel.locator("input[data-inline-order]").focus()
    page.keyboard.press("Tab")
    focused = "document.activeElement.getAttribute('aria-label')"
    assert page.evaluate(f"() => {focused}") == "Move up"

    page.keyboard.press("Enter")
    wait_for_status(page, "photos", "Moved to position 2 of 3.")
    assert photo_titles(page) == ["Stand", "Panel", "Audience"]
    page.keyboard.press("Enter")
    wait_for_status(page, "photos", "Moved to position 1 of 3.")
    assert photo_titles(page) == ["Panel", "Stand", "Audience"]
    page.keyboard.press("Enter")
    wait_for_status(page, "photos", "Already first: position 1 of 3.")
    # The focus stayed on the same button all along: on Panel's row, now the first.
    assert page.evaluate(
        "() => document.activeElement.closest('tr') === document.querySelector('#photos-group tbody tr.form-row')"
    )
    assert page.evaluate(f"() => {focused}") == "Move up"

    # Tab on to "Move down" and press Space: Panel goes back to second.
    page.keyboard.press("Tab")
    assert page.evaluate(f"() => {focused}") == "Move down"
    page.keyboard.press("Space")
    wait_for_status(page, "photos", "Moved to position 2 of 3.")
    assert photo_titles(page) == ["Stand", "Panel", "Audience"]
    assert values(page, "photos", "position") == ["10", "20", "30"]

    save(page)
    assert saved_photos(gallery) == ["Stand", "Panel", "Audience"]
    assert public_photo_alts(new_browser_context, gallery, console_log) == [PHOTOS[0][1], PHOTOS[2][1], PHOTOS[1][1]]
    assert admin_console_log.exceptions() == [], "\n".join(admin_console_log.exceptions())
    assert console_log.problems() == [], "\n".join(console_log.problems())


def test_a_rows_error_line_moves_with_it(new_browser_context, live_server, editor, gallery, admin_console_log):
    """Django shows a form's non-field errors in a row of their own just above it; they stay together."""
    page = open_admin(new_browser_context, editor, change_url(gallery), admin_console_log)
    page.evaluate(
        """() => {
            const panel = document.querySelectorAll("#photos-group tbody tr.form-row")[2];
            const errors = document.createElement("tr");
            errors.className = "row-form-errors";
            errors.innerHTML = '<td colspan="7"><ul class="errorlist nonfield"><li>Panel is wrong</li></ul></td>';
            panel.before(errors);
        }"""
    )

    def lines() -> list[str]:
        return page.locator("#photos-group tbody > tr:not(.empty-form):not(.add-row)").evaluate_all(
            """rows => rows.map(row => row.classList.contains("row-form-errors")
                ? "errors" : row.querySelector("td.field-picture").innerText.trim())"""
        )

    assert lines() == ["Stand", "Audience", "errors", "Panel"]
    panel = page.locator("#photos-2")
    panel.get_by_role("button", name="Move up").click()
    wait_for_status(page, "photos", "Moved to position 2 of 3.")
    assert lines() == ["Stand", "errors", "Panel", "Audience"]
    # Dropped on the error line: the row lands above the row the errors belong to, and its errors.
    drag_above(page.locator("#photos-1"), page.locator("#photos-group tr.row-form-errors"))
    wait_for_status(page, "photos", "Moved to position 2 of 3.")
    assert lines() == ["Stand", "Audience", "errors", "Panel"]
    drag_above(panel, page.locator("#photos-0"))
    wait_for_status(page, "photos", "Moved to position 1 of 3.")
    assert lines() == ["errors", "Panel", "Stand", "Audience"]
    assert values(page, "photos", "position") == ["10", "20", "30"]
    assert admin_console_log.exceptions() == [], "\n".join(admin_console_log.exceptions())


# --- empty rows ------------------------------------------------------------------------------------


def test_empty_added_rows_keep_their_number_and_a_filled_one_moves(
    new_browser_context, live_server, editor, gallery, admin_console_log
):
    booth = PictureFactory(title="Booth", alt_text="The booth before opening", size=(320, 180))
    page = open_admin(new_browser_context, editor, change_url(gallery), admin_console_log)
    add = page.locator("#photos-group .add-row a")
    add.click()
    add.click()
    assert rows(page, "photos").count() == 5
    new, empty = rows(page, "photos").nth(3), rows(page, "photos").nth(4)
    # Added rows get the controls only once they are filled.
    assert new.locator(".inline-order").is_hidden()
    new.locator("input[name$='-picture']").fill(str(booth.pk))
    new.locator("input[name$='-caption']").fill("Before the doors opened")
    assert new.locator(".inline-order").is_visible()
    assert empty.locator(".inline-order").is_hidden()

    drag_above(new, rows(page, "photos").first)
    wait_for_status(page, "photos", "Moved to position 1 of 4.")
    assert values(page, "photos", "caption")[0] == "Before the doors opened"
    # The empty row and the hidden template keep the position they came with.
    assert values(page, "photos", "position") == ["10", "20", "30", "40", "0"]
    assert page.locator("#photos-empty input[data-inline-order]").input_value() == "0"

    # Dropped on the upper half of the second row (Stand), Panel lands just above it.
    drag_above(rows(page, "photos").nth(3), rows(page, "photos").nth(1))
    wait_for_status(page, "photos", "Moved to position 2 of 4.")
    assert photo_titles(page)[1:] == ["Panel", "Stand", "Audience", ""]
    assert values(page, "photos", "position") == ["10", "20", "30", "40", "0"]

    save(page)
    assert saved_photos(gallery) == ["Booth", "Panel", "Stand", "Audience"]
    assert GalleryPhoto.objects.get(picture=booth).caption == "Before the doors opened"
    assert admin_console_log.exceptions() == [], "\n".join(admin_console_log.exceptions())


def test_a_photo_added_at_the_end_is_saved_last_without_a_drag(
    new_browser_context, live_server, editor, gallery, admin_console_log
):
    booth = PictureFactory(title="Booth", alt_text="The booth before opening", size=(320, 180))
    page = open_admin(new_browser_context, editor, change_url(gallery), admin_console_log)
    page.locator("#photos-group .add-row a").click()
    new = rows(page, "photos").nth(3)
    assert values(page, "photos", "position")[3] == "0"
    new.locator("input[name$='-picture']").fill(str(booth.pk))
    # Filled in, it takes the number after the last photo (its default 0 would save it first).
    assert values(page, "photos", "position") == ["0", "1", "2", "12"]
    save(page)
    assert saved_photos(gallery) == ["Stand", "Audience", "Panel", "Booth"]

    # A number the editor types is kept.
    page.goto(change_url(gallery))
    page.locator("#photos-group .add-row a").click()
    added = rows(page, "photos").nth(4)
    added.locator("input[name$='-position']").fill("1")
    added.locator("input[name$='-picture']").fill(str(PictureFactory(title="Doors", size=(320, 180)).pk))
    assert values(page, "photos", "position")[4] == "1"
    assert admin_console_log.exceptions() == [], "\n".join(admin_console_log.exceptions())


def test_new_gallery_with_an_empty_added_row_and_a_drag_saves_without_errors(
    new_browser_context, live_server, editor, admin_console_log
):
    chosen = PictureFactory(title="Lobby", alt_text="The lobby of the training centre", size=(320, 180))
    typed = PictureFactory(title="Lab", alt_text="The laboratory", size=(320, 180))
    page = new_browser_context(user=editor).new_page()
    admin_console_log.watch(page)
    page.goto("/admin/media_center/gallery/add/")
    page.get_by_label("Title").fill("Open day in spring")
    add = page.locator("#photos-group .add-row a")
    for _ in range(3):
        add.click()
    helpers.wait_for(page, "document.querySelectorAll('#photos-group tr.form-row:not(.empty-form)').length === 3")
    assert rows(page, "photos").locator(".inline-order:visible").count() == 0

    # The first photo is chosen as the lookup popup hands its choice back (a jQuery "change"),
    # the third is typed; the second row stays empty.
    page.evaluate(
        """pk => {
            const input = document.querySelector("#id_photos-0-picture");
            input.value = pk;
            django.jQuery(input).trigger("change");
        }""",
        str(chosen.pk),
    )
    page.locator("#id_photos-2-picture").fill(str(typed.pk))
    assert [page.locator(f"#photos-{n} .inline-order").is_visible() for n in range(3)] == [True, False, True]

    drag_above(page.locator("#photos-2"), page.locator("#photos-0"))
    wait_for_status(page, "photos", "Moved to position 1 of 2.")
    assert values(page, "photos", "picture") == [str(typed.pk), str(chosen.pk), ""]
    assert values(page, "photos", "position") == ["10", "20", "0"]

    save(page)
    assert saved_photos(Gallery.objects.get(title="Open day in spring")) == ["Lab", "Lobby"]
    assert admin_console_log.exceptions() == [], "\n".join(admin_console_log.exceptions())


# --- a project's key figures -------------------------------------------------------------------


def public_figures(new_browser_context, entry, console_log) -> list[str]:
    visitor = new_browser_context().new_page()
    console_log.watch(visitor)
    visitor.goto(entry.get_absolute_url())
    return visitor.locator(".key-figures dt").all_inner_texts()


def test_editor_reorders_key_figures_and_the_empty_extra_rows_stay_empty(
    new_browser_context, live_server, editor, entry, console_log, admin_console_log
):
    page = open_admin(new_browser_context, editor, change_url(entry), admin_console_log)
    # extra = 1: an empty key figure row, and an empty gallery row, both without controls.
    assert values(page, "key_figures", "label") == ["Investment", "Jobs", "Capacity", ""]
    assert rows(page, "key_figures").nth(3).locator(".inline-order").is_hidden()
    assert rows(page, "gallery").locator(".inline-order").is_hidden()

    drag_above(rows(page, "key_figures").nth(2), rows(page, "key_figures").first)
    wait_for_status(page, "key_figures", "Moved to position 1 of 3.")
    assert values(page, "key_figures", "label") == ["Capacity", "Investment", "Jobs", ""]
    assert values(page, "key_figures", "position") == ["10", "20", "30", "0"]
    assert values(page, "gallery", "position") == ["0"]
    assert status_text(page, "gallery") == ""

    save(page)
    labels = list(KeyFigure.objects.filter(entry=entry).values_list("label", flat=True))
    assert labels == ["Capacity", "Investment", "Jobs"]
    assert public_figures(new_browser_context, entry, console_log) == labels
    assert admin_console_log.exceptions() == [], "\n".join(admin_console_log.exceptions())
    assert console_log.problems() == [], "\n".join(console_log.problems())


def test_a_moved_new_figure_survives_removing_another_added_row(
    new_browser_context, live_server, editor, entry, admin_console_log
):
    """Removing an added row makes Django renumber the forms in the order shown; the existing
    figures must keep their own form numbers, or the new one would be saved as one of them."""
    page = open_admin(new_browser_context, editor, change_url(entry), admin_console_log)
    extra = page.locator("#key_figures-3")  # by its id: rows(...).nth(3) would follow the index, not the row
    extra.locator("input[name$='-label']").fill("Exports")
    extra.locator("input[name$='-value']").fill("30 per cent")
    move_up = extra.get_by_role("button", name="Move up")
    for expected in (3, 2, 1):
        move_up.click()
        wait_for_status(page, "key_figures", f"Moved to position {expected} of 4.")
    assert values(page, "key_figures", "label") == ["Exports", "Investment", "Jobs", "Capacity"]

    page.locator("#key_figures-group .add-row a").click()
    assert rows(page, "key_figures").count() == 5
    rows(page, "key_figures").nth(4).locator("a.inline-deletelink").click()
    helpers.wait_for(page, "document.querySelectorAll('#key_figures-group tr.form-row:not(.empty-form)').length === 4")
    names = rows(page, "key_figures").locator("input[name$='-label']").evaluate_all("i => i.map(e => e.name)")
    assert names == [f"key_figures-{n}-label" for n in (3, 0, 1, 2)], names

    save(page)
    figures = list(KeyFigure.objects.filter(entry=entry).values_list("label", "value"))
    assert figures == [("Exports", "30 per cent"), *FIGURES]
    assert admin_console_log.exceptions() == [], "\n".join(admin_console_log.exceptions())


def test_gallery_change_page_screenshot(
    new_browser_context, live_server, editor, gallery, artifacts_dir, admin_console_log
):
    """For a person to look at: the grip and the two buttons beside each position."""
    page = open_admin(new_browser_context, editor, change_url(gallery), admin_console_log)
    rows(page, "photos").nth(1).get_by_role("button", name="Move down").focus()
    # The whole table: it is wider than its module (Django's wide inputs), so not the group's box.
    table = page.locator("#photos-group table")
    table.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts_dir / "admin-gallery-inline-order.png"), clip=table.bounding_box())
    assert admin_console_log.exceptions() == [], "\n".join(admin_console_log.exceptions())
