"""Every form of the platform refuses NUL characters and line breaks in single-line fields
(core.forms.CleanText): a meta-test, so a new form cannot forget it."""

import importlib
import inspect
import pkgutil

from django import forms

import wijkkracht
from wijkkracht.core.forms import CleanText


def forms_of_the_platform() -> list[type]:
    found = set()
    for module in pkgutil.walk_packages(wijkkracht.__path__, "wijkkracht."):
        if ".migrations" in module.name or module.name.endswith((".wsgi", ".asgi")):
            continue
        for _, cls in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__.startswith("wijkkracht."):
                found.add(cls)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def test_the_walk_finds_the_forms():
    names = {cls.__name__ for cls in forms_of_the_platform()}
    assert len(names) > 10


def cleans_text(cls: type) -> bool:
    """CleanText must come before Django's form classes, or their clean() hides its own."""
    mro = cls.__mro__
    return CleanText in mro and mro.index(CleanText) < mro.index(forms.BaseForm)


def test_every_form_uses_clean_text():
    missing = [
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in forms_of_the_platform()
        if not cleans_text(cls)
    ]
    assert not missing, f"forms without CleanText first in their bases: {missing}"


def test_the_check_sees_a_form_that_forgot_it():
    class Forgot(forms.Form):
        name = forms.CharField()

    class Behind(forms.Form, CleanText):
        name = forms.CharField()

    class Right(CleanText, forms.Form):
        name = forms.CharField()

    assert [cleans_text(cls) for cls in (Forgot, Behind, Right)] == [False, False, True]
