"""Every input of these apps reaches its view through a form: no view reads request.POST or
request.GET by hand, where a NUL, a line break or a huge value would slip past the checks."""

import ast
from pathlib import Path

import pytest
from django.urls import reverse

import wijkkracht

APPS = ["accounts", "organisations", "guides"]
READS = {"get", "getlist", "items", "keys", "values", "lists", "dict", "copy", "pop"}


def _is_input(node) -> bool:
    """request.POST / request.GET (also self.request.POST)."""
    if not (isinstance(node, ast.Attribute) and node.attr in ("POST", "GET")):
        return False
    owner = node.value
    return (isinstance(owner, ast.Name) and owner.id == "request") or (
        isinstance(owner, ast.Attribute) and owner.attr == "request"
    )


def reads_by_hand(source: str) -> list[int]:
    """Line numbers where a value is taken out of request.POST/GET (passing it whole to a
    form is what we want)."""

    def takes_out(node) -> bool:
        if isinstance(node, ast.Subscript):
            return _is_input(node.value)
        if isinstance(node, ast.Attribute):
            return node.attr in READS and _is_input(node.value)
        if isinstance(node, ast.Compare):
            return any(_is_input(c) for c in node.comparators)
        return False

    lines = [node.lineno for node in ast.walk(ast.parse(source)) if takes_out(node)]
    return sorted(lines)


def test_the_walker_finds_reads_by_hand():
    assert reads_by_hand(
        "request.POST.get('x')\nrequest.GET['y']\n'z' in request.POST\n"
        "self.request.GET.getlist('s')\nForm(request.POST)\n"
    ) == [1, 2, 3, 4]


@pytest.mark.parametrize("app", APPS)
def test_no_view_reads_its_input_by_hand(app):
    root = Path(wijkkracht.__file__).parent / app
    found = {
        f"{path.relative_to(root.parent)}:{line}"
        for path in root.rglob("*.py")
        if "migrations" not in path.parts
        for line in reads_by_hand(path.read_text())
    }
    assert not found


@pytest.mark.parametrize("name", ["accounts:link", "accounts:welcome"])
def test_an_odd_link_gets_the_broken_link_page(client, db, name):
    for query in ({"t": "²" * 600, "next": "/"}, {"t": "x", "next": "/\r\nSet-Cookie: a=b"}):
        response = client.get(reverse(name), query)
        assert response.status_code == 400
        assert "Deze link werkt niet meer" in response.content.decode()


def test_an_odd_next_page_still_gives_the_sign_in_page(client, db):
    response = client.get(reverse("accounts:login"), {"next": "/\r\n" + "x" * 2500})
    assert response.status_code == 200
    assert 'name="next" value=""' in response.content.decode()
