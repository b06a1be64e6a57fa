"""System checks for what the site needs from the machine it runs on."""

from django.core import checks

from clusterportal.pictures import drawing


@checks.register()
def picture_fonts(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Social cards draw titles, many of them Cyrillic; Pillow's built-in font has no Cyrillic."""
    missing = [str(path) for path in (drawing.FONT_BOLD, drawing.FONT_REGULAR) if not path.is_file()]
    if not missing:
        return []
    return [
        checks.Warning(
            f"The fonts for social cards are missing: {', '.join(missing)}. Cards for titles in "
            "Cyrillic would show empty boxes instead of letters.",
            hint="Install Debian's fonts-dejavu-core package (apt-get install fonts-dejavu-core).",
            id="clusterportal.W001",
        )
    ]
