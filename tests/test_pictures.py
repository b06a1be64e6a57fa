"""The picture pipeline as editors and readers meet it: uploads, renditions, pages, text, social cards.

Upload cases of the issue ("Bad input and limits") go through both ways an editor uploads: the
admin's "Add picture" form and its "Upload several" page. The oversized file is a real 21 MB
upload (a valid PNG padded with trailing bytes), not a patched limit.
"""

import io
import re
from unittest import mock

import pytest
from django.apps import apps
from django.core.files.storage import FileSystemStorage
from django.utils.html import conditional_escape
from PIL import Image, ImageDraw

from clusterportal import pagecache
from clusterportal.models import Publishable
from clusterportal.pictures import cards, drawing
from clusterportal.pictures import models as picture_models
from clusterportal.pictures.models import Picture
from news.models import Article
from tests import picture_files
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    PictureFactory,
    PressMentionFactory,
    article_admin_form_data,
)
from tests.picture_files import media_files, open_media, picture_upload, upload

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/clusterportal/picture/add/"
UPLOAD_URL = "/admin/clusterportal/picture/upload/"
CHANGELIST = "/admin/clusterportal/picture/"
ARTICLE_ADD_URL = "/admin/news/article/add/"
#: pictures/<year>/<month>/<32 hex digits>.<extension of the real format>
STORED_NAME = re.compile(r"pictures/\d{4}/\d{2}/[0-9a-f]{32}\.(jpg|png|webp|gif)")

ADD_FORM, SEVERAL = "add form", "upload several"
WAYS = [ADD_FORM, SEVERAL]


def add_picture(client, file, **fields):
    """The "Add picture" form, described, so that only the file can be wrong."""
    data = {"image": file, "title": "", "alt_text": "A described picture", "caption": "", "credit": "", "_save": "Save"}
    return client.post(ADD_URL, {**data, **fields})


def upload_several(client, *files, credit=""):
    return client.post(UPLOAD_URL, {"pictures": list(files), "credit": credit})


def send(client, way: str, file):
    return add_picture(client, file) if way == ADD_FORM else upload_several(client, file)


def upload_errors(response, way: str) -> list[str]:
    if way == ADD_FORM:
        return response.context["adminform"].form.errors.get("image", [])
    return response.context["form"].errors.get("pictures", [])


def rendition_files(picture) -> list[str]:
    """The files written for ``picture`` besides its original (renditions/<stored name>/…)."""
    folder = "renditions/" + picture.image.name.rsplit(".", 1)[0] + "/"
    return [name for name in media_files() if name.startswith(folder)]


def img_attributes(tag: str) -> dict[str, str]:
    return dict(re.findall(r'([\w-]+)="([^"]*)"', tag))


def images_on(text: str, css_class: str | None = None) -> list[dict[str, str]]:
    found = [img_attributes(tag) for tag in re.findall(r"<img\b[^>]*>", text)]
    return [img for img in found if css_class is None or img.get("class") == css_class]


def cover_on(text: str) -> dict[str, str]:
    return img_attributes(re.search(r'<figure class="article__cover">\s*(<img[^>]*>)', text).group(1))


def srcset(value: str) -> list[tuple[str, str]]:
    """ "a.webp 480w, b.webp 960w" -> [("a.webp", "480w"), ("b.webp", "960w")]"""
    return [tuple(candidate.split()) for candidate in value.split(", ")]


def open_graph(text: str) -> dict[str, str]:
    return dict(re.findall(r'<meta property="(og:[\w:]+)" content="([^"]*)">', text))


# --- uploads that are refused ----------------------------------------------------------------

