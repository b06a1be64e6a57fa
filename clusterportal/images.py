"""The picture pipeline's former address, for callers outside the picture package that still use
it (the demo, tests/picture_files.py, tests/browser/test_journeys.py). New code imports from
``clusterportal.pictures``; delete this module once nothing imports it."""

from clusterportal.pictures.drawing import font, wrap
from clusterportal.pictures.images import MAX_UPLOAD_BYTES, scaled_size

__all__ = ["MAX_UPLOAD_BYTES", "font", "scaled_size", "wrap"]
