"""What every upload check does before it reads a file: the size limit, and reading from the start.

Pictures (``clusterportal.pictures.images``) and documents (``media_center.documents``) each read
an upload's content to learn its real format. Both refuse a file over their limit before reading
a byte of it, and both read from the start without moving the file's position for whoever reads
it next (Django's storage saves from the current position).
"""

import math
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def check_size(file, limit: int, *, kind: str, advice: str = _("Make it smaller")) -> None:
    """Refuse ``file`` if it is larger than ``limit`` bytes, saying by how much, for an editor.

    ``kind`` names what is uploaded, in the plural ("pictures"); ``advice`` how to get under the
    limit (both translated by the caller). A file that does not know its size is left to the
    content checks.
    """
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        values = {
            # Rounded up: a file just over the limit must not read "20.0 MB; at most 20 MB".
            "size": math.ceil(size / 1024 / 1024 * 10) / 10,
            "kind": kind,
            "limit": limit // 1024 // 1024,
            "advice": advice,
        }
        raise ValidationError(
            # Translators: %(kind)s is what is uploaded, in the plural ("pictures", "documents");
            # %(advice)s how to make the file smaller ("Make it smaller").
            gettext("This file is %(size).1f MB; %(kind)s may be at most %(limit)d MB. %(advice)s and upload it again.")
            % values,
            code="too_large",
        )


@contextmanager
def read_from_start(file) -> Iterator:
    """``with read_from_start(upload) as f:`` reads ``f`` from its first byte; afterwards the
    file's position is where it was, whatever happened inside."""
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    try:
        yield file
    finally:
        file.seek(position)
