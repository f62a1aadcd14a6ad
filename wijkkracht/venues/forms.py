from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkracht.places.models import Area

from .models import Venue


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


