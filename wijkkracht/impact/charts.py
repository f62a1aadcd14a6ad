"""Charts as small inline SVG drawn on the server: readable in print and in greyscale
(shades from light to dark, each part labelled with its percentage)."""

from decimal import Decimal

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

# From "helemaal oneens" (light) to "helemaal eens" (dark); "weet niet" hatched grey.
SHADES = {
    "1": "#f0f0f0",
    "2": "#c8c8c8",
    "3": "#9a9a9a",
    "4": "#5c5c5c",
    "5": "#1f1f1f",
    "dk": "url(#dk)",
    "yes": "#1f1f1f",
    "no": "#f0f0f0",
}
# Multiple choice has no order: dark and light take turns, so neighbours differ.
CHOICE_SHADES = ("#1f1f1f", "#c8c8c8", "#5c5c5c", "#f0f0f0", "#9a9a9a")
DARK = {"#5c5c5c", "#1f1f1f"}  # white text on these, black on the rest
WIDTH, HEIGHT = 300, 28
HATCH = (
    '<defs><pattern id="dk" width="6" height="6" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
    '<line x1="0" y1="0" x2="0" y2="6" stroke="#777" stroke-width="3"/></pattern></defs>'
)


def distribution(result, labels: dict[str, str]) -> SafeString:
    """One stacked bar: the share of each answer, with a text alternative. Written with
    plain strings and escape(): a results page draws one per question."""
    if not result.answers or result.hidden:
        return SafeString("")
    parts, x = [], 0.0
    for position, (value, count) in enumerate(result.counts.items()):
        if not count:
            continue
        fill = SHADES.get(value) or CHOICE_SHADES[position % len(CHOICE_SHADES)]
        width = WIDTH * count / result.answers
        name = escape(labels.get(value, value))
        parts.append(
            f'<rect x="{x:.1f}" y="0" width="{width:.1f}" height="{HEIGHT}" '
            f'fill="{fill}" stroke="#000" stroke-width="0.5"><title>{name}: '
            f"{count}</title></rect>"
        )
        if width >= 24:
            parts.append(
                f'<text x="{x + width / 2:.1f}" y="18" font-size="11" '
                f'text-anchor="middle" fill="{"#fff" if fill in DARK else "#000"}">'
                f"{round(100 * count / result.answers)}%</text>"
            )
        x += width
    summary = escape(", ".join(f"{labels.get(v, v)}: {c}" for v, c in result.counts.items() if c))
    return mark_safe(  # noqa: S308 - every text in it went through escape() above
        f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'preserveAspectRatio="none" aria-label="{summary}">{HATCH}{"".join(parts)}</svg>'
    )


def months(rows: list[tuple], label: str) -> SafeString:
    """Bars per month for one counter."""
    if not rows:
        return SafeString("")
    top = max((value for _m, value in rows), default=Decimal(1)) or Decimal(1)
    bar = max(8, min(40, 600 // len(rows)))
    height, gap = 120, 4
    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" fill="#444"><title>{}: {}</title></rect>',
        (
            (
                i * (bar + gap),
                f"{height - float(value / top) * (height - 10):.1f}",
                bar,
                f"{float(value / top) * (height - 10):.1f}",
                month.strftime("%m-%Y"),
                value,
            )
            for i, (month, value) in enumerate(rows)
        ),
    )
    width = len(rows) * (bar + gap)
    return format_html(
        '<svg class="chart" role="img" aria-label="{}" viewBox="0 0 {} {}" '
        'width="100%" height="{}">{}</svg>',
        label,
        width,
        height,
        height,
        bars,
    )
