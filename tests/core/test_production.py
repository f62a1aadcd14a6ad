"""The production set-up works as the README says: collectstatic, gunicorn, whitenoise."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("production")
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "production-test-" + "q8" * 30,
        "DJANGO_SETTINGS_MODULE": "wijkkracht.settings",
        "HTTPS": "0",
        "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(tmp / "static"),
    }
    for key in ("DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL"):
        env.pop(key, None)
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run(manage + command, env=env, cwd=ROOT, check=True, capture_output=True)
    port = free_port()
    # The README's command: the repository's gunicorn.conf.py, workers from WEB_CONCURRENCY.
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "-c",
            "gunicorn.conf.py",
            "wijkkracht.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        env={**env, "WEB_CONCURRENCY": "2"},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield base
    server.terminate()
    server.wait(10)


def test_gunicorn_serves_the_health_check(production):
    with urllib.request.urlopen(production + "/healthz") as response:
        assert response.status == 200


def test_static_files_come_compressed_with_hashed_names(production):
    page = urllib.request.urlopen(production + "/").read().decode()
    css = page.split('href="/static/core/site.')[1].split('"')[0]
    assert css.endswith(".css") and len(css) > len(".css") + 8  # site.<hash>.css
    request = urllib.request.Request(
        f"{production}/static/core/site.{css}", headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert "immutable" in response.headers["Cache-Control"]


def test_security_headers_are_set(production):
    with urllib.request.urlopen(production + "/") as response:
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        # directives in any order (django-csp keeps them in a set): read them one by one
        policy = dict(
            part.strip().split(" ", 1)
            for part in response.headers["Content-Security-Policy"].split(";")
        )
        assert policy["script-src"] == "'self'" and policy["object-src"] == "'none'"
        assert "camera=()" in response.headers["Permissions-Policy"]


@pytest.mark.parametrize("length", [5_000, 20_000, 200_000])
def test_an_over_long_query_string_gets_json_from_the_api_through_gunicorn(production, length):
    request = urllib.request.Request(f"{production}/api/v1/organisations?q={'a' * length}")
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(request)
    assert answer.value.code == 414
    assert answer.value.headers["Content-Type"].startswith("application/json")
    assert "detail" in json.loads(answer.value.read())


def test_a_query_string_of_normal_length_still_works_through_gunicorn(production):
    with urllib.request.urlopen(f"{production}/api/v1/organisations?q={'a' * 2_000}") as response:
        assert response.status == 200


def deploy_check(**environment) -> subprocess.CompletedProcess:
    """`check --deploy --fail-level WARNING` as a deployer runs it, with DEBUG=0."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "WEB_CONCURRENCY", "DEBUG", "HTTPS")
    }
    env.update(
        {
            "SECRET_KEY": "production-test-" + "q8" * 30,
            "ALLOWED_HOSTS": "wijkkracht.example",
            "DJANGO_SETTINGS_MODULE": "wijkkracht.settings",
            **environment,
        }
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_deploy_check_fails_without_a_shared_cache_for_several_workers():
    for workers in ({}, {"WEB_CONCURRENCY": "4"}):
        result = deploy_check(**workers)
        assert result.returncode != 0
        assert "wijkkracht.E002" in result.stderr


def test_deploy_check_passes_with_redis():
    result = deploy_check(REDIS_URL="redis://127.0.0.1:6379/6", WEB_CONCURRENCY="4")
    assert result.returncode == 0, result.stderr


def test_deploy_check_passes_for_one_declared_process_without_redis():
    result = deploy_check(WEB_CONCURRENCY="1")
    assert result.returncode == 0, result.stderr
