import os
import subprocess
import sys

import pytest
from django.conf import settings


def test_healthz_answers_after_a_database_round_trip(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def run_healthz_with(database_url: str) -> str:
    """Ask /healthz in a separate process that points at another database."""
    code = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client(HTTP_HOST='localhost').get('/healthz'); print(r.status_code)"
    )
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "wijkkracht.settings_test",
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=settings.BASE_DIR,
    )
    return result.stdout.strip().splitlines()[-1]


def test_healthz_says_503_when_the_database_is_unreachable():
    # Nothing listens on port 9 of this machine: the connection is refused.
    assert run_healthz_with("postgres://nobody@127.0.0.1:9/none") == "503"


def test_healthz_says_503_when_the_sqlite_file_cannot_be_opened(tmp_path):
    assert run_healthz_with(f"sqlite:///{tmp_path}/missing/dir/db.sqlite3") == "503"


def test_an_unknown_page_gets_a_friendly_404_in_dutch(client, db):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()
    assert 'href="/"' in response.content.decode()


def test_an_unknown_api_address_gets_json(client, db):
    response = client.get("/api/v1/bestaat-niet")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "path", ["/", "/organisaties/", "/inloggen/", "/privacy/", "/toegankelijkheid/"]
)
def test_public_pages_have_a_title_skip_link_and_footer(client, db, path):
    page = client.get(path).content.decode()
    assert "<title>" in page and "· Wijkkracht</title>" in page
    assert 'href="#main"' in page
    assert "/privacy/" in page and "/toegankelijkheid/" in page
    assert page.count("<h1") == 1


def test_check_deploy_passes_with_production_settings():
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "a-real-production-key-" + "z7" * 30,
        "ALLOWED_HOSTS": "wijkkracht.example",
        "DJANGO_SETTINGS_MODULE": "wijkkracht.settings",
        "DATABASE_URL": "sqlite:////tmp/wijkkracht-deploy-check.sqlite3",
        "REDIS_URL": "redis://127.0.0.1:6379/6",
    }  # several workers need a shared cache
    env.pop("HTTPS", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_serve_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    env["DJANGO_SETTINGS_MODULE"] = "wijkkracht.settings"
    check = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=settings.BASE_DIR,
    )
    assert check.returncode != 0
    assert "SECRET_KEY is not set" in check.stderr
    serve = subprocess.run(
        [sys.executable, "-c", "import wijkkracht.wsgi"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=settings.BASE_DIR,
    )
    assert serve.returncode != 0
    assert "Set SECRET_KEY" in serve.stderr
    # Management commands such as makemigrations still work.
    migrations = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=settings.BASE_DIR,
    )
    assert migrations.returncode == 0, migrations.stderr


@pytest.mark.parametrize("debug", [False, True])
def test_an_unknown_api_address_answers_json_404(client, settings, debug):
    settings.DEBUG = debug
    for path in ["/api/nope/", "/api/v1/nope/", "/api/v2/practices/"]:
        response = client.get(path)
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["detail"]
