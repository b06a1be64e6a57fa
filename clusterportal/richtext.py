"""
The one place the site's rich-text editor and its sanitizer are chosen.

Content apps write ``body = RichTextField("body")`` and never name the editor. Today that is
django-prose-editor (ProseMirror), which stores a plain TextField and sanitizes on the server
with nh3, using an allowlist derived from exactly the features enabled below; see
docs/decisions/0001-rich-text-editor.md for why not django-ckeditor.

Templates render rich text with ``{{ obj.body|safe }}`` only because every value passed
through ``sanitize()`` on its way into the database (``RichTextField.clean`` for forms,
``pre_save`` for code that saves models directly).
"""

from django_prose_editor.fields import ProseEditorField, create_sanitizer

#: Deliberately small: headings, emphasis, lists, quotes, links, tables.
EXTENSIONS = {
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "Subscript": True,
    "Superscript": True,
    "HardBreak": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
    "HTML": True,
}

sanitize = create_sanitizer(EXTENSIONS)


class RichTextField(ProseEditorField):
    """A TextField edited with the site's editor and sanitized before it is stored."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", EXTENSIONS)
        kwargs.setdefault("sanitize", True)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        # Forms already sanitized in clean(); this also covers code that saves directly
        # (demo content, shell, imports). nh3 is idempotent on clean HTML.
        value = sanitize(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value