REFUSED = [
    pytest.param(
        "big.png", picture_files.oversized_png, "image/png", ["21.0 MB", "at most 20 MB"], id="oversized-21MB"
    ),
    pytest.param(
        "bomb.png",
        picture_files.bomb_png,
        "image/png",
        ["too many pixels", "at most 40 megapixels"],
        id="20000x20000-png-of-49KB",
    ),
    pytest.param("cut.jpg", picture_files.truncated_jpeg, "image/jpeg", ["damaged or incomplete"], id="truncated-jpeg"),
    pytest.param("logo.svg", lambda: picture_files.SVG, "image/svg+xml", ["not a picture", "SVG"], id="svg"),
    pytest.param("page.jpg", lambda: picture_files.HTML, "image/jpeg", ["not a picture"], id="html-renamed-jpg"),
    pytest.param(
        "scan.jpg",
        picture_files.tiff_bytes,
        "image/jpeg",
        ["This is a TIFF file", "Upload a JPEG, PNG, WebP or GIF picture"],
        id="tiff-renamed-jpg",
    ),
]


def test_the_bomb_is_a_small_file_of_20000_by_20000_pixels(monkeypatch):
    content = picture_files.bomb_png()
    assert len(content) < 64 * 1024
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)  # read the header only, never the pixels
    with Image.open(io.BytesIO(content)) as image:
        assert (image.format, image.size) == ("PNG", (20_000, 20_000))


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize(("name", "content", "content_type", "fragments"), REFUSED)
def test_refused_upload_says_why_and_writes_nothing(way, name, content, content_type, fragments, editor_client):
    response = send(editor_client, way, upload(name, content(), content_type))
    assert response.status_code == 200
    errors = upload_errors(response, way)
    assert len(errors) == 1, errors
    for fragment in fragments:
        assert fragment in errors[0]
    if way == SEVERAL:
        assert errors[0].startswith(f"{name}: ")
    else:
        assert 'class="errornote"' in response.text
    assert conditional_escape(errors[0]) in response.text
    assert not Picture.objects.exists()
    assert media_files() == []


# --- uploads that are accepted ---------------------------------------------------------------

ACCEPTED = [
    pytest.param("photo.jpg", "JPEG", "jpg", id="jpeg"),
    pytest.param("diagram.png", "PNG", "png", id="png"),
    pytest.param("animation.gif", "GIF", "gif", id="gif"),
    pytest.param("photo.webp", "WEBP", "webp", id="webp"),
    # The extension follows the content, never the uploaded name.
    pytest.param("screenshot.jpg", "PNG", "png", id="png-named-jpg"),
]


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize(("name", "fmt", "extension"), ACCEPTED)
def test_accepted_upload_is_stored_under_a_generated_name_with_its_real_extension(
    way, name, fmt, extension, editor_client
):
    response = send(editor_client, way, picture_upload(name, fmt, size=(640, 360)))
    assert response.status_code == 302
    picture = Picture.objects.get()
    assert STORED_NAME.fullmatch(picture.image.name)
    assert picture.image.name.endswith(f".{extension}")
    assert open_media(picture.image.name).format == fmt
    assert (picture.width, picture.height) == (640, 360)
    assert picture.title == name.rsplit(".", 1)[0]


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("filename", ["../../x.py", "..\\..\\x.py", "/etc/cron.d/x.py"])
def test_a_picture_named_like_a_path_is_stored_under_a_generated_name(way, filename, editor_client, tmp_path):
    content = picture_files.picture_bytes("PNG")
    if way == ADD_FORM:
        fields = {"title": "", "alt_text": "A described picture", "caption": "", "credit": "", "_save": "Save"}
        body, content_type = picture_files.multipart(fields, [("image", filename, content, "image/png")])
        response = editor_client.post(ADD_URL, body, content_type=content_type)
    else:
        body, content_type = picture_files.multipart({"credit": ""}, [("pictures", filename, content, "image/png")])
        response = editor_client.post(UPLOAD_URL, body, content_type=content_type)
    assert response.status_code == 302
    picture = Picture.objects.get()
    assert STORED_NAME.fullmatch(picture.image.name)
    assert picture.image.name.endswith(".png")
    # Only the picture and its renditions were written, all under generated names.
    assert media_files() == sorted([picture.image.name, *rendition_files(picture)])
    assert not [path for path in tmp_path.rglob("*") if "x.py" in path.name or path.suffix == ".py"]


