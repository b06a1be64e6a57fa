"""Photo galleries as a visitor and an editor see them: list, gallery, photo pages, drafts, the
"Add photos" upload of many files in one action.

What every content type shares is tested once, for each type, in tests/test_contract.py.
"""

import html
import re

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusterportal.models import Picture
from media_center.models import Gallery, GalleryPhoto
from tests.factories import GalleryFactory, GalleryPhotoFactory, PictureFactory, image_file
from tests.helpers import sitemap_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def gallery():
    gallery = GalleryFactory(title="Open day at SteriLine", slug="open-day", description="Clean rooms and a lab.")
    GalleryPhotoFactory(
        gallery=gallery, picture=PictureFactory(alt_text="Visitors in gowns", caption="In the gowning room"), position=1
    )
    GalleryPhotoFactory(
        gallery=gallery,
        picture=PictureFactory(
            alt_text="A lab bench", caption="Stored caption", credit="© SteriLine", size=(1200, 675)
        ),
        caption="The QC laboratory",
        position=2,
    )
    GalleryPhotoFactory(gallery=gallery, picture=PictureFactory(alt_text="The team"), credit="Photo: Anna", position=3)
    return gallery


# --- the list, the gallery and its photo pages --------------------------------------------------


def test_list_shows_cards_with_first_photo_and_photo_count(gallery, client):
    GalleryFactory(title="Empty gallery")
    text = client.get("/media-center/galleries/").text
    assert "Open day at SteriLine" in text
    assert "3 photos" in text
    assert 'alt="Visitors in gowns"' in text  # no cover: the first photo stands in
    assert "No photos yet" in text
    assert "2 galleries" in text
    assert 'aria-current="page">Photo galleries' in text
    assert 'aria-current="page">Media center</a></li>' in text  # the header


def test_list_prefers_the_cover(client):
    gallery = GalleryFactory(cover=PictureFactory(alt_text="The cover"))
    GalleryPhotoFactory(gallery=gallery, picture=PictureFactory(alt_text="First photo"))
    text = client.get("/media-center/galleries/").text
    assert 'alt="The cover"' in text
    assert 'alt="First photo"' not in text


def test_list_has_twelve_per_page(client):
    for _ in range(13):
        GalleryFactory()
    assert client.get("/media-center/galleries/").text.count('<h2 class="card__title">') == 12
    assert client.get("/media-center/galleries/?page=2").text.count('<h2 class="card__title">') == 1


def test_gallery_page_shows_photos_with_captions_credits_and_links_to_photo_pages(gallery, client):
    text = client.get("/media-center/galleries/open-day/").text
    assert "<h1>Open day at SteriLine</h1>" in text
    assert "In the gowning room" in text
    assert "The QC laboratory" in text
    assert "Stored caption" not in text
    assert "© SteriLine" in text
    assert "Photo: Anna" in text
    for number in (1, 2, 3):
        assert f'href="/media-center/galleries/open-day/photos/{number}/"' in text
    assert text.index("Visitors in gowns") < text.index("A lab bench") < text.index("The team")


def test_gallery_without_photos_says_so(client):
    GalleryFactory(slug="empty")
    response = client.get("/media-center/galleries/empty/")
    assert response.status_code == 200
    assert "No photos yet" in response.text
    assert client.get("/media-center/galleries/empty/photos/1/").status_code == 404
    assert client.get("/media-center/galleries/empty/print/").status_code == 200


def test_photo_page_shows_the_large_photo_with_previous_next_and_back(gallery, client):
    text = client.get("/media-center/galleries/open-day/photos/2/").text
    assert "Photo 2 of 3" in text
    assert 'alt="A lab bench"' in text
    assert "w1600" in text or "960w" in text  # large renditions in the srcset
    assert '<a href="/media-center/galleries/open-day/photos/1/" rel="prev">' in text
    assert '<a href="/media-center/galleries/open-day/photos/3/" rel="next">' in text
    assert '<link rel="prev" href="/media-center/galleries/open-day/photos/1/">' in text
    assert 'href="/media-center/galleries/open-day/">Back to the gallery' in text
    assert "<script" not in text  # works without JavaScript
    first = client.get("/media-center/galleries/open-day/photos/1/").text
    assert 'rel="prev"' not in first.split('class="photo-nav"')[1]


@pytest.mark.parametrize("number", ["0", "4", "999999999999999999999"])
def test_photo_numbers_out_of_range_are_404(number, gallery, client):
    assert client.get(f"/media-center/galleries/open-day/photos/{number}/").status_code == 404


def test_photo_pages_carry_from_to_return_to_the_same_list(gallery, client):
    year = gallery.published_at.year
    text = client.get("/media-center/galleries/open-day/photos/2/", {"from": f"year={year}"}).text
    assert f"/media-center/galleries/open-day/photos/3/?from=year%3D{year}" in text
    assert f'href="/media-center/galleries/open-day/?from=year%3D{year}">Back to the gallery' in text


@pytest.mark.parametrize("trait", ["draft", "scheduled"])
def test_draft_gallery_is_unreachable_on_every_public_url(trait, client, bob):
    gallery = GalleryFactory(slug="secret", **{trait: True})
    GalleryPhotoFactory(gallery=gallery, picture=PictureFactory(alt_text="Secret photo"))
    client.force_login(bob)
    for url in ["/media-center/galleries/secret/", "/media-center/galleries/secret/print/"] + [
        f"/media-center/galleries/secret/photos/{n}/" for n in (1, 2)
    ]:
        assert client.get(url).status_code == 404, url
    for url in ["/media-center/galleries/", "/media-center/", "/", "/sitemap.xml"]:
        text = sitemap_text(client) if url == "/sitemap.xml" else client.get(url).text
        assert "secret" not in text, url
        assert "Secret photo" not in text, url


