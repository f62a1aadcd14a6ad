from django import forms
from django.utils.translation import gettext_lazy as _

LINE_BREAKS = ("\r", "\n", "\u2028", "\u2029", "\x0b", "\x0c", "\x85")


def is_single_line(field: forms.Field) -> bool:
    """A text field typed on one line: a name, a title, a reason of a few words. Mail
    subjects, headers and calendar lines are built from such fields, so a line break in
    one would break them later, after the row was written."""
    return isinstance(field, forms.CharField) and not isinstance(field.widget, forms.Textarea)


DASHES = {"---------", "—", ""}
CHOOSE = _("Kies…")


def _say_choose(field: forms.Field) -> None:
    """A select starts with "Kies…", not Django's "---------" (second-language readers
    took the dashes for a value)."""
    if getattr(field, "empty_label", None) in DASHES - {""}:
        field.empty_label = CHOOSE
    elif isinstance(field, forms.ChoiceField) and not hasattr(field, "queryset"):
        choices = list(field.choices)
        if choices and choices[0][0] == "" and choices[0][1] in DASHES:
            field.choices = [("", CHOOSE), *choices[1:]]


class CleanText:
    """Form mixin for every form: refuses text that would be stored wrongly or break
    something later, with a message on its field instead of a server error or a silent cut.

    - a NUL character (PostgreSQL cannot store it);
    - a line break in a single-line field (see is_single_line).
    Too-long text is refused by the field's own max_length, which ModelForms take from
    the model; forms.Form fields must set max_length themselves.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            _say_choose(field)

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            if not isinstance(value, str):
                continue
            if "\x00" in value:
                self.add_error(name, _("Deze tekst bevat een teken dat niet kan."))
            elif (
                name in self.fields
                and is_single_line(self.fields[name])
                and any(mark in value for mark in LINE_BREAKS)
            ):
                self.add_error(name, _("Schrijf dit op één regel, zonder Enter."))
        return data


class AdminForm(CleanText, forms.ModelForm):
    """The admin's forms too refuse NUL and line breaks in names: a name goes into mail
    subjects and calendar feeds. Every app's admin uses it."""
