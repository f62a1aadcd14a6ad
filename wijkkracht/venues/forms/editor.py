"""The venue editor: the venue's own fields and its opening hours, closures and rooms as
formsets, bound together so that they are valid, and saved, only as a whole."""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import groupby

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms.models import BaseInlineFormSet, ModelChoiceIterator, inlineformset_factory
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wijkkracht.core.forms import CleanText
from wijkkracht.places.models import Area

from ..models import Closure, OpeningHours, Room, Venue
from ..services import stewardship
from .bookings import within_horizon

POSTCODE = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})\s*$")
# Roughly the Netherlands: catches a latitude and longitude typed the wrong way round.
LATITUDES, LONGITUDES = (Decimal("50.7"), Decimal("53.7")), (Decimal("3.2"), Decimal("7.3"))
DECIMAL = forms.TextInput(attrs={"inputmode": "decimal"})
TIME = forms.TimeInput(format="%H:%M", attrs={"type": "time"})
DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class WijkIterator(ModelChoiceIterator):
    """The wijken grouped under their district, so a long list stays easy to scan."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for district, areas in groupby(self.queryset, key=lambda area: area.parent):
            yield (district.name if district else _("Overig"), [self.choice(a) for a in areas])


class WijkField(forms.ModelChoiceField):
    iterator = WijkIterator


def _bounded(form, bounds: dict) -> None:
    """Lowest and highest values, checked on the server and told to the browser."""
    for name, (low, high) in bounds.items():
        field = form.fields[name]
        field.validators += [MinValueValidator(low), MaxValueValidator(high)]
        if isinstance(field.widget, forms.NumberInput):
            field.widget.attrs.update(min=low, max=high)


class CoordinateField(forms.DecimalField):
    """A map's coordinates often have more decimals than we keep: round, don't refuse."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is not None and value.is_finite() and abs(value) < 1000:
            value = value.quantize(Decimal("0.00001"), rounding=ROUND_HALF_UP)
        return value


