from django import forms
from django.utils.translation import gettext_lazy as _

from wijkkracht.core.forms import CleanText

from .models import Level, Practice, RecruitmentMethod, Theme


class LinesField(forms.CharField):
    """One item per line, stored as a list."""

    widget = forms.Textarea(attrs={"rows": 3})

    def clean(self, value):
        text = super().clean(value)
        return [line.strip() for line in text.splitlines() if line.strip()]

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value


class PracticeForm(CleanText, forms.ModelForm):
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        required=False,
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    methods = forms.ModelMultipleChoiceField(
        label=_("Hoe hebben jullie mensen bereikt?"),
        required=False,
        queryset=RecruitmentMethod.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    level = forms.ModelChoiceField(
        label=_("Welke deelnemers?"),
        required=False,
        queryset=Level.objects.all(),
        empty_label=_("Weet ik niet"),
    )
    what_worked = LinesField(
        label=_("Wat werkte?"), required=False, max_length=3000, help_text=_("Eén punt per regel.")
    )
    what_did_not = LinesField(
        label=_("Wat werkte niet?"),
        required=False,
        max_length=3000,
        help_text=_("Eén punt per regel."),
    )

    class Meta:
        model = Practice
        fields = [
            "name",
            "municipality",
            "level",
            "target_group",
            "goal",
            "working_method",
            "reach",
            "what_worked",
            "what_did_not",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("target_group", "goal", "working_method", "reach")
        }
