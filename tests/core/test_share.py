"""The share block (core/_share.html) every link meant for others comes with: the address
in a field to select, a WhatsApp link, and buttons that share.js switches on."""

from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

from django.template.loader import render_to_string


class _ShareBlocks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.blocks: list[dict] = []
        self.depth = 0  # <div> nesting inside the block being read

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and "data-share" in attrs:
            self.blocks.append({"buttons": [], **attrs})
            self.depth = 1
        elif self.depth:
            self.depth += tag == "div"
            if tag == "input" and "data-share-field" in attrs:
                self.blocks[-1].update(url=attrs["value"], field=attrs)
            elif tag == "a" and attrs.get("href", "").startswith("https://wa.me/"):
                self.blocks[-1]["whatsapp"] = parse_qs(urlsplit(attrs["href"]).query)["text"][0]
            elif tag == "button":
                self.blocks[-1]["buttons"].append(attrs)

    def handle_endtag(self, tag):
        if self.depth and tag == "div":
            self.depth -= 1


def share_blocks(html: str) -> list[dict]:
    """Each share block of a page: its address ("url"), the WhatsApp message ("whatsapp"),
    the field's and the buttons' attributes."""
    parser = _ShareBlocks()
    parser.feed(html)
    return parser.blocks


def shared_urls(html: str) -> list[str]:
    return [block["url"] for block in share_blocks(html)]


def _render(**context) -> str:
    return render_to_string("core/_share.html", context)


def test_the_address_is_in_a_readonly_field_left_to_right_with_its_label():
    html = _render(url="https://wijk.test/a/", text="Kom", label="De link", field_id="x")
    [block] = share_blocks(html)
    assert block["url"] == "https://wijk.test/a/"
    assert "readonly" in block["field"] and block["field"]["dir"] == "ltr"
    assert '<label for="x">De link</label>' in html


def test_the_whatsapp_message_holds_the_text_and_the_address_whole():
    url = "https://wijk.test/vragenlijst/abc/?taal=ar&x=1"
    [block] = share_blocks(_render(url=url, text="Vul in & deel", label="L", field_id="x"))
    assert block["whatsapp"] == f"Vul in & deel {url}"


def test_the_buttons_wait_for_javascript_and_the_confirmation_is_read_out():
    html = _render(url="https://wijk.test/a/", text="Kom", label="L", field_id="x")
    [block] = share_blocks(html)
    assert [("hidden" in b, b["type"]) for b in block["buttons"]] == [(True, "button")] * 2
    assert block["data-copied"] == "Link gekopieerd."
    assert 'role="status" aria-live="polite"' in html


def test_a_text_with_markup_is_escaped():
    html = _render(url="https://wijk.test/a/", text='<b>"hoi"</b>', label="L", field_id="x")
    assert "<b>" not in html
    assert share_blocks(html)[0]["whatsapp"].startswith('<b>"hoi"</b>')
