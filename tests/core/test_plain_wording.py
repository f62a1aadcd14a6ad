"""Plain wording for second-language readers: a select starts with "Kies…", never with
Django's "---------" (it was read as a value)."""

import pytest
from django.apps import apps
from django.utils import translation

from wijkkracht.core.forms import CleanText


def _all_forms():
    seen, todo = [], list(CleanText.__subclasses__())
    while todo:
        form = todo.pop()
        todo += form.__subclasses__()
        if form.__module__.startswith("wijkkracht.") and form not in seen:
            seen.append(form)
    return sorted(seen, key=lambda f: f"{f.__module__}.{f.__qualname__}")


def _made(form_class):
    try:
        return form_class()
    except (TypeError, KeyError, AttributeError, ValueError):
        return None  # needs arguments of its own (an organisation, a questionnaire, ...)


@pytest.mark.django_db
def test_no_select_starts_with_dashes():
    assert apps.ready
    made = [form for form in map(_made, _all_forms()) if form is not None]
    assert len(made) > 15  # the check reaches most forms
    dashed = [type(form).__qualname__ for form in made if "---------" in str(form)]
    assert not dashed


@pytest.mark.django_db
def test_the_forms_that_had_dashes_now_say_kies():
    with translation.override("nl"):  # whatever language an earlier test left active
        chosen = [
            type(form).__qualname__
            for form in map(_made, _all_forms())
            if form is not None and "Kies…" in str(form)
        ]
    assert chosen  # at least one select with an empty choice is reached
