from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.sign_in, name="login"),
    path("inloggen/link/", views.link, name="link"),
    path("inloggen/code/", views.code, name="code"),
    path("inloggen/welkom/", views.welcome, name="welcome"),
    path("inloggen/wachtwoord/", views.PasswordSignInView.as_view(), name="password_login"),
    path("uitloggen/", views.sign_out, name="logout"),
    path("uitloggen/overal/", views.sign_out_everywhere, name="logout_everywhere"),
    path("account/", views.account, name="account"),
    path("account/wachtwoord/", views.password, name="password"),
    path("account/mijn-gegevens.json", views.export, name="export"),
    path("account/verwijderen/", views.delete, name="delete"),
]
