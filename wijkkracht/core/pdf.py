"""HTML to PDF with WeasyPrint, for booklets, workbooks and factsheets."""

from django.conf import settings


def html_to_pdf(html: str) -> bytes:
    # Imported here: WeasyPrint loads Pango at import, which only PDF requests need.
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
