"""Playwright against Debian's Chromium, at phone width, with axe-core on every page.

No request leaves the machine: the map tiles come from a made-up host whose requests the
browser answers itself with a plain PNG, and a request to any other host than the test
server is stopped and fails the test.
"""

import gzip
import os
import shutil
import struct
import zlib
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        reason = f"no Chromium at {CHROMIUM}: install Debian's 'chromium' package"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (a skipped browser test fails CI)")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM refuses to be
    # called from such a thread unless told it is safe (it is: the loop is not ours).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


TILE_HOST = "tiles.test"  # .test is reserved: no such host exists anywhere


def tile_png() -> bytes:
    """A light 256 px tile with a grey edge, so the screenshots show where tiles are."""
    edge, paper = b"\xc9\xd3\xd1", b"\xf2\xef\xe9"
    rows = b"".join(b"\x00" + (edge * 256 if y == 0 else edge + paper * 255) for y in range(256))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 256, 256, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


TILE = tile_png()


@pytest.fixture(autouse=True)
def _tiles_from_the_test_host(settings):
    settings.MAP_TILE_URL = f"https://{TILE_HOST}/{{z}}/{{x}}/{{y}}.png"


# What a phone user notices on every page: nothing wider than the screen, and every
# control big enough to tap (WCAG 2.2, 2.5.8: at least 24 x 24 CSS px; links inside a
# sentence are exempt, so only controls and button-like links are measured).
LAYOUT_PROBE = """() => {
  const wide = [];
  const limit = document.documentElement.clientWidth;
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > limit + 1 && getComputedStyle(el).position !== "fixed") {
      if (![...el.querySelectorAll("*")].some(c => c.getBoundingClientRect().right > limit + 1))
        wide.push(el.tagName.toLowerCase() + (el.className ? "." + el.className : "")
                  + " ends at " + Math.round(box.right));
    }
  }
  const small = [];
  const controls = "button, select, summary, input:not([type=hidden]), textarea, a.button";
  for (const el of document.querySelectorAll(controls)) {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!box.width || style.visibility === "hidden" || el.closest("[hidden]")) continue;
    const tapped = (el.type === "checkbox" || el.type === "radio") && el.labels && el.labels[0]
      ? el.labels[0].getBoundingClientRect() : box;
    if (Math.max(box.width, tapped.width) < 24 || Math.max(box.height, tapped.height) < 24)
      small.push(el.tagName.toLowerCase() + " '"
                 + (el.innerText || el.value || el.name || "").trim().slice(0, 30) + "' "
                 + Math.round(box.width) + "x" + Math.round(box.height));
  }
  return {overflow: document.documentElement.scrollWidth - limit, wide: wide.slice(0, 5),
          small: small.slice(0, 8)};
}"""


CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline")
    + " at " + (event.sourceFile || "") + ":" + event.lineNumber);
});
"""


class Phone:
    """One person's phone: a 360 px wide browser context that checks every page it visits."""

    def __init__(self, browser, base_url: str, locale: str = "nl-NL"):
        self.context = browser.new_context(
            viewport={"width": 360, "height": 740}, locale=locale, device_scale_factor=1
        )
        # Every Content-Security-Policy violation is recorded: in the page (the event) and
        # from the console (also for pages passed through without a check()).
        self.context.add_init_script(CSP_RECORDER)
        self.page = self.context.new_page()
        self.base_url = base_url
        self.compressed: dict[str, int] = {}
        self.checked: list[dict] = []
        self.csp_console: list[str] = []
        self.page.on("response", self._measure)
        self.page.on("console", self._console)
        self.tiles_served = 0
        self.outside: list[str] = []  # requests for other hosts, stopped
        server = urlsplit(base_url).netloc
        self.context.route(lambda url: urlsplit(url).netloc != server, self._outside)

    def _outside(self, route):
        if urlsplit(route.request.url).netloc == TILE_HOST:
            self.tiles_served += 1
            route.fulfill(status=200, content_type="image/png", body=TILE)
        else:
            self.outside.append(route.request.url)
            route.abort("blockedbyclient")

    def assert_nothing_left_the_machine(self):
        found, self.outside = self.outside, []
        assert not found, f"requests for other hosts than the test server: {found}"

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.csp_console.append(f"{self.page.url}: {message.text}")

    def assert_no_csp_violation(self):
        reported = self.page.evaluate("window.__cspViolations || []")
        found, self.csp_console = self.csp_console, []
        assert not reported and not found, f"{self.page.url}: CSP violations {reported} {found}"

    def _measure(self, response):
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 - redirects have no body
            return
        self.compressed[response.url] = len(gzip.compress(body, 6))

    def goto(self, path: str):
        url = path if path.startswith("http") else self.base_url + path
        self.page.goto(url)
        return self.check()

    def check(self) -> dict:
        """axe-core and the page's weight, for the page now shown."""
        from axe_playwright_python.sync_playwright import Axe

        self.page.wait_for_load_state("load")
        urls = self.page.evaluate(
            "[...performance.getEntriesByType('navigation'), "
            "...performance.getEntriesByType('resource')].map(e => e.name)"
        )
        weight = sum(self.compressed.get(url, 0) for url in urls)
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
            for v in Axe().run(self.page).response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        result = {"url": self.page.url, "weight": weight, "violations": violations}
        self.checked.append(result)
        self.assert_no_csp_violation()
        self.assert_nothing_left_the_machine()
        assert not violations, f"{self.page.url}: {violations}"
        layout = self.page.evaluate(LAYOUT_PROBE)
        assert layout["overflow"] <= 0, f"{self.page.url} is wider than the screen: {layout}"
        assert not layout["small"], f"{self.page.url}: too small to tap: {layout['small']}"
        assert weight < 100_000, f"{self.page.url} transfers {weight} bytes compressed"
        return result

    def sign_in_as(self, user) -> None:
        """Start a session for her without the mail round trip (tested elsewhere)."""
        from django.conf import settings
        from django.test import Client

        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        self.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": cookie.value,
                    "url": self.base_url,
                }
            ]
        )

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self):
        found, self.csp_console = self.csp_console, []
        self.context.close()
        assert not found, f"CSP violations: {found}"
        self.assert_nothing_left_the_machine()


@pytest.fixture
def phone_factory(browser, live_server):
    phones = []

    def make(locale: str = "nl-NL") -> Phone:
        phone = Phone(browser, live_server.url, locale)
        phones.append(phone)
        return phone

    yield make
    for phone in phones:
        phone.close()