# --- "Upload several" -------------------------------------------------------------------------


def test_upload_several_with_one_bad_file_names_it_and_saves_none(editor_client):
    response = upload_several(
        editor_client,
        picture_upload("clean-room.jpg", "JPEG"),
        picture_upload("diagram.png", "PNG"),
        upload("notes.jpg", picture_files.HTML, "image/jpeg"),
        picture_upload("line.gif", "GIF"),
    )
    assert response.status_code == 200
    errors = upload_errors(response, SEVERAL)
    assert len(errors) == 1
    assert errors[0].startswith("notes.jpg: This file is not a picture")
    assert conditional_escape(errors[0]) in response.text
    assert not Picture.objects.exists()
    assert media_files() == []


def test_upload_several_saves_them_all_and_lists_them_to_be_described(editor_client):
    response = upload_several(
        editor_client,
        picture_upload("clean-room.jpg", "JPEG"),
        picture_upload("IMG_0042.png", "PNG"),
        picture_upload("filling_line.webp", "WEBP"),
        credit="© SteriLine",
    )
    assert response.status_code == 302
    assert response.url == f"{CHANGELIST}?alt=missing"
    assert set(Picture.objects.values_list("title", "credit")) == {
        ("clean-room", "© SteriLine"),
        ("IMG 0042", "© SteriLine"),
        ("filling line", "© SteriLine"),
    }
    assert all(picture.needs_alt_text for picture in Picture.objects.all())

    listed = editor_client.get(response.url)
    assert "Uploaded 3 pictures. Describe each one below" in listed.text
    titles = set(re.findall(r'<t[hd] class="field-title"><a href="[^"]*">([^<]*)</a></t[hd]>', listed.text))
    assert titles == {"clean-room", "IMG 0042", "filling line"}
    # Each row offers an empty alt text box to fill in.
    assert len(re.findall(r'<input type="text" name="form-\d-alt_text" class="vTextField"', listed.text)) == 3


@pytest.mark.parametrize("size", [(2000, 2), (2, 2000), (2100, 100)], ids=["rule-line", "thread", "banner-21-to-1"])
def test_a_picture_too_thin_to_show_is_refused_with_its_size(size, editor_client):
    """A 2000×2 rule line: its 1200×630 share picture would first scale it up to 630,000×630
    pixels (gigabytes of memory for one upload). Refused, with its size, and nothing stored."""
    editor_client.raise_request_exception = False
    response = add_picture(editor_client, picture_upload("rule.png", "PNG", size=size))
    assert response.status_code == 200
    errors = " ".join(upload_errors(response, ADD_FORM))
    assert f"{size[0]}×{size[1]} pixels" in errors
    assert "too thin" in errors
    assert media_files() == []
    assert not Picture.objects.exists()


# --- renditions --------------------------------------------------------------------------------

SHAPES = [
    pytest.param((2000, 1000), [(480, 240), (960, 480), (1600, 800)], id="wide-2000"),
    pytest.param((1200, 675), [(480, 270), (960, 540), (1200, 675)], id="1200-capped"),
    pytest.param((300, 200), [(300, 200)], id="small-300-one-rendition"),
    pytest.param((600, 1200), [(480, 960), (600, 1200)], id="portrait"),
    pytest.param((500, 6000), [(480, 5760), (500, 6000)], id="tall-infographic"),
]


@pytest.mark.parametrize(("size", "expected"), SHAPES)
def test_renditions_are_webp_files_of_the_sizes_the_html_announces(size, expected):
    picture = PictureFactory(size=size)
    renditions = picture.renditions()
    assert [(rendition.width, rendition.height) for rendition in renditions] == expected
    for rendition in renditions:
        assert rendition.url.startswith("/uploads/renditions/")
        assert rendition.url.endswith(".webp")
        image = open_media(rendition.url)
        assert image.format == "WEBP"
        assert image.size == (rendition.width, rendition.height)


