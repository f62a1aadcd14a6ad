import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.views import LoginView
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit

from wijkkracht.core import personal_data
from wijkkracht.core.http import posted, render_form
from wijkkracht.core.languages import remember_language

from . import services
from .forms import (
    AccountForm,
    CarriedForm,
    DeleteAccountForm,
    KeepSignedInForm,
    PasswordSignInForm,
    SignInCodeForm,
    SignInLinkForm,
    WelcomeForm,
)
from .models import normalise_email

BROKEN_LINK = "accounts/link_broken.html"
# The address she asked a link and code for, on this browser: the code form types only
# the code, so a code works on the page where she asked and for that address alone.
CODE_EMAIL = "accounts:code-email"


def _safe_next(request, url: str | None) -> str:
    """Only ever send people on to a page of this site."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse(settings.LOGIN_REDIRECT_URL)


def _sign_in(request, user, keep_signed_in: bool) -> None:
    login(request, user, backend="wijkkracht.accounts.backends.CachedModelBackend")
    _keep_or_not(request, keep_signed_in)
    services.spend_codes(user.email)


def _keep_or_not(request, keep_signed_in: bool) -> None:
    request.session.pop(CODE_EMAIL, None)
    request.session.set_expiry(services.session_seconds(keep_signed_in))


def _too_many_link_requests(request, email: str) -> bool:
    per_address = is_ratelimited(
        request,
        group="sign-in-link-address",
        key=lambda group, r: normalise_email(email),
        rate="5/h",
        increment=True,
    )
    per_client = is_ratelimited(
        request, group="sign-in-link-client", key="ip", rate="20/h", increment=True
    )
    return per_address or per_client


def _too_many_code_tries(request, email: str) -> bool:
    """Counted before the code is checked: beside each code's own few tries, an hour's
    tries per address and per client stay far below what guessing 6 digits needs."""
    per_address = is_ratelimited(
        request,
        group="sign-in-code-address",
        key=lambda group, r: email,
        rate="10/h",
        increment=True,
    )
    per_client = is_ratelimited(
        request, group="sign-in-code-client", key="ip", rate="20/h", increment=True
    )
    return per_address or per_client


def _carried(request) -> tuple[str, str]:
    """The link's token and the page to go to next: from the form on a POST, else from
    the address."""
    return CarriedForm(request.POST if request.method == "POST" else request.GET).carried()


def sign_in(request):
    _token, next_url = _carried(request)
    if request.user.is_authenticated and request.method == "GET":
        return redirect(_safe_next(request, next_url))
    form = SignInLinkForm(posted(request))
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if _too_many_link_requests(request, email):
            return render(request, "accounts/too_many.html", status=429)
        site_url = request.build_absolute_uri("/").rstrip("/")
        services.send_sign_in_link(email, _safe_next(request, next_url), site_url)
        request.session[CODE_EMAIL] = normalise_email(email)
        context = {"email": email, "form": SignInCodeForm(), "next": next_url}
        return render(request, "accounts/link_sent.html", context)
    return render_form(request, "accounts/sign_in.html", {"form": form, "next": next_url}, form)


@require_POST
def code(request):
    """The code from the mail, typed on the page where she asked for it. The answers are
    the same for a known and a new address; a right code leads on as the link would."""
    _token, next_url = _carried(request)
    next_url = _safe_next(request, next_url)
    email = request.session.get(CODE_EMAIL, "")
    if not email:  # another browser, or her session ended: ask again
        return render(request, BROKEN_LINK, {"form": SignInLinkForm(), "code": True}, status=400)
    form = SignInCodeForm(request.POST)
    context = {"email": email, "form": form, "next": next_url}
    if form.is_valid():
        if _too_many_code_tries(request, email):
            return render(request, "accounts/too_many_codes.html", status=429)
        try:
            accepted = services.use_code(email, form.cleaned_data["code"], next_url)
        except services.CodeRefused:
            form.refuse()
            return render_form(request, "accounts/link_sent.html", context, form)
        keep = form.cleaned_data["keep_signed_in"]
        if accepted.user is None:
            return redirect(accepted.welcome_path + ("&keep=on" if keep else ""))
        _sign_in(request, accepted.user, keep)
        return remember_language(request, redirect(next_url), accepted.user.language)
    return render_form(request, "accounts/link_sent.html", context, form)


def link(request):
    """The page a sign-in link opens. Signing in takes a click, so mail scanners that
    open links do not use them up."""
    token, next_url = _carried(request)
    next_url = _safe_next(request, next_url)
    user = services.user_for_link(token, use=request.method == "POST")
    if user is None:
        return render(request, BROKEN_LINK, {"form": SignInLinkForm()}, status=400)
    form = KeepSignedInForm(posted(request))
    if request.method == "POST" and form.is_valid():
        _sign_in(request, user, form.cleaned_data["keep_signed_in"])
        return remember_language(request, redirect(next_url), user.language)
    context = {"token": token, "next": next_url, "person": user, "form": form}
    return render(request, "accounts/link.html", context)


def welcome(request):
    """The page a sign-up link opens: name (optional) and one button."""
    token, next_url = _carried(request)
    next_url = _safe_next(request, next_url)
    email = services.email_for_welcome(token)
    if email is None:
        return render(request, BROKEN_LINK, {"form": SignInLinkForm()}, status=400)
    keep = CarriedForm(request.GET).keeps_signed_in()  # ticked on the code form
    form = WelcomeForm(posted(request), initial={"keep_signed_in": keep})
    if request.method == "POST" and form.is_valid():
        language = translation.get_language() or ""
        user = services.create_account(email, form.cleaned_data["name"], language)
        if user is None:
            return render(request, BROKEN_LINK, {"form": SignInLinkForm()}, status=400)
        _sign_in(request, user, form.cleaned_data["keep_signed_in"])
        messages.success(request, _("Welkom bij Wijkkracht! Je account is klaar."))
        return redirect(next_url)
    context = {"form": form, "token": token, "next": next_url, "email": email}
    return render_form(request, "accounts/welcome.html", context, form)


@method_decorator(ratelimit(key="ip", rate="20/h", method="POST"), name="post")
@method_decorator(ratelimit(key="post:username", rate="10/h", method="POST"), name="post")
class PasswordSignInView(LoginView):
    template_name = "accounts/password_sign_in.html"
    authentication_form = PasswordSignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        _keep_or_not(self.request, form.cleaned_data["keep_signed_in"])
        return remember_language(self.request, response, form.get_user().language)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


@require_POST
def sign_out(request):
    logout(request)
    messages.success(request, _("Je bent uitgelogd."))
    return redirect("core:home")


@require_POST
@login_required
def sign_out_everywhere(request):
    services.sign_out_everywhere(request.user)
    logout(request)
    messages.success(request, _("Je bent nu overal uitgelogd, ook op andere apparaten."))
    return redirect("core:home")


@login_required
def account(request):
    form = AccountForm(posted(request), instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, _("Je gegevens zijn opgeslagen."))
        return remember_language(request, redirect("accounts:account"), user.language)
    context = {"form": form, "manages_venues": request.user.managed_venues.exists()}
    return render_form(request, "accounts/account.html", context, form)


@login_required
def password(request):
    form = SetPasswordForm(request.user, posted(request))
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        messages.success(request, _("Je wachtwoord is opgeslagen."))
        return redirect("accounts:account")
    return render_form(request, "accounts/password.html", {"form": form}, form)


@login_required
def export(request):
    data = services.export_personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="wijkkracht-mijn-gegevens.json"'
    return response


@login_required
def delete(request):
    hand_overs = personal_data.hand_overs_for(request.user)
    form = DeleteAccountForm(posted(request), hand_overs=hand_overs)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_account(request.user, form.choices())
        except personal_data.HandOverFailed as error:
            # Someone she chose left at that moment: choose again (nothing was deleted).
            messages.error(request, error.message)
            form = DeleteAccountForm(None, hand_overs=personal_data.hand_overs_for(request.user))
            return render(request, "accounts/delete.html", {"form": form}, status=409)
        logout(request)
        messages.success(request, _("Je account en je gegevens zijn verwijderd."))
        return redirect("core:home")
    return render_form(request, "accounts/delete.html", {"form": form}, form)
