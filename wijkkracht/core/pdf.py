"""HTML to PDF with WeasyPrint, for booklets, workbooks and factsheets."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from wijkkracht.core.pdf_fonts import CSS_NAME


def font_css_path():
    """The @font-face rules of the bundled fonts (`make` writes them; see pdf_fonts.py)."""
    return settings.VAR_DIR / "fonts" / CSS_NAME


def html_to_pdf(html: str) -> bytes:
    # Imported here: WeasyPrint loads Pango at import, which only PDF requests need.
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = font_css_path()
    if not fonts.exists():
        # Without them a PDF would quietly take whatever fonts this machine has.
        raise ImproperlyConfigured(f"{fonts} is missing: run `make fonts`")
    font_config = FontConfiguration()
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[CSS(filename=fonts, font_config=font_config)], font_config=font_config
    )