@pytest.mark.parametrize("size", [(2000, 1000), (300, 200), (600, 1200)])
def test_the_social_picture_is_a_1200_by_630_jpeg_whatever_the_shape(size):
    picture = PictureFactory(size=size)
    image = open_media(picture.social.url)
    assert (image.format, image.size) == ("JPEG", (1200, 630))


@pytest.mark.parametrize("attname", ["w480", "w960", "w1600", "social"])
def test_a_rendition_name_depends_on_the_source_name_only_so_each_process_remembers_it(attname, monkeypatch):
    """Picture.rendition_url remembers imagekit's names per (source name, rendition) for the
    process. If an imagekit upgrade makes a name depend on anything else, this fails: then
    drop the cache (it saves ~0.6 ms of CPU per picture on a page)."""
    first = PictureFactory(size=(96, 54), title="First", alt_text="One", caption="One")
    # Another library row on the same stored file, differing in everything else.
    twin = Picture.objects.create(image=first.image.name, title="Twin", decorative=True, caption="Two", credit="©")
    monkeypatch.setattr(picture_models, "_RENDITION_NAMES", {})
    fresh = {picture.pk: getattr(Picture.objects.get(pk=picture.pk), attname).name for picture in (first, twin)}
    assert fresh[first.pk] == fresh[twin.pk]
    assert first.rendition_url(attname) == f"/uploads/{fresh[first.pk]}"  # remembered now
    assert Picture.objects.get(pk=twin.pk).rendition_url(attname) == f"/uploads/{fresh[twin.pk]}"
    other = PictureFactory(size=(96, 54))
    assert other.rendition_url(attname) == f"/uploads/{getattr(other, attname).name}" != first.rendition_url(attname)


def test_renditions_are_written_when_the_picture_is_uploaded(editor_client):
    response = add_picture(editor_client, picture_upload("wide.png", "PNG", size=(2000, 1000)))
    assert response.status_code == 302
    picture = Picture.objects.get()
    written = rendition_files(picture)
    assert sorted(media_files()) == sorted([picture.image.name, *written])
    found = sorted((*open_media(name).size, open_media(name).format) for name in written)
    assert found == [(480, 240, "WEBP"), (960, 480, "WEBP"), (1200, 630, "JPEG"), (1600, 800, "WEBP")]


def test_describing_a_picture_later_writes_nothing(editor_client):
    picture = PictureFactory(alt_text="")
    before = {name: picture_files.media_path(name).stat().st_mtime_ns for name in media_files()}
    data = {"title": picture.title, "alt_text": "Described at last", "caption": "", "credit": "", "_save": "Save"}
    with mock.patch.object(FileSystemStorage, "save", side_effect=AssertionError("the storage was written")):
        response = editor_client.post(f"{CHANGELIST}{picture.pk}/change/", data)
    assert response.status_code == 302
    picture.refresh_from_db()
    assert picture.alt_text == "Described at last"
    assert {name: picture_files.media_path(name).stat().st_mtime_ns for name in media_files()} == before


# --- pages show renditions, and never make them -----------------------------------------------


@pytest.fixture
def covered(db):
    return ArticleFactory(
        title="Insulin plant passes its inspection",
        with_cover=True,
        cover__size=(2000, 1000),
        cover__alt_text="Inspectors in the filling hall",
    )


def test_list_card_shows_the_cover_lazily_from_webp_renditions_with_its_size(covered, client):
    response = client.get("/news/")
    assert response.status_code == 200
    [img] = images_on(response.text, "card__image")
    cover = covered.cover
    assert srcset(img["srcset"]) == [(cover.w480.url, "480w"), (cover.w960.url, "960w"), (cover.w1600.url, "1600w")]
    assert all(url.endswith(".webp") for url, _ in srcset(img["srcset"]))
    assert img["src"] == cover.w960.url
    assert (img["width"], img["height"]) == ("1600", "800")
    assert img["alt"] == "Inspectors in the filling hall"
    assert img["loading"] == "lazy"
    assert img["sizes"]


