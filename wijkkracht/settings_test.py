"""Settings for the test suite: production settings with the few changes tests need."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-key-" + "k" * 50)
os.environ.setdefault("HTTPS", "0")

from wijkkracht.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Hashed file names need collectstatic; tests render templates without it.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# The in-memory mailbox, noting any mail sent inside a request (tests/mail_guard.py).
EMAIL_BACKEND = "tests.mail_guard.GuardedMailBackend"
# Tasks run as a worker would: outside the request that enqueued them, once it finished.
# Tests of the queue itself switch to the database backend and work the queue.
TASKS = {"default": {"BACKEND": "tests.mail_guard.AfterRequestBackend"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: parallel tests then lock the way production SQLite does.
    # TEST_DB_FILE lets two test runs on one machine keep out of each other's way.
    test_file = os.environ.get("TEST_DB_FILE", str(VAR_DIR / "test.sqlite3"))  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": test_file}  # noqa: F405

# A real `manage.py db_worker` started by a browser test (tests/browser/worker.py): it
# works on the test database the live server already uses (named here, never created),
# takes its tasks from the database as in production, and writes each mail as a file in
# the directory the test watches.
if WORKER_TEST_DATABASE := os.environ.get("WORKER_TEST_DATABASE"):
    DATABASES["default"]["NAME"] = WORKER_TEST_DATABASE  # noqa: F405
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["WORKER_MAIL_DIR"]
