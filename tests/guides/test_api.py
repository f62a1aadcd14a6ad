def test_the_api_lists_the_guides(client, guides):
    data = client.get("/api/v1/guides").json()
    assert [g["slug"] for g in data][:1] == ["een-locatie-vinden"]
    assert len(data) == 5
    assert all(g["summary"] and g["url"].startswith("http") for g in data)


def test_one_guide_with_all_its_parts_in_the_language_asked(client, guides):
    data = client.get("/api/v1/guides/voorkomen-van-interne-wrijvingen?lang=bg").json()
    assert data["language"] == "bg" and data["translation_draft"] is True
    assert len(data["steps"]) == 7 and data["steps"][6]["number"] == 7
    assert sum(len(g["questions"]) for g in data["help_question_groups"]) == 14
    for part in ("situations", "experiences", "dos", "donts"):
        assert data[part]
    assert all(q["key"] for g in data["help_question_groups"] for q in g["questions"])


def test_an_untranslated_guide_comes_in_dutch(client, guides):
    data = client.get("/api/v1/guides/generaties-dichter-bij-elkaar?lang=ar").json()
    assert data["language"] == "nl"
    assert data["title"] == "Generaties dichter bij elkaar"
    assert data["concept"] is True


def test_machine_keys_are_in_the_api(client, guides):
    data = client.get("/api/v1/guides/een-locatie-vinden").json()
    keys = {q["profile_key"] for g in data["help_question_groups"] for q in g["questions"]}
    assert "people_expected" in keys


def test_unknown_guide_and_language_get_json_errors(client, guides):
    assert client.get("/api/v1/guides/bestaat-niet").json()["detail"]
    assert client.get("/api/v1/guides/bestaat-niet").status_code == 404
    response = client.get("/api/v1/guides/een-locatie-vinden?lang=fr")
    assert response.status_code == 422


def test_the_openapi_document_describes_the_guides(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/guides" in paths and "/api/v1/guides/{slug}" in paths