def test_article_page_shows_the_cover_eagerly_from_webp_renditions_with_its_size(covered, client):
    img = cover_on(client.get(covered.get_absolute_url()).text)
    cover = covered.cover
    assert srcset(img["srcset"]) == [(cover.w480.url, "480w"), (cover.w960.url, "960w"), (cover.w1600.url, "1600w")]
    assert (img["width"], img["height"]) == ("1600", "800")
    assert img["alt"] == "Inspectors in the filling hall"
    assert img["loading"] == "eager"  # the cover is above the fold


def test_a_small_cover_has_a_single_candidate(client):
    article = ArticleFactory(with_cover=True, cover__size=(300, 200))
    img = cover_on(client.get(article.get_absolute_url()).text)
    assert srcset(img["srcset"]) == [(article.cover.w480.url, "300w")]
    assert (img["width"], img["height"]) == ("300", "200")


def test_pages_with_pictures_never_touch_the_storage(covered, client):
    plain = ArticleFactory(title="An article without a cover")  # its card is drawn now, on save
    urls = ["/", "/news/", covered.get_absolute_url(), covered.get_print_url(), plain.get_absolute_url()]
    # WhiteNoise lists the static files (through a FileSystemStorage) when a client's first
    # request loads the middleware: do that before the storage is forbidden.
    assert client.get("/healthz").status_code == 200
    touched = AssertionError("the storage was touched while a page rendered")
    forbidden = {name: mock.Mock(side_effect=touched) for name in ("exists", "open", "save", "size")}
    with mock.patch.multiple(FileSystemStorage, **forbidden):
        responses = {url: client.get(url) for url in urls}
    assert {url: response.status_code for url, response in responses.items()} == dict.fromkeys(urls, 200)
    assert covered.cover.w960.url in responses["/news/"].text
    assert all(not method.called for method in forbidden.values())


@pytest.mark.parametrize("page", ["list", "detail"])
def test_query_count_with_covers_is_the_same_for_3_and_30_articles(
    page, client, django_assert_max_num_queries, django_assert_num_queries
):
    category = CategoryFactory()

    def make(count):
        return [ArticleFactory(category=category, with_cover=True, cover__size=(96, 54)) for _ in range(count)]

    first = make(3)
    url = "/news/" if page == "list" else first[1].get_absolute_url()
    with django_assert_max_num_queries(4) as few:
        response = client.get(url)
    assert len(images_on(response.text)) == (3 if page == "list" else 1)
    make(27)
    with django_assert_num_queries(len(few)):
        response = client.get(url)
    assert len(images_on(response.text)) == (10 if page == "list" else 1)


# --- pictures in rich text ----------------------------------------------------------------------

FIGURE = (
    '<figure><img src="/uploads/renditions/x.webp" alt="a" width="960" height="540"><figcaption>c</figcaption></figure>'
)


def save_body(client, body: str) -> Article:
    response = client.post(ARTICLE_ADD_URL, article_admin_form_data(CategoryFactory(), body=body))
    assert response.status_code == 302
    return Article.objects.get()


def test_a_figure_of_one_of_our_renditions_is_kept(editor_client):
    article = save_body(editor_client, f"<p>Before.</p>{FIGURE}<p>After.</p>")
    assert article.body == f"<p>Before.</p>{FIGURE}<p>After.</p>"
    assert FIGURE in editor_client.get(article.get_absolute_url()).text


@pytest.mark.parametrize(
    "src",
    ["https://elsewhere/x.webp", "data:image/png;base64,iVBORw0KGgo=", "//elsewhere/x.webp", "/static/img/x.png"],
    ids=["other-site", "data-url", "protocol-relative", "not-an-upload"],
)
@pytest.mark.parametrize("caption", ["<figcaption>c</figcaption>", ""], ids=["with-caption", "without-caption"])
def test_a_picture_from_elsewhere_is_dropped_with_its_figure(src, caption, editor_client):
    figure = f'<figure><img src="{src}" alt="a" width="960" height="540">{caption}</figure>'
    article = save_body(editor_client, f"<p>Before.</p>{figure}<p>After.</p>")
    assert article.body == "<p>Before.</p><p>After.</p>"


