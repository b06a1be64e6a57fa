"""
Video links an editor may paste, and the embed each one becomes.

Only four hosts are accepted: YouTube, Vimeo, RuTube and VK Video. ``parse_video_url()`` turns a
link into a ``VideoRef`` (host and id) or raises ``ValidationError`` with a message that says
what is accepted. The embed and watch URLs are built from the parsed id alone, never from the
pasted text, so nothing the editor typed reaches an ``src`` attribute.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

ALLOWED_HOSTS_TEXT = _("YouTube, Vimeo, RuTube or VK Video")
# Translators: keep the addresses as they are; translate only "or".
EXAMPLES = _(
    "https://www.youtube.com/watch?v=…, https://youtu.be/…, https://vimeo.com/…, "
    "https://rutube.ru/video/…/ or https://vkvideo.ru/video-…_…"
)

#: The origins the player may frame (settings.CONTENT_SECURITY_POLICY frame-src lists exactly these).
EMBED_ORIGINS = (
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
    "https://rutube.ru",
    "https://vk.com",
)

YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
VIMEO_ID = re.compile(r"[1-9][0-9]{2,11}")
RUTUBE_ID = re.compile(r"[0-9a-f]{32}")
VK_ID = re.compile(r"(-?[1-9][0-9]{0,11})_([1-9][0-9]{0,11})")

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
RUTUBE_HOSTS = {"rutube.ru", "www.rutube.ru"}
VK_HOSTS = {"vk.com", "www.vk.com", "m.vk.com", "vkvideo.ru", "www.vkvideo.ru", "m.vkvideo.ru"}


@dataclass(frozen=True)
class VideoRef:
    host: str  # "youtube", "vimeo", "rutube" or "vk"
    id: str  # for VK: "OWNER_VIDEO", e.g. "-12345_67890"

    @property
    def host_name(self) -> str:
        return {"youtube": "YouTube", "vimeo": "Vimeo", "rutube": "RuTube", "vk": "VK Video"}[self.host]

    @property
    def embed_url(self) -> str:
        match self.host:
            case "youtube":
                return f"https://www.youtube-nocookie.com/embed/{self.id}"
            case "vimeo":
                return f"https://player.vimeo.com/video/{self.id}"
            case "rutube":
                return f"https://rutube.ru/play/embed/{self.id}"
            case "vk":
                owner, video = self.id.split("_")
                return f"https://vk.com/video_ext.php?oid={owner}&id={video}&hd=2"
        raise ValueError(self.host)

    @property
    def watch_url(self) -> str:
        """The video's page on the host's own site: where the play button leads without JavaScript."""
        match self.host:
            case "youtube":
                return f"https://www.youtube.com/watch?v={self.id}"
            case "vimeo":
                return f"https://vimeo.com/{self.id}"
            case "rutube":
                return f"https://rutube.ru/video/{self.id}/"
            case "vk":
                return f"https://vk.com/video{self.id}"
        raise ValueError(self.host)


def _refuse(reason: str) -> ValidationError:
    # Translators: why the address was refused (a sentence), then what to paste instead.
    message = gettext("%(reason)s Paste the address of a video on %(hosts)s, for example %(examples)s.")
    return ValidationError(
        message % {"reason": reason, "hosts": ALLOWED_HOSTS_TEXT, "examples": EXAMPLES}, code="video_url"
    )


def parse_video_url(url: str) -> VideoRef:
    """The host and id of a video link, or ValidationError saying which hosts are accepted."""
    url = (url or "").strip()
    if not url:
        raise _refuse(gettext("No video address was given."))
    if len(url) > 500 or any(ord(c) < 32 or c.isspace() for c in url):
        raise _refuse(gettext("This is not a video address."))
    if "://" not in url and re.match(r"^[A-Za-z0-9.-]+\.[a-z]{2,}(/|$)", url):
        url = f"https://{url}"  # editors paste "youtu.be/…" without a scheme
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"}:
        raise _refuse(gettext("Only web addresses (https://…) are accepted."))
    host = (parts.hostname or "").lower()
    segments = [segment for segment in parts.path.split("/") if segment]
    query = parse_qs(parts.query)

    if host in YOUTUBE_HOSTS or host == "youtu.be":
        if host == "youtu.be":
            candidate = segments[0] if len(segments) == 1 else ""
        elif segments[:1] == ["watch"]:
            candidate = (query.get("v") or [""])[0]
        elif len(segments) == 2 and segments[0] in {"embed", "shorts", "live", "v"}:
            candidate = segments[1]
        else:
            candidate = ""
        return _checked("youtube", candidate, YOUTUBE_ID, "YouTube")
    if host in VIMEO_HOSTS:
        if host == "player.vimeo.com":
            candidate = segments[1] if len(segments) == 2 and segments[0] == "video" else ""
        else:
            candidate = segments[-1] if segments else ""
        return _checked("vimeo", candidate, VIMEO_ID, "Vimeo")
    if host in RUTUBE_HOSTS:
        if (len(segments) == 2 and segments[0] == "video") or (
            len(segments) == 3 and segments[:2] == ["play", "embed"]
        ):
            candidate = segments[-1]
        else:
            candidate = ""
        return _checked("rutube", candidate, RUTUBE_ID, "RuTube")
    if host in VK_HOSTS:
        candidate = ""
        if len(segments) == 1 and segments[0].startswith("video"):
            candidate = segments[0].removeprefix("video")
        elif segments == ["video_ext.php"]:
            candidate = f"{(query.get('oid') or [''])[0]}_{(query.get('id') or [''])[0]}"
        return _checked("vk", candidate, VK_ID, "VK Video")
    raise _refuse(gettext("Videos from this site cannot be embedded."))


def _checked(host: str, candidate: str, pattern: re.Pattern, name: str) -> VideoRef:
    if not pattern.fullmatch(candidate):
        # Translators: %(host)s is a video host's name, e.g. "YouTube".
        raise _refuse(gettext("This %(host)s address does not contain a valid video id.") % {"host": name})
    return VideoRef(host, candidate)


def validate_video_url(value: str) -> None:
    parse_video_url(value)
