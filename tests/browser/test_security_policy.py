"""The Content-Security-Policy holds in the browser: every walk checks each page for
violations (conftest.Phone.check); this proves that check sees one."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("locale", ["nl-NL", "ar"])
def test_a_violation_on_a_page_fails_the_walk(phone_factory, locale):
    phone = phone_factory(locale)
    phone.goto("/")
    # What an injected style attribute would do: the policy blocks it and says so.
    phone.page.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')"
    )
    phone.page.wait_for_function("window.__cspViolations.length > 0")
    with pytest.raises(AssertionError, match="CSP violations"):
        phone.assert_no_csp_violation()