@pytest.mark.parametrize(
    ("link", "stored"),
    [
        (
            '<a href="https://example.org/report" title="">the report</a>',
            '<a href="https://example.org/report">the report</a>',
        ),
        (
            '<a href="https://example.org/report" title="Annual report">the report</a>',
            '<a href="https://example.org/report" title="Annual report">the report</a>',
        ),
    ],
    ids=["empty-title-dropped", "title-kept"],
)
def test_an_empty_link_title_is_dropped(link, stored, editor_client):
    assert save_body(editor_client, f"<p>Read {link}.</p>").body == f"<p>Read {stored}.</p>"


# --- social cards ------------------------------------------------------------------------------

#: Cards are drawn when a save is committed; these tests commit their saves, like a request does.
cards_committed = pytest.mark.django_db(transaction=True)


def test_an_article_with_a_cover_is_shared_with_the_covers_social_picture(covered, client):
    meta = open_graph(client.get(covered.get_absolute_url()).text)
    assert meta["og:image"] == f"http://testserver{covered.cover.social.url}"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image:alt"] == "Inspectors in the filling hall"
    image = open_media(covered.cover.social.url)
    assert (image.format, image.size) == ("JPEG", (1200, 630))


def drawn_card(article, client) -> str:
    """The storage name of the card an article page announces, checked to be a drawn card."""
    meta = open_graph(client.get(article.get_absolute_url()).text)
    match = re.fullmatch(
        rf"http://testserver/uploads/(social/news/article/{article.pk}/[0-9a-f]{{12}}\.jpg)", meta["og:image"]
    )
    assert match, meta["og:image"]
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    return match.group(1)


@cards_committed
def test_an_article_without_a_cover_is_shared_with_a_card_drawn_with_its_title(client):
    article = ArticleFactory(title="Cluster opens a training centre")
    name = drawn_card(article, client)
    image = open_media(name)
    assert (image.format, image.size) == ("JPEG", (1200, 630))
    assert open_graph(client.get(article.get_absolute_url()).text)["og:image:alt"] == article.title


def cards_of(obj) -> list[str]:
    """Every card file stored for ``obj``."""
    return [name for name in media_files() if name.startswith(f"social/{obj._meta.app_label}/")]


@cards_committed
def test_changing_the_title_draws_a_new_card_in_place_of_the_old(client, editor_client):
    article = ArticleFactory(title="Old title")
    old = drawn_card(article, client)
    data = article_admin_form_data(article.category, title="New title", slug=article.slug, status="published")
    response = editor_client.post(f"/admin/news/article/{article.pk}/change/", data)
    assert response.status_code == 302
    new = drawn_card(article, client)
    assert new != old  # a new address, so that sites that cached the old card fetch this one
    assert open_media(new).size == (1200, 630)
    assert cards_of(article) == [new]


@cards_committed
def test_saving_an_unchanged_title_keeps_the_card_and_its_address(client, monkeypatch):
    article = ArticleFactory(title="Cluster opens a training centre")
    name = drawn_card(article, client)
    monkeypatch.setattr(cards, "draw_social_card", mock.Mock(side_effect=AssertionError("drew a card again")))
    article.lead = "A new lead."
    article.save()
    assert drawn_card(article, client) == name
    assert cards_of(article) == [name]


@cards_committed
def test_each_item_has_its_own_card(client):
    first, second = ArticleFactory(title="Same title"), ArticleFactory(title="Same title")
    assert drawn_card(first, client) != drawn_card(second, client)
    assert len(cards_of(first)) == 2


@cards_committed
def test_deleting_an_item_deletes_its_card(client):
    kept, deleted = ArticleFactory(title="Kept"), ArticleFactory(title="Deleted")
    kept_card = drawn_card(kept, client)
    drawn_card(deleted, client)
    deleted.delete()
    assert cards_of(kept) == [kept_card]


@cards_committed
def test_deleting_items_in_bulk_deletes_their_cards(client):
    kept = ArticleFactory(title="Kept")
    ArticleFactory.create_batch(2, title="Deleted")
    Article.objects.exclude(pk=kept.pk).delete()
    assert cards_of(kept) == [drawn_card(kept, client)]


