from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkkracht.core.forms import CleanText

from .loading import templates as templates_catalogue
from .models import ChangeStory, Counter, Effect, Interpretation, Question, Quote
from .responses import clean_value

MAX_UPLOAD = 5_000_000


class StoryForm(CleanText, forms.ModelForm):
    class Meta:
        model = ChangeStory
        fields = [
            "project",
            "problem",
            "target_groups",
            "aims",
            "activities",
            "attitude",
            "contributes_to",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "problem",
                "target_groups",
                "aims",
                "activities",
                "attitude",
                "contributes_to",
            )
        }


class EffectForm(CleanText, forms.Form):
    key = forms.SlugField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(label=_("Effect"), max_length=250)
    level = forms.ChoiceField(label=_("Bij wie zie je het?"), choices=Effect.Level.choices)
    indicator = forms.CharField(
        label=_("Wat tellen of vragen jullie?"), max_length=250, required=False
    )
    source = forms.CharField(
        label=_("Waar komt het vandaan?"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: vragenlijst, turflijst, gesprekken."),
    )


EffectFormSet = forms.formset_factory(EffectForm, extra=1, max_num=12, validate_max=True)


class CounterForm(CleanText, forms.ModelForm):
    class Meta:
        model = Counter
        fields = ["label"]


class EntryForm(CleanText, forms.Form):
    counter = forms.ModelChoiceField(label=_("Wat?"), queryset=Counter.objects.none())
    month = forms.DateField(
        label=_("Maand"),
        widget=forms.DateInput(attrs={"type": "month"}),
        input_formats=["%Y-%m", "%Y-%m-%d"],
    )
    value = forms.DecimalField(
        label=_("Aantal"),
        min_value=0,
        max_value=10**9,
        max_digits=12,
        decimal_places=2,
        localize=True,
    )
    activity = forms.CharField(
        label=_("Bij welke activiteit? (niet verplicht)"), max_length=150, required=False
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counter"].queryset = organisation.counters.all()


class PeriodForm(CleanText, forms.Form):
    start = forms.DateField(
        label=_("Van (maand)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "month"}),
        input_formats=["%Y-%m", "%Y-%m-%d"],
    )
    end = forms.DateField(
        label=_("Tot en met (maand)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "month"}),
        input_formats=["%Y-%m", "%Y-%m-%d"],
    )


class NewQuestionnaireForm(CleanText, forms.Form):
    title = forms.CharField(label=_("Naam van de vragenlijst"), max_length=150)
    templates = forms.MultipleChoiceField(
        label=_("Welke onderwerpen?"), widget=forms.CheckboxSelectMultiple
    )
    open_question = forms.CharField(
        label=_("Een open vraag (niet verplicht)"), max_length=300, required=False
    )
    opens_on = forms.DateField(
        label=_("Open vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    closes_on = forms.DateField(
        label=_("Open tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["templates"].choices = [
            (t["key"], templates_catalogue.label(t["title"], "nl"))
            for t in templates_catalogue.templates()
        ]

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("De einddatum moet na de begindatum liggen."))
        return data


class AnswerForm(CleanText, forms.Form):
    """The public form; its fields come from the questionnaire (see answer_form)."""


def answer_form(questionnaire, language: str, data=None) -> forms.Form:
    """The form someone fills in, in her language."""
    form = AnswerForm(data)
    scale = templates_catalogue.scale_labels()
    for question in questionnaire.questions.all():
        label = question.text_in(language)
        if question.kind == Question.Kind.SCALE:
            field = forms.ChoiceField(
                label=label, choices=scale, required=False, widget=forms.RadioSelect
            )
        elif question.kind == Question.Kind.YES_NO:
            field = forms.ChoiceField(
                label=label,
                choices=templates_catalogue.yes_no_labels(),
                required=False,
                widget=forms.RadioSelect,
            )
        elif question.kind == Question.Kind.CHOICE:
            field = forms.ChoiceField(
                label=label,
                required=False,
                widget=forms.RadioSelect,
                choices=[(str(c), str(c)) for c in question.choices],
            )
        else:
            field = forms.CharField(
                label=label,
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        form.fields[question.key] = field
    return form


class PaperForm(CleanText, forms.Form):
    """Keying in a paper form with the keyboard alone: digits for the scale (1–5, 0 for
    weet niet; dk is taken too, as in a CSV file), 1/2 for yes/no, the number of a
    choice; empty is not answered."""

    NOTHING_ANSWERED = _(
        "Dit formulier is leeg. Typ bij minstens één vraag een antwoord. "
        "Is het papieren formulier ook leeg? Leg het dan weg en ga door met het volgende."
    )

    def __init__(self, questionnaire, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questionnaire.questions.all())
        for question in self.questions:
            if question.kind == Question.Kind.OPEN:
                field = forms.CharField(label=question.text, required=False, max_length=2000)
            else:
                field = forms.CharField(
                    label=question.text,
                    required=False,
                    max_length=2,
                    widget=forms.TextInput(
                        attrs={"inputmode": "numeric", "autocomplete": "off", "size": 2}
                    ),
                )
            form_key = f"q_{question.key}"
            self.fields[form_key] = field

    def answers(self) -> dict[str, str]:
        """The answers as stored (see responses.clean_value), once the form is valid."""
        return dict(self._answers)

    @staticmethod
    def _value(question, raw: str) -> str:
        if question.kind == Question.Kind.YES_NO:
            return {"1": "yes", "2": "no"}.get(raw, raw)
        if question.kind == Question.Kind.CHOICE and raw.isdigit():
            index = int(raw) - 1
            return str(question.choices[index]) if 0 <= index < len(question.choices) else raw
        return raw

    def clean(self):
        data = super().clean()
        self._answers = {}
        for question in self.questions:
            raw = (data.get(f"q_{question.key}") or "").strip()
            if raw:
                try:
                    value = clean_value(question, self._value(question, raw))
                except ValueError as error:
                    self.add_error(f"q_{question.key}", str(error))
                    continue
                if value:
                    self._answers[question.key] = value
        return data


class QuestionForm(CleanText, forms.Form):
    """A question of the group's own, next to the template statements."""

    kind = forms.ChoiceField(label=_("Soort vraag"), choices=Question.Kind.choices)
    text = forms.CharField(label=_("Vraag of stelling"), max_length=300)
    choices = forms.CharField(
        label=_("Keuzes (alleen bij meerkeuze)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén keuze per regel."),
    )

    def clean(self):
        data = super().clean()
        options = [
            line.strip() for line in (data.get("choices") or "").splitlines() if line.strip()
        ]
        if data.get("kind") == Question.Kind.CHOICE and len(options) < 2:
            self.add_error("choices", _("Geef minstens twee keuzes."))
        data["choices"] = options if data.get("kind") == Question.Kind.CHOICE else []
        return data


class PublicForm(CleanText, forms.Form):
    """Make something public (1) or private again (0): the two buttons of a page."""

    public = forms.TypedChoiceField(
        choices=[("1", _("Openbaar")), ("0", _("Privé"))], coerce=lambda value: value == "1"
    )


class ImportForm(CleanText, forms.Form):
    file = forms.FileField(label=_("CSV-bestand"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Dit bestand is te groot (meer dan 5 MB)."))
        return upload


class OutputsActionForm(CleanText, forms.Form):
    """Which of the two forms on the counts page was sent."""

    action = forms.ChoiceField(choices=[("add_counter", "add_counter"), ("add_entry", "add_entry")])


class QuoteForm(CleanText, forms.ModelForm):
    class Meta:
        model = Quote
        fields = ["text"]


class InterpretationForm(CleanText, forms.ModelForm):
    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questionnaire"].queryset = organisation.questionnaires.all()
        self.fields["questionnaire"].label = _("Over welke vragenlijst?")
        self.fields["questionnaire"].empty_label = _("Geen")

    class Meta:
        model = Interpretation
        fields = [
            "questionnaire",
            "held_on",
            "participants",
            "recognise",
            "explain",
            "opinion",
            "future",
            "actions",
        ]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}),
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in ("participants", "recognise", "explain", "opinion", "future", "actions")
            },
        }

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > date.today():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst."))
        return held_on
