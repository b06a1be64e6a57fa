"""Demo documents drawn when the demo loads, so the repository holds no binary file."""

import io
import zipfile
from xml.sax.saxutils import escape

from django.conf import settings
from PIL import Image, ImageDraw

from clusterportal.pictures import drawing

#: The three parts a Word document needs: content types, the package's relation, the text.
DOCX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    ),
    "word/document.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        "{body}</w:body></w:document>"
    ),
}


def drawn_pdf(title: str, text: str) -> bytes:
    """A one-page A4 PDF drawn with Pillow (100 dpi): any script the fonts cover, e.g. Cyrillic.

    The page is a picture, so its text cannot be selected; a demo document only has to look
    like one when a visitor opens it.
    """
    width, height = 827, 1169  # A4 at 100 dpi
    page = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(page)
    margin = 80
    draw.rectangle([(0, 0), (width, 150)], fill="#0b5563")
    draw.text((margin, 60), settings.SITE_NAME.upper(), font=drawing.font(bold=True, size=22), fill="#cfe7ea")
    y = 220
    for size, value, fill in ((34, title, "#10212b"), (17, text, "#33434d")):
        face = drawing.font(bold=size > 20, size=size)
        for line in drawing.wrap(draw, value, face, width - 2 * margin, 6):
            draw.text((margin, y), line, font=face, fill=fill)
            y += int(size * 1.4)
        y += 24
    draw.line([(margin, height - 90), (width - margin, height - 90)], fill="#b4451f", width=3)
    draw.text((margin, height - 70), "Demo document", font=drawing.font(bold=False, size=14), fill="#5b6b75")
    out = io.BytesIO()
    page.save(out, "PDF", resolution=100, title=title, author=settings.SITE_NAME)
    return out.getvalue()


def minimal_docx(title: str, text: str) -> bytes:
    """A valid Word document (Office Open XML) with a heading and a paragraph."""

    def para(value: str, bold: bool = False) -> str:
        run_props = '<w:rPr><w:b/><w:sz w:val="32"/></w:rPr>' if bold else ""
        return f"<w:p><w:r>{run_props}<w:t>{escape(value)}</w:t></w:r></w:p>"

    body = para(title, bold=True) + para(text)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in DOCX_PARTS.items():
            archive.writestr(name, content.replace("{body}", body))
    return buffer.getvalue()
