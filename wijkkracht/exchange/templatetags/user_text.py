"""What people write, shown safely: escaped, paragraphs kept, links made clickable but
safe (http, https and mail only; nofollow, noopener), then cleaned once more by nh3."""

import nh3
from django import template
from django.utils.html import escape, linebreaks, urlize
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

TAGS = {"p", "br", "a"}
ATTRIBUTES = {"a": {"href"}}
SCHEMES = {"http", "https", "mailto"}


@register.filter
def user_text(text: str) -> SafeString:
    html = linebreaks(urlize(escape(text or ""), nofollow=True, autoescape=False))
    clean = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=SCHEMES,
        link_rel="nofollow noopener noreferrer ugc",
    )
    return mark_safe(clean)  # noqa: S308 - nh3 cleaned it
