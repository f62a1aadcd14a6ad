"""Playwright against Debian's Chromium, at phone width, with axe-core on every page."""

import gzip
import os
import shutil
from pathlib import Path

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
        assert not violations, f"{self.page.url}: {violations}"
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