def test_staff_preview_a_draft_gallery_and_its_photos(editor_client):
    gallery = GalleryFactory(slug="secret", draft=True)
    GalleryPhotoFactory(gallery=gallery)
    for url in ["/media-center/galleries/secret/", "/media-center/galleries/secret/photos/1/"]:
        response = editor_client.get(url)
        assert response.status_code == 200
        assert "Draft — not public" in response.text
        assert "no-cache" in response.headers["Cache-Control"]


def test_print_view_lists_every_photo_small(gallery, client):
    text = client.get("/media-center/galleries/open-day/print/").text
    assert text.count("<figure>") == 3
    assert 'name="robots" content="noindex"' in text
    assert 'class="site-nav"' not in text
    assert 'class="section-nav"' not in text


# --- the model and query counts -----------------------------------------------------------------


def test_caption_and_credit_fall_back_to_the_picture():
    photo = GalleryPhotoFactory(picture=PictureFactory(caption="Picture caption", credit="© Picture"))
    assert (photo.display_caption, photo.display_credit) == ("Picture caption", "© Picture")
    photo.caption, photo.credit = "Own", "Own credit"
    assert (photo.display_caption, photo.display_credit) == ("Own", "Own credit")


@pytest.mark.parametrize("page", ["detail", "photo", "print"])
def test_gallery_pages_query_count_does_not_grow_with_photos(page, client):
    gallery = GalleryFactory(slug="g")
    picture = PictureFactory(size=(320, 200))
    GalleryPhotoFactory(gallery=gallery, picture=picture)
    url = {"detail": "/media-center/galleries/g/", "photo": "/media-center/galleries/g/photos/1/"}.get(
        page, "/media-center/galleries/g/print/"
    )
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(29):
        GalleryPhotoFactory(gallery=gallery, picture=picture, position=n + 1)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


# --- the admin-------------------------------------------------------------------------------------


def test_admin_gallery_page_offers_add_photos_and_the_photo_inline(gallery, editor_client):
    text = editor_client.get(f"/admin/media_center/gallery/{gallery.pk}/change/").text
    assert f"/admin/media_center/gallery/{gallery.pk}/add-photos/" in text
    assert 'name="photos-0-picture"' in text
    assert 'name="photos-0-credit"' in text
    assert 'class="admin-thumb"' in text


def test_thirty_photos_are_added_in_one_action_in_upload_order(gallery, editor_client):
    files = [image_file(f"IMG_{n:04d}.png", size=(40, 30), color=(n * 8, 100, 120)) for n in range(30)]
    response = editor_client.post(
        f"/admin/media_center/gallery/{gallery.pk}/add-photos/",
        {"pictures": files, "alt_text": "Visitors at the open day", "credit": "Photo: Press office"},
    )
    assert response.status_code == 302
    assert response.url == f"/admin/media_center/gallery/{gallery.pk}/change/"
    photos = list(gallery.photos.select_related("picture"))
    assert len(photos) == 33
    added = photos[3:]
    assert [p.picture.title for p in added] == [f"IMG {n:04d}" for n in range(30)]
    assert all(p.picture.alt_text == "Visitors at the open day" for p in added)
    assert all(p.picture.credit == "Photo: Press office" for p in added)
    assert client_sees_photo_count(editor_client, gallery) == 33


def client_sees_photo_count(client, gallery) -> int:
    return len(re.findall(r'class="gallery__link"', client.get(gallery.get_absolute_url()).text))


def test_add_photos_needs_alt_text_or_decorative(gallery, editor_client):
    url = f"/admin/media_center/gallery/{gallery.pk}/add-photos/"
    response = editor_client.post(url, {"pictures": [image_file("a.png")], "alt_text": "  "})
    assert response.status_code == 200
    assert "Describe the photos" in html.unescape(response.text)
    assert gallery.photos.count() == 3
    response = editor_client.post(url, {"pictures": [image_file("a.png")], "decorative": "on"})
    assert response.status_code == 302
    assert gallery.photos.count() == 4


def test_one_bad_file_adds_none_of_the_batch(gallery, editor_client):
    pictures_before = Picture.objects.count()
    files = [image_file("good.png"), ContentFile(b"<html><script>alert(1)</script></html>", name="evil.png")]
    response = editor_client.post(
        f"/admin/media_center/gallery/{gallery.pk}/add-photos/", {"pictures": files, "alt_text": "Photos"}
    )
    assert response.status_code == 200
    assert "evil.png" in response.text
    assert Picture.objects.count() == pictures_before
    assert GalleryPhoto.objects.filter(gallery=gallery).count() == 3


def test_add_photos_is_staff_only(gallery, client, bob):
    client.force_login(bob)
    response = client.post(
        f"/admin/media_center/gallery/{gallery.pk}/add-photos/", {"pictures": [image_file()], "alt_text": "x"}
    )
    assert response.status_code == 302
    assert "/admin/login/" in response.url
    assert gallery.photos.count() == 3


def test_admin_refuses_an_undescribed_picture_in_the_inline(gallery, editor_client):
    undescribed = PictureFactory(alt_text="")
    photo = GalleryPhoto(gallery=gallery, picture=undescribed)
    with pytest.raises(Exception, match="alt text"):
        photo.full_clean()


def test_gallery_model_answers_like_every_content_model(gallery):
    assert gallery in Gallery.objects.published()
    assert gallery.get_absolute_url() == "/media-center/galleries/open-day/"
    assert gallery.get_print_url() == "/media-center/galleries/open-day/print/"
    assert gallery.is_published
