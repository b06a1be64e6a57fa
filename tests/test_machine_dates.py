"""Every <time datetime> is a valid HTML date and time, whatever the stored time holds.

Django's ``date:"c"`` writes microseconds when there are any (``…T18:00:13.391612+03:00``),
and HTML allows at most three digits of a fraction; the publish action and "now" in the admin
store microseconds. The pages write seconds and a ``+0300`` offset instead.
"""

import datetime
import re

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory, GalleryFactory, PressMentionFactory, PublicationFactory, VideoFactory

pytestmark = pytest.mark.django_db

VALID = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}$")


@pytest.fixture
def odd_time():
    return (timezone.now() - datetime.timedelta(hours=2)).replace(microsecond=391612)


def datetimes(text: str) -> list[str]:
    return re.findall(r'<time datetime="([^"]*)"', text)


def test_news_pages_write_valid_times(client, odd_time):
    article = ArticleFactory(published_at=odd_time)
    for url in ("/news/", article.get_absolute_url(), article.get_print_url(), "/", "/media-center/"):
        found = datetimes(client.get(url).text)
        assert found, f"no <time> on {url}"
        assert all(VALID.match(value) for value in found), (url, found)


def test_media_center_pages_write_valid_times(client, odd_time):
    gallery = GalleryFactory(published_at=odd_time)
    video = VideoFactory(published_at=odd_time)
    publication = PublicationFactory(published_at=odd_time)
    PressMentionFactory(published_at=odd_time)
    urls = [
        "/media-center/",
        "/media-center/galleries/",
        gallery.get_absolute_url(),
        "/media-center/videos/",
        video.get_absolute_url(),
        "/media-center/publications/",
        publication.get_absolute_url(),
        "/media-center/press/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        found = datetimes(response.text)
        assert found, f"no <time> on {url}"
        assert all(VALID.match(value) for value in found), (url, found)
