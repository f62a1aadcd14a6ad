"""`make run` and `make demo` load everything in one process (manage.py setup_demo); a
second run changes nothing."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"sessions", "admin", "django_tasks_database"}
    }


def test_the_demo_loads_in_one_go_and_again_without_change():
    call_command("setup_demo", stdout=StringIO())
    first = _counts()
    assert first["places.Area"] and first["guides.Guide"] and first["venues.Venue"]
    assert first["organisations.Organisation"] and first["practices.Practice"]
    assert first["impact.ChangeStory"]
    call_command("setup_demo", stdout=StringIO())
    assert _counts() == first
