"""The media center in a real browser: a visitor plays a video (nothing from the host before the
click), walks a gallery with the keyboard and returns to the list, filters the publications and
downloads one; an editor adds six photos to a gallery in one go."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model

from media_center.models import GalleryPhoto
from tests.browser import helpers
from tests.browser.content import SHOWCASE_GALLERY_TITLE, SHOWCASE_PHOTOS, jpeg_bytes, make_media_center
from tests.factories import GalleryFactory

pytestmark = pytest.mark.usefixtures("transactional_db")

EMBED_PREFIX = "https://www.youtube-nocookie.com/embed/"


def csp_directive(header: str, name: str) -> list[str]:
    for directive in header.split(";"):
        parts = directive.split()
        if parts and parts[0] == name:
            return parts[1:]
    return []


def tab_to(page, predicate: str, *, limit: int = 80, what: str = "") -> None:
    """Press Tab until ``predicate`` (a JavaScript function of the focused element) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => ({predicate})(document.activeElement)"):
            return
    raise AssertionError(f"{what or predicate} never got the focus after {limit} Tabs on {page.url}")


# --- (a) the video player ----------------------------------------------------------------------


def test_video_loads_nothing_from_the_host_until_play(new_browser_context, live_server, console_log):
    media = make_media_center(with_draft=False)
    video = media.video
    page = new_browser_context().new_page()
    console_log.watch(page)
    local_host = urlsplit(live_server.url).netloc

    # Nothing may leave the machine: the embed is answered here, anything else foreign is refused.
    embeds, refused = [], []

    def foreign(route) -> None:
        url = route.request.url
        if url.startswith(EMBED_PREFIX):
            embeds.append(url)
            route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>player</title><p>player")
        else:
            refused.append(url)
            route.abort()

    page.route(lambda url: urlsplit(url).netloc != local_host, foreign)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))

    response = page.goto(video.get_absolute_url())
    assert response.status == 200
    helpers.load_every_image(page)
    page.wait_for_load_state("networkidle")
    before = list(requests)
    assert before, "no request recorded"
    strangers = [url for url in before if urlsplit(url).netloc != local_host]
    assert not strangers, f"requests to other hosts before play: {strangers}"
    assert page.locator("iframe").count() == 0, "an <iframe> is there before play"

    # The CSP of the page lets the player frame the embed, and only allowed hosts.
    csp = response.headers["content-security-policy"]
    frame_src = csp_directive(csp, "frame-src")
    assert "https://www.youtube-nocookie.com" in frame_src, csp
    assert "*" not in frame_src, f"frame-src is too wide: {frame_src}"
    assert "https:" not in frame_src, f"frame-src is too wide: {frame_src}"

    play = page.get_by_role("button", name=re.compile(r"^Play video"))
    assert play.is_visible()
    play.click()
    frame = page.locator("iframe")
    frame.wait_for()
    src = frame.get_attribute("src")
    assert src.startswith(EMBED_PREFIX + video.ref.id), src
    assert frame.get_attribute("title") == video.title
    for _ in range(helpers.TIMEOUT_MS // 50):
        if embeds:
            break
        page.wait_for_timeout(50)
    assert embeds, f"the embed was never requested (blocked by the CSP?): {requests}"
    assert embeds[0].startswith(EMBED_PREFIX), embeds
    assert not refused, f"requests to other hosts were made (and refused): {refused}"
    assert console_log.csp_violations() == [], "\n".join(console_log.csp_violations())
    assert console_log.problems() == [], "\n".join(console_log.problems())


# --- (b) a gallery with the keyboard -----------------------------------------------------------


def test_visitor_walks_a_gallery_with_the_keyboard_and_returns(browser_page, live_server, console_log):
    media = make_media_center(with_draft=False)
    gallery = media.showcase
    page = browser_page

    page.goto(f"/media-center/galleries/?{media.gallery_query}")
    page.get_by_role("navigation", name="Pages").get_by_role("link", name="Page 2").click()
    page.wait_for_url(re.compile(r"page=2"))
    before = helpers.list_state(page)
    assert before["query"] == {"year": str(media.year), "page": "2"}
    assert SHOWCASE_GALLERY_TITLE in before["titles"]

    page.get_by_role("link", name=SHOWCASE_GALLERY_TITLE).click()
    page.wait_for_url(re.compile(rf"{re.escape(gallery.get_absolute_url())}\?from="))
    gallery_url = page.url
    assert page.get_by_role("heading", level=1).inner_text() == SHOWCASE_GALLERY_TITLE
    assert page.locator(".gallery--photos a.gallery__link").count() == len(SHOWCASE_PHOTOS)

    # Tab to the first photo, Enter: its page.
    tab_to(page, "el => el.matches('.gallery--photos li:first-child a.gallery__link')", what="the first photo")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/photos/1/\?from="))
    assert page.title().startswith(f"Photo 1 of {len(SHOWCASE_PHOTOS)}: ")
    assert page.locator(".photo-page__figure figcaption").inner_text().startswith(SHOWCASE_PHOTOS[0][2])
    assert page.get_by_role("link", name="Previous photo").count() == 0

    # Next photo, by keyboard.
    tab_to(page, "el => el.matches('a[rel=next]') && el.textContent.includes('Next photo')", what="Next photo")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/photos/2/\?from="))
    assert page.title().startswith(f"Photo 2 of {len(SHOWCASE_PHOTOS)}: ")
    assert page.locator(".photo-page__figure figcaption").inner_text() == SHOWCASE_PHOTOS[1][2]
    helpers.load_every_image(page)
    assert helpers.broken_images(page) == []

    # Back to the gallery, by keyboard.
    tab_to(page, "el => el.textContent.trim() === 'Back to the gallery'", what="Back to the gallery")
    page.keyboard.press("Enter")
    page.wait_for_url(gallery_url)
    assert page.get_by_role("heading", level=1).inner_text() == SHOWCASE_GALLERY_TITLE

    # Return: the list's filter and page.
    page.get_by_role("link", name="Return").click()
    page.wait_for_url(re.compile(r"/media-center/galleries/\?"))
    assert helpers.list_state(page) == before
    assert console_log.problems() == [], "\n".join(console_log.problems())


# --- (c) publications: filter, download ----------------------------------------------------------


def test_visitor_filters_publications_and_downloads_a_pdf(browser_page, live_server, console_log):
    media = make_media_center(with_draft=False)
    page = browser_page

    page.goto("/media-center/publications/")
    page.get_by_label("Type").select_option(label="Annual report")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(r"type=annual_report"))
    titles = page.locator(".publication__title").all_inner_texts()
    assert titles == [f"Annual report {media.year}", f"Annual report {media.year - 1}"], titles
    assert "2 publications" in page.locator(".result-count").inner_text()

    item = page.locator("article.publication").first
    link = item.locator("a.download-link")
    assert re.search(r"PDF, \d+(\.\d+)? (bytes|KB|kB)", link.inner_text()), link.inner_text()
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    # Saved under its title ("Annual report 2025.pdf"), not its slug.
    assert download.suggested_filename == media.publication.download_name, download.suggested_filename
    assert download.failure() is None

    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    headers = response.headers
    assert headers["content-type"] == "application/pdf", headers
    assert headers["content-disposition"].startswith("attachment;"), headers
    assert f'filename="{media.publication.download_name}"' in headers["content-disposition"], headers
    assert headers.get("x-content-type-options") == "nosniff", headers
    assert response.body().startswith(b"%PDF-")
    assert console_log.problems() == [], "\n".join(console_log.problems())


