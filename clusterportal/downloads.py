"""A file's name in a download's ``Content-Disposition``: its real name, in any script.

``filename*=UTF-8''…`` (RFC 6266 / RFC 5987) carries the real name ("Годовой отчёт 2026.pdf");
``filename="…"`` carries an ASCII transliteration for clients that read only that one.
"""

import re
from urllib.parse import quote

from anyascii import anyascii

#: What no common file system takes in a name, control characters (CR, LF…) included.
UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
MAX_STEM = 150


def file_name(title: str, extension: str, fallback: str) -> str:
    """``title`` as a file name with ``extension``: unsafe characters become spaces; empty: ``fallback``."""
    stem = " ".join(UNSAFE.sub(" ", title).split())[:MAX_STEM].strip(" .") or fallback
    return f"{stem}.{extension}"


def attachment(name: str) -> str:
    """The ``Content-Disposition`` value that saves the response as ``name``."""
    ascii_name = " ".join(UNSAFE.sub(" ", anyascii(name)).split()) or "download"
    if ascii_name == name:
        return f'attachment; filename="{name}"'
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"
