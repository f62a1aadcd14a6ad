from datetime import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkracht.places.models import Area

from .costs import CostOverview
from .models import RoomAgreement, Venue


class DirectoryFilter(forms.Form):
    """The directory's filters; every combination has its own address (GET)."""

    area = forms.ModelChoiceField(label=_("Stadsdeel"), required=False,
                                  queryset=Area.objects.filter(kind=Area.Kind.DISTRICT),
                                  empty_label=_("Overal"))
    seats = forms.IntegerField(label=_("Minimaal aantal zitplaatsen"), required=False,
                               min_value=1, max_value=10_000)
    kind = forms.ChoiceField(label=_("Soort locatie"), required=False,
                             choices=[("", _("Alle soorten")), *Venue.Kind.choices])
    step_free = forms.BooleanField(label=_("Zonder drempel of trap"), required=False)


class BookingRequestForm(forms.Form):
    organisation = forms.ChoiceField(label=_("Voor welke organisatie?"))
    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("Van"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Tot"), widget=forms.TimeInput(attrs={"type": "time"}))
    purpose = forms.CharField(label=_("Wat gaan jullie doen?"), max_length=200,
                              help_text=_("Bijvoorbeeld: taalcafé, naailes, vergadering."))
    people_expected = forms.IntegerField(label=_("Met hoeveel mensen?"), min_value=1,
                                         max_value=10_000)
    repeat = forms.ChoiceField(label=_("Hoe vaak?"), initial="once", required=False,
                               choices=[("once", _("Eén keer")), ("weekly", _("Elke week"))],
                               widget=forms.RadioSelect)
    until = forms.DateField(label=_("Elke week tot en met"), required=False,
                            help_text=_("Alleen nodig als het elke week is."),
                            widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(m.slug, m.name) for m in memberships]
        if len(memberships) == 1:
            self.fields["organisation"].initial = memberships[0].slug

    def clean(self):
        data = super().clean()
        if all(data.get(k) for k in ("date", "start", "end")):
            zone = timezone.get_current_timezone()
            data["starts_at"] = datetime.combine(data["date"], data["start"], tzinfo=zone)
            data["ends_at"] = datetime.combine(data["date"], data["end"], tzinfo=zone)
        if data.get("repeat") == "weekly" and not data.get("until"):
            self.add_error("until", _("Tot wanneer? Kies de laatste datum."))
        return data




def _amount(label, help_text="", max_value=Decimal("1000000")):
    return forms.DecimalField(label=label, help_text=help_text, required=False, min_value=0,
                              max_value=max_value, max_digits=9, decimal_places=2,
                              localize=True)


class CostForm(forms.Form):
    """The cost overview's answers; GET, so a filled-in overview has its own address."""

    title = forms.CharField(label=_("Voor welke plek of activiteit?"), required=False,
                            max_length=150)
    rent_per_session = _amount(_("Huur per keer (€)"))
    sessions_per_month = forms.DecimalField(
        label=_("Hoeveel keer per maand?"), required=False, min_value=0, max_value=100,
        max_digits=5, decimal_places=2, localize=True,
        help_text=_("Elke week is ongeveer 4,33 keer per maand."))
    rent_per_month = _amount(_("Of: huur per maand (€)"),
                             _("Vul dit in als je de huur per maand al weet."))
    insurance_per_year = _amount(_("Verzekering per jaar (€)"))
    energy_per_month = _amount(_("Energie en water per maand (€)"))
    other_per_month = _amount(_("Andere vaste kosten per maand (€)"),
                              _("Bijvoorbeeld schoonmaak, internet of opslag."))
    one_off = _amount(_("Verbouwing en andere eenmalige kosten (€)"),
                      _("Bijvoorbeeld verf, meubels of een borg."))

    def overview(self) -> CostOverview:
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        return CostOverview(**data)


class AgreementForm(forms.ModelForm):
    class Meta:
        model = RoomAgreement
        fields = ["opens_and_closes", "cleaning", "storage", "contact"]
