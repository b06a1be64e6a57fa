"""The picture library in a real browser: an editor uploads, describes, picks and inserts pictures.

The admin's own popups (RelatedObjectLookups.js) carry the choice back to the form: the cover's
magnifier, and under the rich-text editor "Insert a picture from the library" and "Upload a new
picture and insert it". What a visitor then gets is checked on the public page: WebP renditions
in ``srcset``, the real size, the alt text, and pictures that actually load.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Error as PlaywrightError

from clusterportal.models import Picture, Status
from news.models import Article
from tests.browser import helpers
from tests.browser.content import jpeg_bytes, library_picture, png_bytes
from tests.factories import CategoryFactory
from tests.picture_files import HTML, media_files

pytestmark = pytest.mark.usefixtures("transactional_db")

#: (file name, title the library derives from it, colour, the alt text the editor types)
UPLOADS = [
    ("Filling_line_A.jpg", "Filling line A", (40, 90, 140), "An isolator filling line with its glove ports"),
    ("QC_lab.jpg", "QC lab", (60, 110, 60), "A quality control analyst at an HPLC instrument"),
    ("Cold_store.jpg", "Cold store", (120, 70, 30), "Pallets of vaccines in a cold store at 2–8 °C"),
]


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("picture-editor", "pictures@example.com", "pictures-pw-1")


def choose_in_popup(page, opener, link_name: str, log) -> None:
    """Click ``opener`` (it opens an admin popup), then the picture called ``link_name`` in it;
    the popup's console goes to ``log``.

    The popup closes itself and hands the choice back to the form (dismissRelatedLookupPopup).
    """
    with page.expect_popup() as popup_info:
        opener.click()
    popup = popup_info.value
    log.watch(popup)
    popup.wait_for_load_state()
    assert "_popup=1" in popup.url, popup.url
    assert popup.locator("#result_list").is_visible(), "the popup does not show the picture library"
    click_closing(popup.get_by_role("link", name=link_name, exact=True))
    wait_closed(page, popup)


def click_closing(locator) -> None:
    """Click something that closes its own window (an admin popup handing its choice back).

    The popup may close while Playwright still finishes the click, which it reports as
    "Target page, context or browser has been closed"; that is the expected outcome here, and
    ``wait_closed`` then checks that the popup did close.
    """
    try:
        locator.click(no_wait_after=True)
    except PlaywrightError as error:
        if "has been closed" not in str(error):
            raise


def put_cursor_at_end_of(page, paragraph) -> None:
    paragraph.click()
    page.keyboard.press("End")
    helpers.next_frames(page)


def wait_closed(page, popup) -> None:
    """Wait until an admin popup has closed itself (it may be gone before a listener could be set)."""
    for _ in range(helpers.TIMEOUT_MS // 50):
        if popup.is_closed():
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"the popup {popup.url} did not close: {popup.locator('body').inner_text()[:500]}")


def test_editor_uploads_describes_picks_and_inserts_pictures(
    new_browser_context, live_server, console_log, admin_console_log, editor
):
    CategoryFactory(name="Production", slug="production")
    context = new_browser_context(user=editor)
    page = context.new_page()
    admin_log = admin_console_log  # judged by its uncaught exceptions, in the page and its popups
    admin_log.watch(page)
    before = Picture.objects.count()

    # 1. "Upload several": three JPEGs in one go.
    page.goto("/admin/clusterportal/picture/")
    page.get_by_role("link", name="Upload several").click()
    page.wait_for_url("**/admin/clusterportal/picture/upload/")
    page.get_by_label("Pictures").set_input_files(
        [
            {"name": name, "mimeType": "image/jpeg", "buffer": jpeg_bytes(color=color, label=title)}
            for name, title, color, _alt in UPLOADS
        ]
    )
    page.get_by_role("button", name="Upload").click()

    # … lands on the library, filtered to the pictures that still need their alt text.
    page.wait_for_url(re.compile(r"/admin/clusterportal/picture/\?alt=missing$"))
    assert "Uploaded 3 pictures" in page.locator(".messagelist .success").inner_text()
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 3
    assert Picture.objects.count() == before + 3
    assert sorted(rows.locator(".field-title").all_inner_texts()) == sorted(title for _n, title, _c, _a in UPLOADS)

    # 2. Describe them right there in the list (list_editable), and save once.
    for _name, title, _color, alt in UPLOADS:
        row = rows.filter(has=page.locator(".field-title", has_text=title))
        row.locator("input[name$='-alt_text']").fill(alt)
    page.locator("input[name='_save']").click()
    page.locator(".messagelist .success").wait_for()
    assert page.locator("#result_list tbody tr").count() == 0, "described pictures still listed as missing alt text"
    pictures = {picture.title: picture for picture in Picture.objects.filter(title__in=[u[1] for u in UPLOADS])}
    for _name, title, _color, alt in UPLOADS:
        assert pictures[title].alt_text == alt
        assert not pictures[title].needs_alt_text
    cover, inserted = pictures["Filling line A"], pictures["QC lab"]

    # 3. A new article: the cover through the magnifier's popup.
    page.goto("/admin/news/article/add/")
    helpers.wait_for(page, "document.querySelector('.ProseMirror[contenteditable=true]')")
    page.get_by_label("Title").fill("The new filling line passes its media fills")
    page.locator("#id_category").select_option(label="Production")
    page.get_by_label("Lead").fill("Three media fills in a row without a single contaminated unit.")
    choose_in_popup(page, page.locator("#lookup_id_cover"), cover.title, admin_log)
    helpers.wait_for(page, f"document.querySelector('#id_cover').value === '{cover.pk}'")

    # 4. The body: two paragraphs; a picture from the library after the first (popup), and a new
    # upload after the second (popup). The editor puts the cursor where each picture goes.
    editor_area = page.locator(".ProseMirror[contenteditable='true']")
    editor_area.click()
    page.keyboard.type("The line ran three media fills in a row.")
    page.keyboard.press("Enter")
    page.keyboard.type("Every operator gowns up in the airlock.")
    put_cursor_at_end_of(page, editor_area.locator("p", has_text="media fills"))
    choose_in_popup(page, page.locator(".insert-picture__pick"), inserted.title, admin_log)
    editor_area.locator("figure img").wait_for()
    assert page.locator(".insert-picture__status").inner_text() == "Picture inserted."

    put_cursor_at_end_of(page, editor_area.locator("p", has_text="airlock"))
    with page.expect_popup() as popup_info:
        page.locator(".insert-picture__upload").click()
    upload = popup_info.value
    admin_log.watch(upload)
    upload.wait_for_load_state()
    upload.locator("#id_image").set_input_files(
        {"name": "gowning.png", "mimeType": "image/png", "buffer": png_bytes((800, 600), (90, 40, 90), "Gowning")}
    )
    upload.get_by_label("Alt text").fill("An operator gowning up in the airlock")
    upload.get_by_label("Caption").fill("Gowning takes twelve minutes.")
    click_closing(upload.get_by_role("button", name="Save", exact=True))
    wait_closed(page, upload)
    helpers.wait_for(
        page,
        "document.querySelectorAll('.ProseMirror[contenteditable=true] figure img').length === 2",
        message="the uploaded picture was not inserted into the body",
    )
    assert editor_area.locator(":scope > *").evaluate_all("nodes => nodes.map(n => n.nodeName)") == [
        "P",
        "FIGURE",
        "P",
        "FIGURE",
    ], editor_area.inner_html()
    gowning = Picture.objects.get(alt_text="An operator gowning up in the airlock")

    # 5. Publish.
    page.locator("#id_status").select_option(Status.PUBLISHED)
    page.get_by_role("button", name="Save", exact=True).first.click()
    page.locator(".messagelist .success").wait_for()
    assert admin_log.exceptions() == [], "\n".join(admin_log.exceptions())
    article = Article.objects.get(title="The new filling line passes its media fills")
    assert article.is_published
    assert article.cover == cover
    assert article.body.count("<figure") == 2, article.body
    assert article.body.count("<img src=") == 2, article.body

    # 6. What a visitor gets.
    visitor = new_browser_context().new_page()
    console_log.watch(visitor)
    visitor.goto(article.get_absolute_url())
    img = visitor.locator(".article__cover img")
    srcset = [part.strip().split() for part in img.get_attribute("srcset").split(",")]
    assert srcset, "the cover has no srcset"
    for url, descriptor in srcset:
        assert helpers.RENDITION_URL.match(url), f"not a WebP rendition in srcset: {url}"
        assert re.fullmatch(r"\d+w", descriptor), descriptor
    assert {int(descriptor[:-1]) for _url, descriptor in srcset} == {r.width for r in cover.renditions()}
    assert img.get_attribute("width") == str(cover.renditions()[-1].width)
    assert img.get_attribute("height") == str(cover.renditions()[-1].height)
    assert img.get_attribute("alt") == "An isolator filling line with its glove ports"

    figures = visitor.locator(".rich-text figure")
    assert figures.count() == 2
    body_images = figures.locator("img")
    for index, (picture, alt) in enumerate(
        [
            (inserted, "A quality control analyst at an HPLC instrument"),
            (gowning, "An operator gowning up in the airlock"),
        ]
    ):
        src = body_images.nth(index).get_attribute("src")
        assert helpers.RENDITION_URL.match(src), f"the inserted picture does not point at a rendition: {src}"
        assert src in {r.url for r in picture.renditions()}
        assert body_images.nth(index).get_attribute("alt") == alt
        assert body_images.nth(index).get_attribute("width"), "no width: the page shifts when it loads"
        assert body_images.nth(index).get_attribute("height"), "no height: the page shifts when it loads"
    assert figures.nth(1).locator("figcaption").inner_text() == "Gowning takes twelve minutes."

    # Every picture actually loads (the lazy ones too, as if the visitor scrolled down).
    helpers.load_every_image(visitor)
    assert visitor.locator("main img").count() == 3
    broken = helpers.broken_images(visitor)
    assert not broken, f"pictures that did not load: {broken}"
    assert visitor.evaluate("() => document.querySelector('.article__cover img').currentSrc").endswith(".webp")
    assert console_log.problems() == [], "\n".join(console_log.problems())


def test_an_html_file_named_like_a_photo_is_refused(new_browser_context, live_server, admin_console_log, editor):
    page = new_browser_context(user=editor).new_page()
    admin_console_log.watch(page)
    before, files_before = Picture.objects.count(), media_files()

    page.goto("/admin/clusterportal/picture/add/")
    page.locator("#id_image").set_input_files({"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": HTML})
    page.get_by_label("Alt text").fill("A photo that is not one")
    page.get_by_role("button", name="Save", exact=True).click()

    page.locator(".errornote").wait_for()
    assert page.url.endswith("/admin/clusterportal/picture/add/"), "the form did not come back with its error"
    error = page.locator(".field-image .errorlist").inner_text()
    assert "not a picture" in error, error
    assert page.get_by_label("Alt text").input_value() == "A photo that is not one", "the form forgot what was typed"
    assert Picture.objects.count() == before
    assert media_files() == files_before, "a refused upload left files behind"
    assert admin_console_log.exceptions() == [], "\n".join(admin_console_log.exceptions())


def test_two_pictures_inserted_in_a_row_are_both_kept(new_browser_context, live_server, admin_console_log, editor):
    """Insert a picture, then straight away another: the first one must survive.

    After an insertion the new picture is left selected in the editor, so the next insertion
    must not replace that selection.
    """
    first = library_picture("Airlock", alt_text="The airlock between grade C and grade B")
    second = library_picture("Autoclave", color=(90, 40, 90), alt_text="A double-door autoclave")
    log = admin_console_log
    page = new_browser_context(user=editor).new_page()
    log.watch(page)
    page.goto("/admin/news/article/add/")
    helpers.wait_for(page, "document.querySelector('.ProseMirror[contenteditable=true]')")
    editor_area = page.locator(".ProseMirror[contenteditable='true']")
    editor_area.click()
    page.keyboard.type("Two pictures of the clean room.")

    choose_in_popup(page, page.locator(".insert-picture__pick"), first.title, log)
    helpers.wait_for(page, "document.querySelectorAll('.ProseMirror[contenteditable=true] figure img').length === 1")
    choose_in_popup(page, page.locator(".insert-picture__pick"), second.title, log)
    editor_area.locator(f"img[alt='{second.alt_text}']").wait_for()
    helpers.next_frames(page)

    stored = page.locator("#id_body").input_value()
    for picture in (first, second):
        assert picture.alt_text in stored, f"“{picture}” is gone from the body after the second insertion:\n{stored}"
    assert stored.count("<img src=") == 2, stored
    assert log.exceptions() == [], "\n".join(log.exceptions())
