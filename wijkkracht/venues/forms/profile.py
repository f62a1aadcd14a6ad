"""The search profile as a form, and filling it in from a group's location workbook."""

import re
from decimal import Decimal

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from wijkkracht.core.forms import CleanText
from wijkkracht.guides.services.workbooks import profile_answers
from wijkkracht.places.models import Area

from .. import matching
from ..models import OpeningHours, Room

LOCATION_GUIDE = "een-locatie-vinden"
YES = ("ja", "yes", "moet", "graag", "nodig", "evet", "да", "نعم")
EQUIPMENT_WORDS = {
    "projector": ("beamer", "projector"),
    "flipover": ("flip",),
    "sound_system": ("geluid", "microfoon", "speaker"),
    "kitchen": ("keuken", "koken"),
    "wifi": ("wifi", "internet"),
    "childrens_corner": ("kinderhoek", "kinderopvang"),
    "storage": ("opslag", "kast"),
}


class ProfileForm(CleanText, forms.Form):
    area = forms.ModelChoiceField(
        label=_("In welk stadsdeel?"),
        required=False,
        queryset=Area.objects.filter(kind=Area.Kind.DISTRICT),
        empty_label=_("Maakt niet uit"),
    )
    budget = forms.DecimalField(
        label=_("Budget per maand (€)"),
        required=False,
        min_value=0,
        max_value=1_000_000,
        decimal_places=2,
    )
    step_free = forms.BooleanField(label=_("Toegankelijk met een rolstoel"), required=False)
    lift = forms.BooleanField(label=_("Met een lift"), required=False)
    public_transport = forms.BooleanField(
        label=_("Liefst goed bereikbaar met het OV"), required=False
    )
    parking = forms.BooleanField(label=_("Liefst parkeren in de buurt"), required=False)


class ActivityForm(CleanText, forms.Form):
    FREQUENCIES = [
        ("4.33", _("Elke week")),
        ("2.17", _("Eens per twee weken")),
        ("1", _("Eens per maand")),
    ]

    kind = forms.CharField(
        label=_("Activiteit"),
        max_length=100,
        required=False,
        help_text=_("Bijvoorbeeld: taalcafé of naailes."),
    )
    people = forms.IntegerField(label=_("Hoeveel mensen?"), min_value=1, max_value=10_000)
    equipment = forms.MultipleChoiceField(
        label=_("Wat hebben jullie nodig?"),
        required=False,
        choices=list(Room.FACILITIES.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    day = forms.TypedChoiceField(
        label=_("Op welke dag?"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Maakt niet uit")), *OpeningHours.Day.choices],
    )
    start = forms.TimeField(
        label=_("Van"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    end = forms.TimeField(
        label=_("Tot"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    per_month = forms.ChoiceField(label=_("Hoe vaak?"), choices=FREQUENCIES, initial="4.33")

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("Het einde moet na het begin liggen."))
        return data


ActivityFormSet = forms.formset_factory(
    ActivityForm, extra=1, min_num=1, max_num=3, validate_min=True, validate_max=True
)


def to_profile(form: ProfileForm, activities) -> matching.Profile:
    data = form.cleaned_data
    return matching.Profile(
        activities=[
            matching.Activity(
                a["kind"] or "",
                a["people"],
                Decimal(a["per_month"]),
                list(a["equipment"]),
                a["day"],
                a["start"],
                a["end"],
            )
            for a in activities.cleaned_data
            if a
        ],
        step_free=data["step_free"],
        lift=data["lift"],
        public_transport=data["public_transport"],
        parking=data["parking"],
        areas=[data["area"]] if data["area"] else [],
        budget_per_month=data["budget"],
    )


def initial_from_workbook(organisation) -> tuple[dict, list[dict]]:
    """Start values for the form from the group's answers in the location guide."""
    answers = profile_answers(organisation, LOCATION_GUIDE)
    if not answers:
        return {}, []

    def yes(key):
        return answers.get(key, "").strip().lower().startswith(YES)

    profile = {
        "step_free": yes("wheelchair_access"),
        "lift": yes("lift"),
        "public_transport": yes("public_transport"),
        "parking": yes("parking"),
    }
    text = " ".join(answers.get(k, "") for k in ("neighbourhoods",)).lower()
    for district in Area.objects.filter(kind=Area.Kind.DISTRICT):
        if district.name.lower() in text:
            profile["area"] = district.pk
    activity = {
        "kind": answers.get("activities", "").strip().splitlines()[0][:100]
        if answers.get("activities")
        else ""
    }
    number = re.search(r"\d+", answers.get("people_expected", ""))
    if number:
        activity["people"] = int(number.group())
    wanted = answers.get("equipment", "").lower()
    activity["equipment"] = [
        key for key, words in EQUIPMENT_WORDS.items() if any(word in wanted for word in words)
    ]
    return profile, [activity]


def profile_query(data: QueryDict) -> str:
    """Only the search form's own answers, URL-encoded, to keep as a saved profile."""
    keep = QueryDict(mutable=True)
    activity_fields = "|".join(ActivityForm.base_fields)
    pattern = re.compile(
        rf"^form-(TOTAL_FORMS|INITIAL_FORMS|MIN_NUM_FORMS|MAX_NUM_FORMS|"
        rf"\d+-({activity_fields}))$"
    )
    for key in data:
        if key in ProfileForm.base_fields or pattern.match(key):
            keep.setlist(key, data.getlist(key))
    return keep.urlencode()
