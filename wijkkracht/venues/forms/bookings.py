from datetime import date
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkracht.core.forms import CleanText
from wijkkracht.places.models import Area

from ..costs import CostOverview
from ..models import Booking, BookingSeries, RoomAgreement, Venue
from ..services.bookings import HORIZON, local_moment


def within_horizon(day: date | None) -> date | None:
    """A date at most two years from today: further ahead is a typing mistake, and a date
    such as 9999-12-31 cannot have a buffer added (a message, not a server error)."""
    if day is not None and day > timezone.localdate() + HORIZON:
        raise ValidationError(_("Kies een datum binnen twee jaar vanaf vandaag."))
    return day


class DirectoryFilter(CleanText, forms.Form):
    """The directory's filters; every combination has its own address (GET)."""

    area = forms.ModelChoiceField(
        label=_("Stadsdeel"),
        required=False,
        queryset=Area.objects.filter(kind=Area.Kind.DISTRICT),
        empty_label=_("Overal"),
    )
    seats = forms.IntegerField(
        label=_("Minimaal aantal zitplaatsen"), required=False, min_value=1, max_value=10_000
    )
    kind = forms.ChoiceField(
        label=_("Soort locatie"),
        required=False,
        choices=[("", _("Alle soorten")), *Venue.Kind.choices],
    )
    step_free = forms.BooleanField(label=_("Zonder drempel of trap"), required=False)


class BookingRequestForm(CleanText, forms.Form):
    organisation = forms.ChoiceField(label=_("Voor welke organisatie?"))
    date = forms.DateField(
        label=_("Datum"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[within_horizon],
    )
    start = forms.TimeField(label=_("Van"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Tot"), widget=forms.TimeInput(attrs={"type": "time"}))
    purpose = forms.CharField(
        label=_("Wat gaan jullie doen?"),
        max_length=200,
        help_text=_("Bijvoorbeeld: taalcafé, naailes, vergadering."),
    )
    people_expected = forms.IntegerField(
        label=_("Met hoeveel mensen?"), min_value=1, max_value=10_000
    )
    repeat = forms.ChoiceField(
        label=_("Hoe vaak?"),
        initial="once",
        required=False,
        choices=[("once", _("Eén keer")), *BookingSeries.Repeat.choices],
        widget=forms.RadioSelect,
        help_text=_("Eens per maand is steeds dezelfde dag van de maand, zoals de eerste dinsdag."),
    )
    until = forms.DateField(
        label=_("Tot en met welke datum?"),
        required=False,
        help_text=_("Alleen nodig als het elke week of eens per maand is."),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[within_horizon],
    )
    # Sent again after the list of dates that clash: book the other dates.
    skip_clashes = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(m.slug, m.name) for m in memberships]
        if len(memberships) == 1:
            self.fields["organisation"].initial = memberships[0].slug

    def clean(self):
        data = super().clean()
        for name in ("start", "end"):
            if data.get("date") and data.get(name):
                try:
                    data[f"{name}s_at"] = local_moment(data["date"], data[name])
                except ValidationError as error:
                    self.add_error(name, error)
        if data.get("repeat") in BookingSeries.Repeat.values and not data.get("until"):
            self.add_error("until", _("Tot wanneer? Kies de laatste datum."))
        return data


class DecisionForm(CleanText, forms.Form):
    """A venue manager's answer to one request (one date, also one date of a series)."""

    decision = forms.ChoiceField(choices=[("approve", _("Goedkeuren")), ("decline", _("Afwijzen"))])
    reason = forms.CharField(
        label=_("Toelichting (niet verplicht)"),
        required=False,
        max_length=Booking._meta.get_field("reason").max_length,
    )

    @property
    def approve(self) -> bool:
        return self.cleaned_data["decision"] == "approve"


class SeriesDecisionForm(DecisionForm):
    """Every open date of a series at once; declining them all needs a reason, since the
    group loses its whole series."""

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not data.get("reason"):
            self.add_error(
                "reason",
                _("Schrijf kort waarom je de hele reeks afwijst; de groep krijgt het te lezen."),
            )
        return data


class CancelForm(CleanText, forms.Form):
    """Why a booking is cancelled; the venue manager must say it, the group may."""

    reason = forms.CharField(
        label=_("Reden"), required=False, max_length=Booking._meta.get_field("reason").max_length
    )

    def __init__(self, *args, reason_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = reason_required
        self.fields["reason"].error_messages["required"] = _(
            "Schrijf kort waarom je annuleert; de groep krijgt het te lezen."
        )


class SaveProfileForm(CleanText, forms.Form):
    """Keep the search form's answers (as sent, URL-encoded) for one of her groups."""

    organisation = forms.CharField(max_length=160)
    query = forms.CharField(
        max_length=4000,
        required=False,
        error_messages={
            "max_length": _(
                "Dit zoekprofiel is te lang om te bewaren. Zoek met minder "
                "activiteiten of kortere namen."
            )
        },
    )


def _amount(label, help_text="", max_value=Decimal("1000000")):
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        required=False,
        min_value=0,
        max_value=max_value,
        max_digits=9,
        decimal_places=2,
        localize=True,
    )


class CostForm(CleanText, forms.Form):
    """The cost overview's answers; GET, so a filled-in overview has its own address."""

    title = forms.CharField(
        label=_("Voor welke plek of activiteit?"), required=False, max_length=150
    )
    rent_per_session = _amount(_("Huur per keer (€)"))
    sessions_per_month = forms.DecimalField(
        label=_("Hoeveel keer per maand?"),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        localize=True,
        help_text=_("Elke week is ongeveer 4,33 keer per maand."),
    )
    rent_per_month = _amount(
        _("Of: huur per maand (€)"), _("Vul dit in als je de huur per maand al weet.")
    )
    insurance_per_year = _amount(_("Verzekering per jaar (€)"))
    energy_per_month = _amount(_("Energie en water per maand (€)"))
    other_per_month = _amount(
        _("Andere vaste kosten per maand (€)"), _("Bijvoorbeeld schoonmaak, internet of opslag.")
    )
    one_off = _amount(
        _("Verbouwing en andere eenmalige kosten (€)"), _("Bijvoorbeeld verf, meubels of een borg.")
    )

    def overview(self) -> CostOverview:
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        return CostOverview(**data)


class AgreementForm(CleanText, forms.ModelForm):
    class Meta:
        model = RoomAgreement
        fields = ["opens_and_closes", "cleaning", "storage", "contact"]
