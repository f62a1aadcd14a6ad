"""Odd input on the organisation pages gets a page or a message, never a 500."""

import pytest
from django.urls import reverse

from wijkkracht.organisations.models import Membership


def test_a_role_that_does_not_exist_gets_a_message(client, organisation, admin, member):
    client.force_login(admin)
    bea = organisation.memberships.get(user=member)
    response = client.post(
        reverse("organisations:change_role", args=[organisation.slug, bea.pk]),
        {"role": "eigenaar"},
        follow=True,
    )
    assert response.status_code == 400
    assert "Kies een rol uit de lijst" in response.content.decode()
    bea.refresh_from_db()
    assert bea.role == Membership.Role.MEMBER


@pytest.mark.parametrize("page", ["²", "9" * 40, "-1", "abc"])
def test_an_odd_page_number_in_the_directory_shows_a_page(client, db, page):
    response = client.get(reverse("organisations:directory"), {"page": page})
    assert response.status_code == 200
    assert "Organisaties" in response.content.decode()


def test_every_admin_form_of_these_apps_refuses_line_breaks_in_names(rf, db):
    from django.contrib import admin

    from tests.factories import UserFactory
    from wijkkracht.core.forms import CleanText

    request = rf.get("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    forms = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in ("organisations", "accounts", "guides"):
            forms.append((model, model_admin.get_form(request)))
            forms += [
                (inline.model, inline.get_formset(request).form)
                for inline in model_admin.get_inline_instances(request)
            ]
    assert len(forms) > 8
    assert [model for model, form in forms if not issubclass(form, CleanText)] == []


def test_the_admin_refuses_a_line_break_in_an_organisations_name(client, organisation):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:organisations_organisation_change", args=[organisation.pk])
    assert client.get(url).status_code == 200
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    response = client.post(
        url,
        {
            **data,
            "name": "Vrouwen van\nTransvaal",
            "memberships-TOTAL_FORMS": 0,
            "memberships-INITIAL_FORMS": 0,
        },
    )
    assert "op één regel" in response.content.decode()
    organisation.refresh_from_db()
    assert "\n" not in organisation.name
    user_url = reverse("admin:accounts_user_change", args=[UserFactory().pk])
    assert client.get(user_url).status_code == 200
    assert client.get(reverse("admin:guides_guide_add")).status_code == 200