# --- (d) the editor adds six photos at once ------------------------------------------------------

#: Deliberately not in alphabetical order: the gallery keeps the order they were chosen in.
UPLOADS = [
    ("Stand", (40, 90, 140)),
    ("Audience", (60, 110, 60)),
    ("Panel", (120, 70, 30)),
    ("Award", (70, 40, 100)),
    ("Booth", (20, 100, 100)),
    ("Lunch", (110, 30, 50)),
]
ALT = "Visitors at the cluster's stand at Pharmtech"


def test_editor_adds_six_photos_at_once(new_browser_context, live_server, console_log, admin_console_log):
    editor = get_user_model().objects.create_superuser("gallery-editor", "galleries@example.com", "galleries-pw-1")
    gallery = GalleryFactory(title="Pharmtech fair", description="The cluster's stand at the fair.")
    page = new_browser_context(user=editor).new_page()
    admin_console_log.watch(page)

    page.goto(f"/admin/media_center/gallery/{gallery.pk}/change/")
    page.get_by_role("link", name="Add photos").click()
    page.wait_for_url(f"**/admin/media_center/gallery/{gallery.pk}/add-photos/")
    page.get_by_label("Photos").set_input_files(
        [
            {"name": f"{label}.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes((1200, 800), color, label)}
            for label, color in UPLOADS
        ]
    )
    page.get_by_label("Alt text for all of them").fill(ALT)
    page.get_by_role("button", name="Add photos").click()

    page.wait_for_url(f"**/admin/media_center/gallery/{gallery.pk}/change/")
    assert "Added 6 photos" in page.locator(".messagelist .success").inner_text()
    rows = page.locator("#photos-group tbody tr.form-row:not(.empty-form)")
    assert rows.count() == len(UPLOADS)
    listed = [row.locator("td.field-picture").inner_text() for row in rows.all()]
    assert [re.sub(r"\s+", " ", text).strip() for text in listed] == [label for label, _c in UPLOADS], listed
    photos = list(GalleryPhoto.objects.filter(gallery=gallery).select_related("picture"))
    assert [photo.picture.title for photo in photos] == [label for label, _c in UPLOADS]
    assert {photo.picture.alt_text for photo in photos} == {ALT}
    assert admin_console_log.exceptions() == [], "\n".join(admin_console_log.exceptions())

    # What a visitor gets: six photos, WebP renditions in srcset, all loaded.
    visitor = new_browser_context().new_page()
    console_log.watch(visitor)
    visitor.goto(gallery.get_absolute_url())
    images = visitor.locator(".gallery--photos img")
    assert images.count() == len(UPLOADS)
    for index, photo in enumerate(photos):
        img = images.nth(index)
        assert img.get_attribute("alt") == ALT
        srcset = [part.strip().split() for part in img.get_attribute("srcset").split(",")]
        assert srcset, f"photo {index + 1} has no srcset"
        for url, descriptor in srcset:
            assert helpers.RENDITION_URL.match(url), f"not a WebP rendition in srcset: {url}"
            assert re.fullmatch(r"\d+w", descriptor), descriptor
        assert {url for url, _d in srcset} == {r.url for r in photo.picture.renditions()}
    helpers.load_every_image(visitor)
    assert helpers.broken_images(visitor) == []
    assert visitor.evaluate("() => document.querySelector('.gallery--photos img').currentSrc").endswith(".webp")
    assert console_log.problems() == [], "\n".join(console_log.problems())
