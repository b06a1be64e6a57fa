"""Videos: only four hosts, a clear refusal for anything else, and a player that loads nothing
from the host before the visitor clicks play.

What every content type shares is tested once, for each type, in tests/test_contract.py.
"""

import html
import re

import pytest
from django.core.exceptions import ValidationError

from media_center.video_hosts import EMBED_ORIGINS, parse_video_url
from tests.factories import PictureFactory, VideoFactory
from tests.helpers import resource_urls

RUTUBE = "4f1c2a9b7e3d4c5a8b6f0e1d2c3b4a59"


# --- video addresses ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "host", "embed", "watch"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s",
            "youtube",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        ),
        ("https://youtu.be/dQw4w9WgXcQ", "youtube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", None),
        ("youtu.be/dQw4w9WgXcQ", "youtube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", None),
        (
            "https://www.youtube.com/embed/dQw4w9WgXcQ",
            "youtube",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            None,
        ),
        (
            "https://youtube.com/shorts/dQw4w9WgXcQ",
            "youtube",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            None,
        ),
        (
            "https://m.youtube.com/watch?v=dQw4w9WgXcQ",
            "youtube",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            None,
        ),
        (
            "https://vimeo.com/76979871",
            "vimeo",
            "https://player.vimeo.com/video/76979871",
            "https://vimeo.com/76979871",
        ),
        ("https://player.vimeo.com/video/76979871", "vimeo", "https://player.vimeo.com/video/76979871", None),
        (
            f"https://rutube.ru/video/{RUTUBE}/",
            "rutube",
            f"https://rutube.ru/play/embed/{RUTUBE}",
            f"https://rutube.ru/video/{RUTUBE}/",
        ),
        (f"https://rutube.ru/play/embed/{RUTUBE}", "rutube", f"https://rutube.ru/play/embed/{RUTUBE}", None),
        (
            "https://vk.com/video-215678943_456239017",
            "vk",
            "https://vk.com/video_ext.php?oid=-215678943&id=456239017&hd=2",
            "https://vk.com/video-215678943_456239017",
        ),
        (
            "https://vkvideo.ru/video-215678943_456239017",
            "vk",
            "https://vk.com/video_ext.php?oid=-215678943&id=456239017&hd=2",
            None,
        ),
    ],
)
def test_links_from_the_four_hosts_become_their_embeds(url, host, embed, watch):
    ref = parse_video_url(url)
    assert ref.host == host
    assert ref.embed_url == embed
    assert ref.embed_url.startswith(EMBED_ORIGINS)
    if watch:
        assert ref.watch_url == watch


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("javascript:alert(1)", "Only web addresses"),
        ("JaVaScRiPt:alert(document.cookie)//youtube.com/watch?v=dQw4w9WgXcQ", "Only web addresses"),
        ("data:text/html,<script>alert(1)</script>", "Only web addresses"),
        ("https://evil.example.com/watch?v=dQw4w9WgXcQ", "cannot be embedded"),
        ("https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ", "cannot be embedded"),
        ("https://www.dailymotion.com/video/x7tgad0", "cannot be embedded"),
        ("https://www.youtube.com/watch?v=short", "valid video id"),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ<script>", "valid video id"),
        ("https://www.youtube.com/channel/UC123", "valid video id"),
        ("https://vimeo.com/not-a-number", "valid video id"),
        ("https://rutube.ru/video/12345/", "valid video id"),
        (f"https://rutube.ru/video/{RUTUBE.upper()}/", "valid video id"),
        ("https://vk.com/video-abc_def", "valid video id"),
        ("https://vk.com/club12345", "valid video id"),
        ("", "No video address"),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ\x00", "not a video address"),
    ],
)
def test_anything_else_is_refused_with_a_message_naming_the_allowed_hosts(url, reason):
    with pytest.raises(ValidationError) as caught:
        parse_video_url(url)
    message = caught.value.messages[0]
    assert reason in message
    assert "YouTube, Vimeo, RuTube or VK Video" in message


# --- the admin ----------------------------------------------------------------------------------


def video_form(**overrides):
    data = {
        "title": "Interview",
        "slug": "",
        "video_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "description": "",
        "cover": "",
        "language": "en",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "seo_description": "",
        "_save": "Save",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "https://evil.example.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=bad",
        "https://rutube.ru/video/nothex/",
    ],
)
def test_admin_refuses_a_bad_video_url_with_a_clear_message(url, editor_client):
    from media_center.models import Video

    response = editor_client.post("/admin/media_center/video/add/", video_form(video_url=url))
    assert response.status_code == 200
    text = html.unescape(response.text)
    assert "YouTube, Vimeo, RuTube or VK Video" in text
    assert "Enter a valid URL" not in text
    assert not Video.objects.exists()


@pytest.mark.django_db
def test_admin_saves_a_rutube_and_a_youtube_video(editor_client):
    from media_center.models import Video

    for url in (f"rutube.ru/video/{RUTUBE}/", "https://youtu.be/dQw4w9WgXcQ?si=tracking"):
        response = editor_client.post("/admin/media_center/video/add/", video_form(video_url=url, title=url[:20]))
        assert response.status_code == 302, response.text
    assert sorted(Video.objects.values_list("video_url", flat=True)) == [
        f"https://rutube.ru/video/{RUTUBE}/",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    ]


# --- what a visitor sees ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("with_cover", [False, True])
def test_video_page_loads_nothing_from_the_host_before_a_click(with_cover, client):
    video = VideoFactory(slug="interview", cover=PictureFactory() if with_cover else None)
    text = client.get(video.get_absolute_url()).text
    for url in resource_urls(text):
        assert url.startswith("/"), url
        assert not url.startswith("//"), url
    assert "<iframe" not in text
    assert "img.youtube.com" not in text
    assert "ytimg" not in text
    # The player: the embed waits in a data attribute; without JavaScript play is a link to the host.
    assert 'data-embed-url="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in text
    assert re.search(
        r'<a class="video-player__play" href="https://www.youtube.com/watch\?v=dQw4w9WgXcQ" rel="noopener external"',
        text,
    )
    assert '<script src="/static/js/video.js" defer></script>' in text


@pytest.mark.django_db
def test_csp_frames_only_the_four_embed_hosts(client):
    video = VideoFactory()
    header = client.get(video.get_absolute_url()).headers["Content-Security-Policy"]
    frame_src = next(part.split()[1:] for part in header.split(";") if part.split()[0] == "frame-src")
    assert sorted(frame_src) == sorted(EMBED_ORIGINS)
    assert "frame-ancestors 'none'" in header
    assert "script-src 'self'" in header


@pytest.mark.django_db
def test_video_list_and_page_show_what_a_visitor_needs(client):
    VideoFactory(title="Plant tour", slug="tour", video_url=f"https://rutube.ru/video/{RUTUBE}/", description="A walk.")
    text = client.get("/media-center/videos/").text
    assert "Plant tour" in text
    assert "RuTube" in text
    assert "1 video" in text
    assert 'src="/static/img/video-poster.svg"' in text
    page = client.get("/media-center/videos/tour/").text
    assert "<h1>Plant tour</h1>" in page
    assert "Video on RuTube" in page
    assert "A walk." in page
    assert 'aria-current="page">Videos' in page
    assert client.get("/media-center/videos/tour/print/").status_code == 200
