"""
The picture library of the shared layer: pictures uploaded once and reused as covers, in
galleries and in rich text, and the social cards of items without a cover.

- ``images``: upload validation, stored names, renditions (Pillow, django-imagekit).
- ``models``: ``Picture`` (app "clusterportal"), ``WithCover`` and ``PlacedPicture`` for content.
- ``admin``: the library's admin, covers in content forms, uploading many pictures at once.
- ``cards`` and ``drawing``: social cards drawn with Pillow, and the fonts they are drawn with.

The ``{% picture %}`` template tag is in ``clusterportal.templatetags.portal``.
"""