@cards_committed
def test_giving_an_item_a_cover_deletes_its_card(client):
    article = ArticleFactory(title="Soon with a cover")
    drawn_card(article, client)
    article.cover = PictureFactory(size=(96, 54))
    article.save()
    assert cards_of(article) == []
    assert open_graph(client.get(article.get_absolute_url()).text)["og:image"].endswith(article.cover.social.url)


@cards_committed
def test_a_press_mention_has_no_page_so_no_card_is_drawn(monkeypatch):
    draw = mock.Mock(side_effect=AssertionError("drew a card for an item without a page"))
    monkeypatch.setattr(cards, "draw_social_card", draw)
    mention = PressMentionFactory()
    mention.title = "A new headline"
    mention.save()
    assert media_files() == []


def test_models_with_pages_get_cards_and_the_rest_do_not():
    with_pages = {m._meta.label for m in apps.get_models() if issubclass(m, Publishable) and m.has_page}
    assert with_pages == {
        "news.Article",
        "portfolio.Entry",
        "media_center.Gallery",
        "media_center.Video",
        "media_center.Publication",
        "contract_app.Notice",  # the tests' own content type
    }


def test_a_short_title_is_drawn_large_in_one_line():
    title_font, lines = title_layout("Plant opens")
    assert (title_font.size, lines) == (64, ["Plant opens"])


def test_a_title_too_long_for_four_large_lines_is_drawn_smaller_and_whole():
    title = (
        "The cluster's new sterile injectables plant passes its first inspection by the regional regulator "
        "and opens in May with two hundred and fifty jobs"
    )
    title_font, lines = title_layout(title)
    assert title_font.size < 64
    assert len(lines) <= 4
    assert " ".join(lines) == title  # whole: no word cut off, no ellipsis
    assert len(layout_at(title, 64)) > 4  # it did not fit in four lines at the large size


def test_a_title_too_long_even_for_the_smallest_size_ends_with_an_ellipsis():
    title = " ".join(["Cluster members sign a long agreement on pharmaceutical production"] * 4)
    title_font, lines = title_layout(title)
    assert title_font.size == 48
    assert len(lines) == 4
    assert lines[-1].endswith("…")


def title_layout(title: str):
    return cards.title_layout(ImageDraw.Draw(Image.new("RGB", (1, 1))), title)


def layout_at(title: str, size: int) -> list[str]:
    """The title's lines at one size, as many as it takes."""
    face = drawing.font(bold=True, size=size)
    return drawing.wrap(ImageDraw.Draw(Image.new("RGB", (1, 1))), title, face, cards.TITLE_WIDTH)


@cards_committed
def test_removing_the_cover_draws_a_card(covered, client, editor_client):
    data = article_admin_form_data(covered.category, title=covered.title, slug=covered.slug, status="published")
    response = editor_client.post(f"/admin/news/article/{covered.pk}/change/", {**data, "cover": ""})
    assert response.status_code == 302
    assert open_media(drawn_card(covered, client)).size == (1200, 630)


@cards_committed
def test_rendering_pages_never_draws_a_card(covered, client, monkeypatch):
    plain = ArticleFactory(title="An article without a cover")
    monkeypatch.setattr(cards, "draw_social_card", mock.Mock(side_effect=AssertionError("drew a card in a page view")))
    for url in ["/news/", plain.get_absolute_url(), covered.get_absolute_url(), plain.get_print_url()]:
        assert client.get(url).status_code == 200


def test_a_save_that_is_rolled_back_draws_no_card(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        article = ArticleFactory(title="Never committed")
    callbacks = [callback for callback in callbacks if callback is not pagecache.bump_after_commit]
    assert len(callbacks) == 1  # drawn only if the transaction commits
    assert media_files() == []
    callbacks[0]()  # as at the commit: drawn now
    assert [name.rsplit("/", 1)[0] for name in cards_of(article)] == [f"social/news/article/{article.pk}"]
