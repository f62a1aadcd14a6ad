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
        labels = {"title": _("Wat is jullie vraag of uitdaging?"),
                  "description": _("Vertel er meer over")}
        help_texts = {"title": _("Kort, bijvoorbeeld: Hoe houden we vrijwilligers vast?"),
                      "description": _("Wat speelt er? Wat hebben jullie al geprobeerd?")}

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(kind=Area.Kind.WIJK)
        self.fields["area"].empty_label = _("Niet voor één wijk")
        self.fields["related_guide"].queryset = Guide.objects.published()
        self.fields["related_guide"].empty_label = _("Geen")
        self.fields["organisation"].choices = [("", _("Alleen mijn naam")), *(
            (m.slug, m.name) for m in memberships)]


class AnswerForm(CleanText, forms.ModelForm):
    organisation = forms.ChoiceField(label=_("Namens welke organisatie?"), required=False)

    class Meta:
        model = Answer
        fields = ["text"]
        labels = {"text": _("Wat weet jij uit je eigen praktijk?")}

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", _("Alleen mijn naam")), *(
            (m.slug, m.name) for m in memberships)]
        if memberships:
            self.fields["organisation"].initial = memberships[0].slug


class ReportForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["reason"]


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Waarom verberg je dit?"), max_length=300)
