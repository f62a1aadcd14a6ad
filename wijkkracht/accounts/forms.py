from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from wijkkracht.core.forms import CHOOSE, CleanText

from . import services
from .models import User


def keep_signed_in_field() -> forms.BooleanField:
    """'Keep me signed in on this phone', on every step that signs her in. Unticked, her
    session ends when the browser closes (services.session_seconds)."""
    return forms.BooleanField(
        label=_("Ingelogd blijven op dit apparaat"),
        help_text=_("Alleen op je eigen telefoon of computer. Dan blijf je 60 dagen ingelogd."),
        required=False,
    )


class SignInLinkForm(CleanText, forms.Form):
    email = forms.EmailField(
        label=_("Je e-mailadres"),
        help_text=_("We sturen je een link. Daarmee log je in zonder wachtwoord."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


class CarriedForm(CleanText, forms.Form):
    """What the sign-in pages carry from one step to the next: the page to go to after
    signing in, and the token of the link she clicked. Nothing she types: an odd value is
    dropped (see carried), which gives the home page or the broken-link page."""

    next = forms.CharField(required=False, max_length=2000)
    # Her "keep me signed in" from the code form, carried on to the welcome step.
    keep = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[settings.SESAME_TOKEN_NAME] = forms.CharField(required=False, max_length=1000)

    def carried(self) -> tuple[str, str]:
        """(token, next), each "" when it was missing or odd."""
        self.is_valid()
        data = self.cleaned_data
        return data.get(settings.SESAME_TOKEN_NAME, ""), data.get("next", "")

    def keeps_signed_in(self) -> bool:
        self.is_valid()
        return bool(self.cleaned_data.get("keep"))


class KeepSignedInForm(CleanText, forms.Form):
    """The one choice on the page a sign-in link opens."""

    keep_signed_in = keep_signed_in_field()


class SignInCodeForm(CleanText, forms.Form):
    """The code from the sign-in mail, typed on the page where she asked for it."""

    code = forms.CharField(
        label=_("Code uit de mail"),
        help_text=_("6 cijfers"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "size": 8}
        ),
    )
    keep_signed_in = keep_signed_in_field()

    def clean_code(self) -> str:
        code = services.normalise_code(self.cleaned_data["code"])
        if len(code) != services.CODE_DIGITS:
            raise forms.ValidationError(_("Typ de 6 cijfers uit de mail."))
        return code

    def refuse(self) -> None:
        """One message for a wrong, used or expired code: a guess learns nothing."""
        self.add_error(
            "code",
            _(
                "Deze code klopt niet of werkt niet meer. "
                "Probeer het opnieuw of vraag een nieuwe link aan."
            ),
        )


class WelcomeForm(CleanText, forms.Form):
    name = forms.CharField(
        label=_("Je naam"),
        help_text=_("Zo zien anderen in je organisatie wie je bent. Mag ook alleen je voornaam."),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    keep_signed_in = keep_signed_in_field()


class PasswordSignInForm(CleanText, AuthenticationForm):
    username = forms.EmailField(
        label=_("Je e-mailadres"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    keep_signed_in = keep_signed_in_field()


class AccountForm(CleanText, forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "language"]
        help_texts = {"language": _("De taal van Wijkkracht en van de mails die je krijgt.")}


class DeleteAccountForm(CleanText, forms.Form):
    """Asks who takes over what she alone holds (every app's hand-overs), then to confirm."""

    confirm = forms.BooleanField(
        label=_("Ja, verwijder mijn account en mijn gegevens."), required=True
    )

    def __init__(self, *args, hand_overs: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.hand_overs = hand_overs
        for hand_over in hand_overs:
            if hand_over.choices:
                self.fields[hand_over.field] = forms.ChoiceField(
                    label=hand_over.label, choices=[("", CHOOSE), *hand_over.choices]
                )

    @property
    def notices(self) -> list[str]:
        """What goes with her because nobody can take it over."""
        return [h.notice for h in self.hand_overs if not h.choices and h.notice]

    def choices(self) -> dict[str, str]:
        return {h.field: self.cleaned_data.get(h.field, "") for h in self.hand_overs}


class AdminUserCreationForm(CleanText, forms.ModelForm):
    class Meta:
        model = User
        fields = ["email", "name"]

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


class AdminUserChangeForm(CleanText, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
