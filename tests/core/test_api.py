import pytest

from tests.factories import MembershipFactory, OrganisationFactory


def test_the_openapi_document_lists_the_endpoints(client, db):
    document = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/organisations" in document["paths"]
    assert "/api/v1/me" in document["paths"]


def test_the_interactive_docs_work_offline(client, db):
    page = client.get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in page
    assert "http://" not in page and "https://" not in page  # no CDN


def test_organisations_lists_public_profiles_only(client, organisation):
    OrganisationFactory(name="Open Groep", slug="open-groep", is_public=True)
    data = client.get("/api/v1/organisations").json()
    assert [o["name"] for o in data["items"]] == ["Open Groep"]
    assert data["count"] == 1


def test_organisations_speak_the_language_asked_for(client, db):
    OrganisationFactory(is_public=True, description_nl="Samen koken.", description_en="Cooking.")
    data = client.get("/api/v1/organisations", HTTP_ACCEPT_LANGUAGE="en").json()
    assert data["items"][0]["description"] == "Cooking."
    data = client.get("/api/v1/organisations", HTTP_ACCEPT_LANGUAGE="tr").json()
    assert data["items"][0]["description"] == "Samen koken."


@pytest.mark.parametrize("page", ["0", "-1", "abc", "999999"])
def test_a_bad_page_number_gets_json_not_a_crash(client, db, page):
    response = client.get(f"/api/v1/organisations?page={page}")
    assert response.status_code in (200, 404, 422)
    assert response["Content-Type"].startswith("application/json")


def test_me_needs_sign_in_and_says_so_in_json(client, db):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.json() == {"detail": "Log eerst in."}


def test_me_shows_her_memberships(client, organisation, member):
    MembershipFactory(user=member, role="admin")
    client.force_login(member)
    data = client.get("/api/v1/me").json()
    assert data["email"] == "bea@example.org"
    assert {m["role"] for m in data["memberships"]} == {"member", "admin"}
    assert "Moeders van Moerwijk" in {m["organisation"] for m in data["memberships"]}


@pytest.mark.parametrize(
    "query",
    ["page=93027760652226625536&page_size=907", "page=1000001", "page_size=0", "page_size=101"],
)
def test_absurd_page_numbers_are_refused_with_json(client, db, query):
    response = client.get(f"/api/v1/organisations?{query}")
    assert response.status_code == 422
    assert response.json()["detail"] == "De gegevens kloppen niet."