class VenueForm(CleanText, forms.ModelForm):
    SECTIONS = [
        (_("Over de locatie"), "", ["name", "kind", "managed_by"]),
        (_("Adres"), "", ["address", "postcode", "area", "latitude", "longitude"]),
        (
            _("Contact voor verhuur"),
            _(
                "Hoe vragen groepen een zaal aan? Geef een algemeen e-mailadres of een formulier. "
                "Nooit het e-mailadres of telefoonnummer van een persoon zelf."
            ),
            ["contact_email", "contact_url"],
        ),
        (
            _("Huisregels"),
            _("Zet een vinkje bij wat mag."),
            [*Venue.HOUSE_RULES, "house_rules_text"],
        ),
        (_("Bereikbaarheid"), "", ["public_transport", "car_parking", "bike_parking"]),
        (_("Toegankelijkheid"), "", [*Venue.ACCESSIBILITY, "accessibility_text"]),
    ]

    area = WijkField(
        label=_("Wijk"),
        empty_label=_("Kies een wijk"),
        queryset=Area.objects.filter(kind=Area.Kind.WIJK)
        .select_related("parent")
        .order_by("parent__name", "name"),
    )
    contact_url = forms.URLField(
        label=_("Formulier voor verhuur"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("De link naar het formulier om een zaal te huren."),
    )
    # The moment the editor was opened: saving over someone else's newer changes is refused.
    version = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Venue
        fields = [
            "name",
            "kind",
            "managed_by",
            "address",
            "postcode",
            "area",
            "latitude",
            "longitude",
            "contact_email",
            "contact_url",
            *Venue.HOUSE_RULES,
            "house_rules_text",
            "public_transport",
            "car_parking",
            "bike_parking",
            *Venue.ACCESSIBILITY,
            "accessibility_text",
        ]
        localized_fields = ["latitude", "longitude"]
        field_classes = {"latitude": CoordinateField, "longitude": CoordinateField}
        widgets = {
            "latitude": DECIMAL,
            "longitude": DECIMAL,
            "house_rules_text": forms.Textarea(attrs={"rows": 3}),
            "accessibility_text": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "managed_by": _(
                "De organisatie die de locatie beheert, bijvoorbeeld een "
                "welzijnsorganisatie, school of moskee."
            ),
            "postcode": _("Bijvoorbeeld 2525 AB."),
            "latitude": _(
                "Niet verplicht. Zo staat de locatie goed op de kaart. Bijvoorbeeld 52,0705."
            ),
            "longitude": _("Bijvoorbeeld 4,3007."),
            "contact_email": _("Een algemeen adres, zoals verhuur@buurthuis.nl."),
            "house_rules_text": _("Andere afspraken, bijvoorbeeld over eten of opruimen."),
            "public_transport": _("Bijvoorbeeld: tram 9, halte Leyweg."),
            "accessibility_text": _(
                "Bijvoorbeeld: de ingang aan de achterkant heeft geen drempel."
            ),
        }

    def __init__(self, *args, memberships=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = stewardship.version_of(self.instance)
        self.fields["kind"].choices = [("", _("Kies een soort")), *Venue.Kind.choices]
        self.sections = list(self.SECTIONS)
        if memberships:
            self.fields["organisation"] = forms.ChoiceField(
                label=_("Namens welke organisatie?"),
                choices=[(m.slug, m.name) for m in memberships],
                initial=memberships[0].slug if len(memberships) == 1 else None,
            )
            self.sections.insert(0, (_("Jouw organisatie"), "", ["organisation"]))

    def field_sections(self):
        """(title, intro, bound fields) for each part of the page."""
        return [
            (title, intro, [self[name] for name in names]) for title, intro, names in self.sections
        ]

    def clean_postcode(self):
        match = POSTCODE.match(self.cleaned_data["postcode"])
        if not match:
            raise forms.ValidationError(
                _("Een postcode is vier cijfers en twee letters, bijvoorbeeld 2525 AB.")
            )
        return f"{match[1]} {match[2].upper()}"

    def clean(self):
        data = super().clean()
        latitude, longitude = data.get("latitude"), data.get("longitude")
        if (
            (latitude is None) != (longitude is None)
            and not self.has_error("latitude")
            and not self.has_error("longitude")
        ):
            self.add_error("latitude", _("Vul beide in, of geen van beide."))
        elif (
            latitude is not None
            and longitude is not None
            and not (
                LATITUDES[0] <= latitude <= LATITUDES[1]
                and LONGITUDES[0] <= longitude <= LONGITUDES[1]
            )
        ):
            self.add_error(
                "latitude",
                _(
                    "Dit punt ligt niet in Nederland. Staan breedtegraad "
                    "en lengtegraad misschien andersom?"
                ),
            )
        if (
            not (data.get("contact_email") or data.get("contact_url"))
            and not self.has_error("contact_email")
            and not self.has_error("contact_url")
        ):
            self.add_error(
                "contact_email",
                _(
                    "Vul een e-mailadres of een formulier in, zodat "
                    "groepen een zaal kunnen aanvragen."
                ),
            )
        return data


class _RowForm(CleanText, forms.ModelForm):
    """A row of a formset, with a heading of its own taken before any input changes it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.legend = self.make_legend()

    def make_legend(self) -> str:
        return ""


class OpeningHoursForm(_RowForm):
    class Meta:
        model = OpeningHours
        fields = ["day", "opens", "closes"]
        widgets = {"opens": TIME, "closes": TIME}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].choices = [("", _("Kies een dag")), *OpeningHours.Day.choices]

    def make_legend(self):
        day = self.initial.get("day")
        return OpeningHours.Day(day).label if day is not None else _("Nog een openingstijd")

    def clean(self):
        data = super().clean()
        if data.get("opens") and data.get("closes") and data["closes"] <= data["opens"]:
            self.add_error("closes", _("De sluitingstijd moet na de openingstijd liggen."))
        return data


class ClosureForm(_RowForm):
    class Meta:
        model = Closure
        fields = ["start", "end", "reason"]
        widgets = {"start": DATE, "end": DATE}
        help_texts = {"reason": _("Bijvoorbeeld: zomervakantie of verbouwing.")}

    def make_legend(self):
        if self.instance.pk:
            return f"{date_format(self.instance.start)} – {date_format(self.instance.end)}"
        return _("Nieuwe sluiting")

    def clean_start(self):
        return within_horizon(self.cleaned_data["start"])

    def clean_end(self):
        return within_horizon(self.cleaned_data["end"])

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("De laatste dag mag niet voor de eerste dag liggen."))
        return data


class RoomForm(_RowForm):
    facilities = forms.MultipleChoiceField(
        label=_("Voorzieningen"),
        required=False,
        choices=list(Room.FACILITIES.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    PRICES = ["price_hour", "price_daypart", "price_month", "one_off_costs"]
    ZERO_IF_EMPTY = ["social_discount_percent", "one_off_costs", "buffer_minutes"]

    class Meta:
        model = Room
        fields = [
            "name",
            "capacity_seated",
            "size_m2",
            "facilities",
            "price_hour",
            "price_daypart",
            "price_month",
            "social_discount_percent",
            "one_off_costs",
            "buffer_minutes",
        ]
        localized_fields = ["price_hour", "price_daypart", "price_month", "one_off_costs"]
        widgets = {name: DECIMAL for name in localized_fields}
        labels = {
            "price_hour": _("Prijs per uur (€)"),
            "price_daypart": _("Prijs per dagdeel (€)"),
            "price_month": _("Prijs per maand (€)"),
            "one_off_costs": _("Eenmalige kosten per boeking (€)"),
        }
        help_texts = {
            "price_month": _("Voor een vaste tijd elke week."),
            "one_off_costs": _("Bijvoorbeeld voor schoonmaak of de sleutel."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bounded(
            self,
            {
                "capacity_seated": (1, 10_000),
                "size_m2": (1, 100_000),
                "social_discount_percent": (0, 100),
                "buffer_minutes": (0, 240),
                **{name: (0, Decimal("999999.99")) for name in self.PRICES},
            },
        )
        for name in self.ZERO_IF_EMPTY:
            self.fields[name].required = False

    def make_legend(self):
        return self.initial.get("name") or _("Nieuwe zaal")

    def clean(self):
        data = super().clean()
        for name in self.ZERO_IF_EMPTY:
            if data.get(name) is None and not self.has_error(name):
                data[name] = 0
        return data


class _Rows(BaseInlineFormSet):
    delete_label = _("Verwijderen")

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = self.delete_label
        form.fields["id"].error_messages["invalid_choice"] = _(
            "Deze rij is er niet meer. Misschien heeft iemand anders hem net verwijderd."
        )


class OpeningHoursRows(_Rows):
    delete_label = _("Deze openingstijd verwijderen")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An empty row for each day without hours yet, with the day filled in.
        taken = set(self.get_queryset().values_list("day", flat=True))
        self.initial_extra = [{"day": day} for day in OpeningHours.Day.values if day not in taken]
        self.extra = max(1, len(self.initial_extra))

    def clean(self):
        super().clean()
        keys = ("day", "opens", "closes")
        times = sorted(
            tuple(form.cleaned_data[key] for key in keys)
            for form in self.forms
            if all(form.cleaned_data.get(key) is not None for key in keys)
            and not self._should_delete_form(form)
        )
        for (day, _opens, closes), (next_day, next_opens, _closes) in zip(
            times, times[1:], strict=False
        ):
            if day == next_day and next_opens < closes:
                raise forms.ValidationError(
                    _("Twee openingstijden op %(day)s overlappen.")
                    % {"day": OpeningHours.Day(day).label}
                )


class ClosureRows(_Rows):
    delete_label = _("Deze sluiting verwijderen")

    def get_queryset(self):
        # Closures that are over stay as they are; the editor shows those still to come.
        return super().get_queryset().filter(end__gte=timezone.localdate())


class RoomRows(_Rows):
    delete_label = _("Deze zaal verwijderen")

    def clean(self):
        super().clean()
        refused = False
        for form in self.forms:
            if form.instance.pk and self._should_delete_form(form):
                try:
                    stewardship.check_room_free(form.instance)
                except stewardship.RoomInUse as in_use:
                    form.add_error(None, in_use)
                    refused = True
        if refused:
            raise forms.ValidationError(
                _("Een zaal met boekingen kan niet weg. Kijk bij de zaal hieronder.")
            )


def _rows(model, form, formset, extra):
    return inlineformset_factory(
        Venue,
        model,
        form=form,
        formset=formset,
        extra=extra,
        can_delete=True,
        can_delete_extra=False,
        max_num=50,
        validate_max=True,
    )


OpeningHoursFormSet = _rows(OpeningHours, OpeningHoursForm, OpeningHoursRows, 1)
ClosureFormSet = _rows(Closure, ClosureForm, ClosureRows, 1)
RoomFormSet = _rows(Room, RoomForm, RoomRows, 1)


@dataclass
class Part:
    name: str
    title: str
    intro: str
    formset: BaseInlineFormSet


PARTS = {
    "hours": (
        OpeningHoursFormSet,
        _("Openingstijden"),
        _("Vul de tijden in op de dagen dat de locatie open is. Laat de andere dagen leeg."),
    ),
    "closures": (
        ClosureFormSet,
        _("Dagen dat de locatie dicht is"),
        _("Bijvoorbeeld in de vakantie. Van de eerste tot en met de laatste dag."),
    ),
    "rooms": (
        RoomFormSet,
        _("Zalen"),
        _("Meer zalen? Sla eerst op; daarna staat er een nieuwe lege zaal klaar."),
    ),
}


class VenueEditor:
    """The venue form and its formsets as one: valid when all are, saved together (by
    stewardship, in one transaction)."""

    def __init__(
        self,
        data=None,
        *,
        venue: Venue | None = None,
        parts=("hours", "closures", "rooms"),
        memberships=None,
    ):
        self.venue = venue if venue is not None else Venue()
        self.form = VenueForm(data, instance=self.venue, memberships=memberships)
        self.parts = [
            Part(
                name,
                PARTS[name][1],
                PARTS[name][2],
                PARTS[name][0](data, instance=self.venue, prefix=name),
            )
            for name in parts
        ]

    @property
    def is_bound(self) -> bool:
        return self.form.is_bound

    @property
    def errors(self) -> bool:
        return bool(self.form.errors) or any(
            part.formset.total_error_count() for part in self.parts
        )

    def is_valid(self) -> bool:
        results = [self.form.is_valid(), *(part.formset.is_valid() for part in self.parts)]
        return all(results)

    @property
    def version(self) -> str:
        return self.form.cleaned_data.get("version", "")

    @property
    def organisation(self) -> str:
        return self.form.cleaned_data.get("organisation", "")

    def every_form(self):
        """Each form on the page, management forms included, in page order."""
        yield self.form
        for part in self.parts:
            yield part.formset.management_form
            yield from part.formset.forms

    def rooms_to_delete(self) -> list[Room]:
        return [
            form.instance
            for part in self.parts
            if part.name == "rooms"
            for form in part.formset.deleted_forms
            if form.instance.pk
        ]

    def save(self) -> Venue:
        venue = self.form.save()
        for part in self.parts:
            part.formset.instance = venue
            part.formset.save()
        return venue

    def refuse(self, error: Exception) -> None:
        """Show why saving was refused after all (stewardship.Changed or RoomInUse)."""
        if isinstance(error, stewardship.RoomInUse):
            for part in self.parts:
                for form in part.formset.forms:
                    if part.name == "rooms" and form.instance.pk == error.room.pk:
                        form.add_error(None, error)
            return
        self.form.add_error(
            None,
            _(
                "Iemand anders heeft deze locatie net ook veranderd. Jouw wijzigingen zijn nog "
                "niet opgeslagen; ze staan hieronder. Sla opnieuw op om ze toch te bewaren."
            ),
        )
        # Saving again now knowingly replaces the other changes.
        self.form.data = self.form.data.copy()
        self.form.data["version"] = error.version


class ReviewForm(CleanText, forms.Form):
    """A facilitator's or professional's decision on a group's suggestion."""

    PUBLISH, REJECT = "publish", "reject"
    decision = forms.ChoiceField(choices=[(PUBLISH, _("Publiceren")), (REJECT, _("Afwijzen"))])
    reason = forms.CharField(
        label=_("Reden"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Nodig als je het voorstel afwijst. De indiener krijgt deze reden per mail."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.REJECT and not data.get("reason"):
            self.add_error("reason", _("Schrijf kort waarom, zodat de indiener het begrijpt."))
        return data
