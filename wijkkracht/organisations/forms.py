from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wijkkracht.core.forms import CleanText
from wijkkracht.places.models import Area

from .models import Membership, Organisation
from .services import LINK_NOT_ADMIN

TRANSLATED = ["description", "target_groups", "activities"]
OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def area_choices() -> list:
    """Districts with their wijken, grouped, for a list of tick boxes."""
    areas = Area.objects.filter(kind__in=[Area.Kind.DISTRICT, Area.Kind.WIJK]).order_by("name")
    wijken: dict[int, list] = {}
    for area in areas:
        if area.kind == Area.Kind.WIJK:
            wijken.setdefault(area.parent_id, []).append((area.pk, area.name))
    return [
        (
            district.name,
            [(district.pk, _("Heel %(name)s") % {"name": district.name})]
            + wijken.get(district.pk, []),
        )
        for district in areas
        if district.kind == Area.Kind.DISTRICT
    ]


class OrganisationForm(CleanText, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "legal_form",
            "areas",
            "description_nl",
            "target_groups_nl",
            "activities_nl",
            "is_public",
        ] + [f"{field}_{code}" for code in OTHER_LANGUAGES for field in TRANSLATED]
        widgets = {"areas": forms.CheckboxSelectMultiple}
        labels = {
            "description_nl": _("Korte beschrijving"),
            "target_groups_nl": _("Voor wie zijn jullie er?"),
            "activities_nl": _("Wat doen jullie?"),
            "is_public": _("Laat ons profiel aan iedereen zien"),
        }
        help_texts = {
            "name": _("Zoals mensen in de wijk jullie kennen."),
            "areas": _("Kies een of meer wijken waar jullie actief zijn."),
            "description_nl": _("Twee of drie zinnen in het Nederlands."),
            "target_groups_nl": _("Bijvoorbeeld: moeders met jonge kinderen, oudere vrouwen."),
            "activities_nl": _("Bijvoorbeeld: taalcafé op dinsdag, naailes, uitjes."),
            "is_public": _("Anders ziet alleen jullie eigen groep dit profiel."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].choices = area_choices()
        self.fields["description_nl"].required = True
        names = dict(settings.LANGUAGES)
        for code in OTHER_LANGUAGES:
            for field in TRANSLATED:
                translated = self.fields[f"{field}_{code}"]
                translated.widget.attrs["rows"] = 3
                translated.label = f"{self.fields[f'{field}_nl'].label} ({names[code]})"
        for field in ["description_nl", "target_groups_nl", "activities_nl"]:
            self.fields[field].widget.attrs["rows"] = 4

    def translation_fields(self) -> list:
        """Per other language, its fields, for the optional translations part."""
        names = dict(settings.LANGUAGES)
        return [
            (code, names[code], [self[f"{field}_{code}"] for field in TRANSLATED])
            for code in OTHER_LANGUAGES
        ]


class InvitationForm(CleanText, forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres (niet verplicht)"),
        required=False,
        help_text=_("Leeg laten geeft een link die je zelf deelt, bijvoorbeeld in WhatsApp."),
    )
    role = forms.ChoiceField(
        label=_("Rol"),
        choices=Membership.Role.choices,
        initial=Membership.Role.MEMBER,
        help_text=_("Beheerder kan alleen met een e-mailadres."),
    )

    def clean(self):
        data = super().clean()
        if not data.get("email") and data.get("role") == Membership.Role.ADMIN:
            self.add_error("role", LINK_NOT_ADMIN)
        return data


class SuccessorForm(CleanText, forms.Form):
    """For the last admin who leaves: who takes over."""

    successor = forms.ModelChoiceField(
        label=_("Wie wordt de nieuwe beheerder?"), queryset=Membership.objects.none()
    )

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["successor"]
        field.queryset = membership.organisation.memberships.exclude(pk=membership.pk)
        field.queryset = field.queryset.select_related("user")
        field.label_from_instance = lambda m: m.user.display_name


class RoleForm(CleanText, forms.Form):
    role = forms.ChoiceField(
        label=_("Rol"),
        choices=Membership.Role.choices,
        error_messages={
            "invalid_choice": _("Kies een rol uit de lijst."),
            "required": _("Kies een rol uit de lijst."),
        },
    )


class PageForm(CleanText, forms.Form):
    """A page number of a list; anything odd shows the first page (Paginator.get_page)."""

    page = forms.IntegerField(required=False, min_value=1, max_value=10**9)
