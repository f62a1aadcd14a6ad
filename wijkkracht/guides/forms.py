"""Every input of the guides and workbooks, through a form: a NUL byte, a line break in
a one-line field or a text over its limit gets a message, never a 500 or a silent cut."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wijkkracht.core.forms import CleanText

MAX_TEXT = 20_000
TOO_LONG = _(
    "Dit antwoord is te lang: hoogstens %(limit_value)s tekens, nu %(show_value)s. "
    "Je tekst staat er nog. Maak hem korter en sla hem dan op."
)


class SituationsForm(CleanText, forms.Form):
    """'Welke gids past bij ons?': the situations she ticked, from the list only."""

    s = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        error_messages={"invalid_choice": _("Kies uit de lijst wat jullie herkennen.")},
    )

    def __init__(self, *args, situations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["s"].choices = [
            (item.pk, item.pk) for _guide, items in situations for item in items
        ]


class SearchForm(CleanText, forms.Form):
    q = forms.CharField(required=False, max_length=200)


class BookletForm(CleanText, forms.Form):
    """The language of a booklet, from the list (the page's language when none is given)."""

    lang = forms.ChoiceField(required=False, choices=settings.LANGUAGES)


class StartForm(CleanText, forms.Form):
    organisation = forms.SlugField(max_length=140)


class AnswersForm(CleanText, forms.Form):
    """Workbook answers as sent: per answer she sent, its text and the revision it started
    from; with `step_keys`, the ticks of the whole form (without JavaScript)."""

    def __init__(self, data, *, keys, step_keys=None):
        super().__init__(data)
        self.keys = sorted(key for key in keys if f"text:{key}" in data)
        for key in self.keys:
            self.fields[f"text:{key}"] = forms.CharField(
                required=False,
                strip=False,
                max_length=MAX_TEXT,
                widget=forms.Textarea,
                error_messages={"max_length": TOO_LONG},
            )
            for name in ("revision", "resolve"):
                self.fields[f"{name}:{key}"] = forms.CharField(required=False, max_length=40)
        self.step_keys = step_keys
        if step_keys is not None:
            self.fields["steps"] = forms.MultipleChoiceField(
                required=False, choices=[(k, k) for k in step_keys]
            )
            for key in step_keys:
                self.fields[f"done:{key}"] = forms.BooleanField(required=False)

    def answers(self):
        """(key, text, the revision text) of every answer sent."""
        data = self.cleaned_data
        return [
            (key, data[f"text:{key}"], data[f"resolve:{key}"] or data[f"revision:{key}"])
            for key in self.keys
        ]

    def ticks(self):
        return [(key, self.cleaned_data[f"done:{key}"]) for key in self.cleaned_data["steps"]]

    def refusals(self) -> dict:
        """Per answer key: her text as sent and what is wrong with it."""
        refused = {}
        for name, errors in self.errors.items():
            if ":" in name:
                key = name.split(":", 1)[1]
                if key in self.keys:
                    refused[key] = {
                        "mine": self.data.get(f"text:{key}", "").replace("\x00", ""),
                        "error": errors[0],
                    }
        return refused


class TickForm(CleanText, forms.Form):
    def __init__(self, data, *, key):
        super().__init__(data)
        self.fields[f"done:{key}"] = forms.BooleanField(required=False)
