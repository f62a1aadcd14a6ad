"""Charts as small inline SVG drawn on the server: readable in print and in greyscale
(shades from light to dark, each part labelled with its percentage)."""

from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# From "helemaal oneens" (light) to "helemaal eens" (dark); "weet niet" hatched grey.
SHADES = {"1": "#f0f0f0", "2": "#c8c8c8", "3": "#9a9a9a", "4": "#5c5c5c", "5": "#1f1f1f",
          "dk": "url(#dk)"}
TEXT_ON = {"1": "#000", "2": "#000", "3": "#000", "4": "#fff", "5": "#fff", "dk": "#000"}
WIDTH, HEIGHT = 300, 28


def distribution(result, labels: dict[str, str]) -> SafeString:
    """One stacked bar: the share of each answer, with a text alternative."""
    if not result.answers or result.hidden:
        return SafeString("")
    parts, x = [], 0.0
    for value, count in result.counts.items():
        if not count:
            continue
        width = WIDTH * count / result.answers
        percent = round(100 * count / result.answers)
        label = format_html('<text x="{}" y="18" font-size="11" text-anchor="middle" '
                            'fill="{}">{}%</text>', f"{x + width / 2:.1f}", TEXT_ON[value],
                            percent) if width >= 24 else ""
        parts.append(format_html('<rect x="{}" y="0" width="{}" height="{}" fill="{}" '
                                 'stroke="#000" stroke-width="0.5"><title>{}: {}</title></rect>{}',
                                 f"{x:.1f}", f"{width:.1f}", HEIGHT, SHADES[value],
                                 labels.get(value, value), count, label))
        x += width
    summary = ", ".join(f"{labels.get(v, v)}: {c}" for v, c in result.counts.items() if c)
    return format_html(
        '<svg class="chart" role="img" viewBox="0 0 {} {}" width="100%" '
        'preserveAspectRatio="none" aria-label="{}"><defs><pattern id="dk" width="6" '
        'height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" '
        'stroke="#777" stroke-width="3"/></pattern></defs>{}</svg>',
        WIDTH, HEIGHT, summary, format_html_join("", "{}", ((p,) for p in parts)))


def months(rows: list[tuple], label: str) -> SafeString:
    """Bars per month for one counter."""
    if not rows:
        return SafeString("")
    top = max((value for _m, value in rows), default=Decimal(1)) or Decimal(1)
    bar = max(8, min(40, 600 // len(rows)))
    height, gap = 120, 4
    bars = format_html_join("", '<rect x="{}" y="{}" width="{}" height="{}" fill="#444">'
                            '<title>{}: {}</title></rect>', (
        (i * (bar + gap), f"{height - float(value / top) * (height - 10):.1f}", bar,
         f"{float(value / top) * (height - 10):.1f}", month.strftime("%m-%Y"), value)
        for i, (month, value) in enumerate(rows)))
    width = len(rows) * (bar + gap)
    return format_html('<svg class="chart" role="img" aria-label="{}" viewBox="0 0 {} {}" '
                       'width="100%" height="{}">{}</svg>', label, width, height, height, bars)
