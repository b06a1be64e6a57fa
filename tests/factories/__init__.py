"""Cheap, realistic test data (factory_boy), one module per section; import from here.

``from tests.factories import ArticleFactory, GalleryFactory, EntryFactory`` — every factory
and admin-form helper of every section is re-exported by this package.
"""

from tests.factories.media import (
    DOCX_BYTES,
    PDF_BYTES,
    GalleryFactory,
    GalleryPhotoFactory,
    PressMentionFactory,
    PublicationFactory,
    VideoFactory,
    minimal_pdf,
)
from tests.factories.news import ArticleFactory, CategoryFactory, article_admin_form_data
from tests.factories.pictures import PictureFactory, image_file
from tests.factories.portfolio import (
    EntryFactory,
    GalleryItemFactory,
    KeyFigureFactory,
    OrganizationFactory,
    PortfolioCategoryFactory,
    entry_admin_form_data,
)

__all__ = [
    "DOCX_BYTES",
    "PDF_BYTES",
    "ArticleFactory",
    "CategoryFactory",
    "EntryFactory",
    "GalleryFactory",
    "GalleryItemFactory",
    "GalleryPhotoFactory",
    "KeyFigureFactory",
    "OrganizationFactory",
    "PictureFactory",
    "PortfolioCategoryFactory",
    "PressMentionFactory",
    "PublicationFactory",
    "VideoFactory",
    "article_admin_form_data",
    "entry_admin_form_data",
    "image_file",
    "minimal_pdf",
]
