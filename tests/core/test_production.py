"""The production set-up works as the README says: collectstatic, gunicorn, whitenoise."""

import os
import socket
import subprocess
import sys
import time
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
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "production-test-" + "q8" * 30,
           "DJANGO_SETTINGS_MODULE": "wijkkracht.settings", "HTTPS": "0",
           "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3", "ALLOWED_HOSTS": "127.0.0.1",
           "STATIC_ROOT": str(tmp / "static")}
    for key in ("DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL"):
        env.pop(key, None)
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run(manage + command, env=env, cwd=ROOT, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "wijkkracht.wsgi", "--workers", "2",
         "--bind", f"127.0.0.1:{port}"], env=env, cwd=ROOT,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
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
    request = urllib.request.Request(f"{production}/static/core/site.{css}",
                                     headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert "immutable" in response.headers["Cache-Control"]


def test_security_headers_are_set(production):
    with urllib.request.urlopen(production + "/") as response:
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
