from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from wijkkracht.core.forms import CHOOSE, CleanText

from .models import User


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[settings.SESAME_TOKEN_NAME] = forms.CharField(required=False, max_length=1000)

    def carried(self) -> tuple[str, str]:
        """(token, next), each "" when it was missing or odd."""
        self.is_valid()
        data = self.cleaned_data
        return data.get(settings.SESAME_TOKEN_NAME, ""), data.get("next", "")


class WelcomeForm(CleanText, forms.Form):
    name = forms.CharField(
        label=_("Je naam"),
        help_text=_("Zo zien anderen in je organisatie wie je bent. Mag ook alleen je voornaam."),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )


class PasswordSignInForm(CleanText, AuthenticationForm):
    username = forms.EmailField(
        label=_("Je e-mailadres"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


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
