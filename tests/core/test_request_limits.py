"""Odd requests are refused before any view sees them: an over-long query string (414)
and a NUL character anywhere in the address or a form (400; 422 in the API, as JSON)."""

import pytest

pytestmark = pytest.mark.django_db

LONG = "a" * 5_000


def test_an_over_long_query_string_gets_a_json_414_from_the_api(client):
    response = client.get(f"/api/v1/organisations?q={LONG}")
    assert response.status_code == 414
    assert response["Content-Type"].startswith("application/json")
    assert "te lang" in response.json()["detail"]


def test_an_over_long_query_string_gets_a_page_414_elsewhere(client):
    response = client.get(f"/praktijken/?q={LONG}")
    assert response.status_code == 414
    assert "te lang" in response.content.decode()


def test_a_query_string_of_normal_length_passes(client):
    assert client.get("/api/v1/organisations?q=" + "a" * 2_000).status_code == 200


NUL = "a\x00b"


@pytest.fixture
def book(organisation, admin):
    from django.core.management import call_command

    from wijkkracht.guides.models import Guide
    from wijkkracht.guides.services import workbooks

    call_command("load_guides")
    return workbooks.start(organisation, Guide.objects.get(slug="een-locatie-vinden"), admin)


def refused(response, json=False):
    if json:  # the API answers every bad input with 422 (core/schemas.py)
        assert response.status_code == 422
        assert response["Content-Type"].startswith("application/json")
        return response.json()["detail"]
    assert response.status_code == 400
    return response.content.decode()


def test_a_nul_in_a_workbook_answer_is_refused_not_a_crash(client, book, member):
    client.force_login(member)
    url = f"{book.get_absolute_url()}antwoord/activities/"
    body = refused(client.post(url, {"text:activities": NUL, "revision:activities": "0"}))
    assert "teken dat niet kan" in body
    assert not book.answers.filter(key="activities").exists()


def test_a_nul_in_save_all_and_in_a_field_name_is_refused(client, book, member):
    client.force_login(member)
    url = f"{book.get_absolute_url()}opslaan/"
    refused(client.post(url, {"text:activities": NUL, "revision:activities": "0"}))
    refused(client.post(url, {"text:act\x00ivities": "x"}))


def test_a_nul_in_the_sign_in_form_and_the_new_organisation_form(client, member):
    refused(client.post("/inloggen/", {"email": "bea\x00@example.org"}))
    client.force_login(member)
    refused(client.post("/organisaties/nieuw/", {"name": NUL}))


@pytest.mark.parametrize(
    "path",
    [
        "/praktijken/?q=a%00b",
        "/praktijken/?level=%00",
        "/locaties/zoeken/?q=%00",
        "/locaties/?week=%00",
        "/gidsen/welke-past-bij-ons/?s=%00",
        "/organisaties/a%00b/",
    ],
)
def test_a_nul_in_an_address_is_refused(client, path):
    assert "teken dat niet kan" in refused(client.get(path))


def test_a_nul_in_an_api_query_or_form_gets_json(client):
    assert "teken dat niet kan" in refused(client.get("/api/v1/organisations?q=%00"), json=True)
    assert "teken dat niet kan" in refused(client.post("/api/v1/practices", {"q": NUL}), json=True)
