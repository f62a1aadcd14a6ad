from django import forms
from django.utils.translation import gettext_lazy as _

from wijkkracht.core.forms import CleanText
from wijkkracht.guides.models import Guide
from wijkkracht.places.models import Area

from .models import Answer, Challenge, Report


class ChallengeForm(CleanText, forms.ModelForm):
    organisation = forms.ChoiceField(label=_("Namens welke organisatie?"), required=False)

    class Meta:
        model = Challenge
        fields = ["title", "description", "area", "related_guide"]
        labels = {
            "title": _("Wat is jullie vraag of uitdaging?"),
            "description": _("Vertel er meer over"),
        }
        help_texts = {
            "title": _("Kort, bijvoorbeeld: Hoe houden we vrijwilligers vast?"),
            "description": _("Wat speelt er? Wat hebben jullie al geprobeerd?"),
        }

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(kind=Area.Kind.WIJK)
        self.fields["area"].empty_label = _("Niet voor één wijk")
        self.fields["related_guide"].queryset = Guide.objects.published()
        self.fields["related_guide"].empty_label = _("Geen")
        self.fields["organisation"].choices = [
            ("", _("Alleen mijn naam")),
            *((m.slug, m.name) for m in memberships),
        ]


class AnswerForm(CleanText, forms.ModelForm):
    organisation = forms.ChoiceField(label=_("Namens welke organisatie?"), required=False)

    class Meta:
        model = Answer
        fields = ["text"]
        labels = {"text": _("Wat weet jij uit je eigen praktijk?")}

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [
            ("", _("Alleen mijn naam")),
            *((m.slug, m.name) for m in memberships),
        ]
        if memberships:
            self.fields["organisation"].initial = memberships[0].slug


class ReportForm(CleanText, forms.ModelForm):
    class Meta:
        model = Report
        fields = ["reason"]


class HideForm(CleanText, forms.Form):
    """A facilitator hides a post with a reason, or shows it again (action "show")."""

    action = forms.ChoiceField(choices=[("hide", "hide"), ("show", "show")], required=False)
    reason = forms.CharField(label=_("Waarom verberg je dit?"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if data.get("action") != "show" and not data.get("reason") and "reason" not in self.errors:
            self.add_error("reason", _("Schrijf waarom je dit verbergt."))
        return data

    @property
    def shows(self) -> bool:
        return self.cleaned_data.get("action") == "show"


def _yes_no(label):
    return forms.TypedChoiceField(
        label=label, choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1"
    )


class HelpfulForm(CleanText, forms.Form):
    """The asker marks an answer as helpful (1) or takes that back (0)."""

    helpful = _yes_no(_("behulpzaam"))


class DigestForm(CleanText, forms.Form):
    """She turns the daily overview by mail on (1) or off (0)."""

    active = _yes_no(_("dagelijks overzicht per mail"))
