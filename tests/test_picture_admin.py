"""The picture library in the admin, and "Insert a picture" in the article editor."""

import html
import json
import re

import pytest

from clusterportal.pictures.models import Picture
from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory, PictureFactory, article_admin_form_data
from tests.picture_files import media_files, picture_upload

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/clusterportal/picture/"
ADD_URL = "/admin/clusterportal/picture/add/"
UPLOAD_URL = "/admin/clusterportal/picture/upload/"
ARTICLE_ADD_URL = "/admin/news/article/add/"


def embed_url(pk: int) -> str:
    return f"/admin/clusterportal/picture/{pk}/embed/"


def listed_titles(response) -> set[str]:
    return {
        html.unescape(title)
        for title in re.findall(r'<t[hd] class="field-title"><a href="[^"]*">([^<]*)</a></t[hd]>', response.text)
    }


def edit_in_the_list(client, rows: dict, url: str = CHANGELIST):
    """Post the changelist's editable columns: ``rows`` maps a picture to the values typed in."""
    data = {
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": str(len(rows)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    for index, (picture, typed) in enumerate(rows.items()):
        data[f"form-{index}-id"] = str(picture.pk)
        data[f"form-{index}-alt_text"] = typed.get("alt_text", picture.alt_text)
        data[f"form-{index}-caption"] = typed.get("caption", picture.caption)
        if typed.get("decorative", picture.decorative):
            data[f"form-{index}-decorative"] = "on"
    return client.post(url, data)


def add_form_data(image, **fields) -> dict:
    data = {"image": image, "title": "", "alt_text": "", "caption": "", "credit": "", "_save": "Save"}
    return {**data, **fields}


# --- the library's list ------------------------------------------------------------------------


def test_changelist_shows_a_thumbnail_of_every_picture(editor_client):
    wide = PictureFactory(size=(1200, 675))
    square = PictureFactory(size=(300, 300))
    text = editor_client.get(CHANGELIST).text
    assert f'<img src="{wide.w480.url}" alt="" width="80" height="45" class="admin-thumb" loading="lazy">' in text
    assert f'<img src="{square.w480.url}" alt="" width="80" height="80" class="admin-thumb" loading="lazy">' in text
    assert '<td class="field-size">1200×675</td>' in text
    assert f'<a href="{UPLOAD_URL}" class="addlink">Upload several</a>' in text


@pytest.mark.parametrize(
    ("alt", "expected"),
    [
        ("missing", {"Undescribed upload"}),
        ("given", {"Described", "Decorative divider"}),
        (None, {"Undescribed upload", "Described", "Decorative divider"}),
    ],
)
def test_alt_text_filter_finds_the_pictures_still_to_describe(alt, expected, editor_client):
    PictureFactory(title="Undescribed upload", alt_text="")
    PictureFactory(title="Described", alt_text="Two technicians in a clean room")
    PictureFactory(title="Decorative divider", alt_text="", decorative=True)
    response = editor_client.get(CHANGELIST, {"alt": alt} if alt else {})
    assert response.status_code == 200
    assert listed_titles(response) == expected
    assert 'href="?alt=missing"' in response.text


@pytest.mark.parametrize(
    ("alt_text", "decorative", "needs"),
    [
        ("", False, True),
        ("   ", False, True),
        ("Two technicians in a clean room", False, False),
        ("", True, False),
        ("Two technicians in a clean room", True, False),
    ],
)
def test_one_picture_and_the_library_apply_the_same_alt_text_rule(alt_text, decorative, needs):
    picture = PictureFactory(size=(96, 54), alt_text=alt_text, decorative=decorative)
    assert picture.needs_alt_text is needs
    assert Picture.objects.get().needs_alt_text is needs
    assert list(Picture.objects.needs_alt_text()) == ([picture] if needs else [])
    assert list(Picture.objects.usable()) == ([] if needs else [picture])


def test_alt_text_typed_in_the_list_is_saved(editor_client):
    picture = PictureFactory(alt_text="")
    response = edit_in_the_list(editor_client, {picture: {"alt_text": "Filling line in the new plant"}})
    assert response.status_code == 302
    picture.refresh_from_db()
    assert picture.alt_text == "Filling line in the new plant"
    assert not listed_titles(editor_client.get(CHANGELIST, {"alt": "missing"}))


def test_describing_one_picture_in_the_list_does_not_wait_for_the_others(editor_client):
    """After "Upload several" the list has many undescribed rows; saving one must not need all."""
    first, second, third = (PictureFactory(title=f"Upload {n}", alt_text="") for n in range(3))
    rows = {first: {"alt_text": "Inspectors in the filling hall"}, second: {}, third: {}}
    response = edit_in_the_list(editor_client, rows, url=f"{CHANGELIST}?alt=missing")
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.alt_text == "Inspectors in the filling hall"
    assert listed_titles(editor_client.get(CHANGELIST, {"alt": "missing"})) == {"Upload 1", "Upload 2"}


def test_clearing_the_alt_text_in_the_list_is_refused(editor_client):
    picture = PictureFactory(alt_text="Two technicians in a clean room")
    response = edit_in_the_list(editor_client, {picture: {"alt_text": ""}})
    assert response.status_code == 200
    assert "Describe the picture, or tick “decorative” if it adds nothing." in response.text
    picture.refresh_from_db()
    assert picture.alt_text == "Two technicians in a clean room"


def test_changelist_query_count_does_not_grow(editor_client, django_assert_max_num_queries, django_assert_num_queries):
    for _ in range(3):
        PictureFactory(size=(96, 54))
    with django_assert_max_num_queries(12) as few:
        assert editor_client.get(CHANGELIST).status_code == 200
    for _ in range(30):
        PictureFactory(size=(96, 54))
    with django_assert_num_queries(len(few)):
        assert editor_client.get(CHANGELIST).status_code == 200


# --- the add form --------------------------------------------------------------------------------


def test_add_without_alt_text_or_decorative_is_refused_and_writes_nothing(editor_client):
    response = editor_client.post(ADD_URL, add_form_data(picture_upload("clean-room.jpg", "JPEG")))
    assert response.status_code == 200
    assert "alt_text" in response.context["adminform"].form.errors
    assert "Describe the picture, or tick “decorative” if it adds nothing." in response.text
    assert 'class="errornote"' in response.text
    assert not Picture.objects.exists()
    assert media_files() == []


def test_add_decorative_without_alt_text_saves(editor_client):
    response = editor_client.post(ADD_URL, add_form_data(picture_upload("divider.png"), decorative="on"))
    assert response.status_code == 302
    picture = Picture.objects.get()
    assert picture.decorative
    assert picture.alt == ""


@pytest.mark.parametrize(
    ("filename", "title", "expected"),
    [
        ("IMG_0042 clean room.jpg", "", "IMG 0042 clean room"),
        ("filling-line.jpg", "", "filling-line"),
        ("IMG_0042.jpg", "Filling line, May 2024", "Filling line, May 2024"),
    ],
)
def test_title_defaults_from_the_uploaded_file_name(filename, title, expected, editor_client):
    data = add_form_data(picture_upload(filename, "JPEG"), title=title, alt_text="Filling line")
    assert editor_client.post(ADD_URL, data).status_code == 302
    assert Picture.objects.get().title == expected
    assert expected in listed_titles(editor_client.get(CHANGELIST))


def test_upload_in_the_editors_popup_answers_with_the_new_picture(editor_client):
    """What "Upload a new picture and insert it" (static/js/admin.js) opens and reads back."""
    data = add_form_data(picture_upload("clean-room.jpg", "JPEG"), alt_text="Clean room", _popup="1", _to_field="id")
    response = editor_client.post(f"{ADD_URL}?_to_field=id&_popup=1", data)
    assert response.status_code == 200
    picture = Picture.objects.get()
    answer = json.loads(html.unescape(re.search(r'data-popup-response="([^"]*)"', response.text).group(1)))
    assert answer["value"] == str(picture.pk)


def test_upload_several_page_offers_a_multiple_file_input(editor_client):
    response = editor_client.get(UPLOAD_URL)
    assert response.status_code == 200
    file_input = re.search(r'<input type="file" name="pictures"[^>]*>', response.text).group(0)
    assert "multiple" in file_input
    assert 'accept="image/jpeg,image/png,image/webp,image/gif"' in file_input


# --- who gets in ---------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [CHANGELIST, ADD_URL, UPLOAD_URL, "embed"])
@pytest.mark.parametrize("who", ["anonymous", "bob"])
def test_only_staff_reach_the_picture_library(url, who, client, bob):
    if url == "embed":
        url = embed_url(PictureFactory().pk)
    if who == "bob":
        client.force_login(bob)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"/admin/login/?next={url}"


def test_upload_several_from_outside_the_staff_saves_nothing(client, bob):
    client.force_login(bob)
    response = client.post(UPLOAD_URL, {"pictures": [picture_upload("a.png")]})
    assert response.status_code == 302
    assert not Picture.objects.exists()
    assert media_files() == []


# --- "Insert a picture": the embed endpoint ----------------------------------------------------


@pytest.mark.parametrize(
    ("size", "spec", "width", "height"),
    [
        ((1200, 675), "w960", 960, 540),
        ((700, 400), "w960", 700, 400),
        ((300, 200), "w480", 300, 200),
    ],
    ids=["960-rendition", "medium-capped", "small-single-rendition"],
)
def test_embed_gives_the_figure_of_a_rendition(size, spec, width, height, editor_client):
    picture = PictureFactory(size=size, alt_text="Filling line", caption="The new line", credit="© SteriLine")
    response = editor_client.get(embed_url(picture.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {"html"}
    src = getattr(picture, spec).url
    assert src.startswith("/uploads/renditions/")
    assert src.endswith(".webp")
    assert data["html"].strip() == (
        f'<figure><img src="{src}" alt="Filling line" width="{width}" height="{height}">'
        "<figcaption>The new line © SteriLine</figcaption></figure>"
    )


def test_embed_of_a_decorative_picture_has_empty_alt_and_no_caption_when_none(editor_client):
    picture = PictureFactory(alt_text="", decorative=True, size=(1200, 675))
    data = editor_client.get(embed_url(picture.pk)).json()
    assert data["html"].strip() == f'<figure><img src="{picture.w960.url}" alt="" width="960" height="540"></figure>'


def test_embed_escapes_the_caption(editor_client):
    picture = PictureFactory(caption="Q&A <script>alert(1)</script>")
    data = editor_client.get(embed_url(picture.pk)).json()
    assert "<figcaption>Q&amp;A &lt;script&gt;alert(1)&lt;/script&gt;</figcaption>" in data["html"]
    assert "<script" not in data["html"]


def test_embed_of_a_picture_without_alt_text_is_refused_with_a_reason(editor_client):
    picture = PictureFactory(title="Undescribed upload", alt_text="")
    response = editor_client.get(embed_url(picture.pk))
    assert response.status_code == 409
    assert response.json() == {
        "error": "“Undescribed upload” has no alt text yet. Describe it in the picture library first."
    }


def test_embed_of_an_unknown_picture_is_404(editor_client):
    assert editor_client.get(embed_url(999_999)).status_code == 404


def test_the_article_body_editor_knows_where_the_picture_library_is(editor_client):
    text = editor_client.get(ARTICLE_ADD_URL).text
    textarea = re.search(r'<textarea name="body"[^>]*>', text).group(0)
    assert f'data-picture-lookup="{CHANGELIST}"' in textarea
    assert f'data-picture-add="{ADD_URL}"' in textarea
    assert 'data-picture-embed="/admin/clusterportal/picture/0/embed/"' in textarea
    assert '<script src="/static/js/admin.js"' in text


def test_an_embedded_figure_survives_saving_and_shows_on_the_page(editor_client):
    picture = PictureFactory(alt_text="Filling line", caption="The new line")
    figure = editor_client.get(embed_url(picture.pk)).json()["html"].strip()
    body = f"<p>The line opened in May.</p>{figure}"
    response = editor_client.post(ARTICLE_ADD_URL, article_admin_form_data(CategoryFactory(), body=body))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.body == body
    assert figure in editor_client.get(article.get_absolute_url()).text


# --- covers: only described library pictures ----------------------------------------------------


def test_the_cover_field_looks_up_the_picture_library(editor_client):
    text = editor_client.get(ARTICLE_ADD_URL).text
    assert re.search(r'<input type="text" name="cover"[^>]*class="vForeignKeyRawIdAdminField"', text)
    assert f'href="{CHANGELIST}?_to_field=id"' in text


def test_a_described_cover_shows_in_the_article_form(editor_client):
    article = ArticleFactory(with_cover=True)
    text = editor_client.get(f"/admin/news/article/{article.pk}/change/").text
    assert f'<img src="{article.cover.w480.url}" alt="" width="320" height="180" class="admin-thumb"' in text
