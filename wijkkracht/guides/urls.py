from django.urls import path, re_path

from . import views, workbook_views

app_name = "guides"
urlpatterns = [
    path("gidsen/", views.library, name="library"),
    path("gidsen/zoeken/", views.search, name="search"),
    path("gidsen/welke-past-bij-ons/", views.which_guide, name="which"),
    path("gidsen/<slug:slug>/", views.detail, name="detail"),
    path("gidsen/<slug:slug>/boekje.pdf", views.booklet_pdf, name="booklet"),
]

KEY = r"(?P<key>(note:)?[a-z][a-z0-9_]{0,59})"
WORKBOOK = r"^organisaties/(?P<org>[-a-zA-Z0-9_]+)/werkboeken/(?P<slug>[-a-z0-9]+)/"
urlpatterns += [
    path("gidsen/<slug:slug>/starten/", workbook_views.start, name="start"),
    re_path(
        r"^organisaties/(?P<org>[-a-zA-Z0-9_]+)/werkboeken/$",
        workbook_views.workbooks_of,
        name="workbooks",
    ),
    re_path(WORKBOOK + r"$", workbook_views.workbook, name="workbook"),
    re_path(WORKBOOK + r"werkboek\.pdf$", workbook_views.pdf, name="workbook_pdf"),
    re_path(WORKBOOK + r"nieuw-gezien/$", workbook_views.seen, name="seen"),
    re_path(WORKBOOK + r"opslaan/$", workbook_views.save_all, name="save_all"),
    re_path(WORKBOOK + r"antwoord/" + KEY + r"/$", workbook_views.answer, name="answer"),
    re_path(WORKBOOK + r"stap/(?P<key>[a-z][a-z0-9_]{0,59})/$", workbook_views.tick, name="tick"),
    re_path(WORKBOOK + r"geschiedenis/" + KEY + r"/$", workbook_views.history, name="history"),
    re_path(
        WORKBOOK + r"geschiedenis/" + KEY + r"/(?P<revision>[0-9]{1,9})/terugzetten/$",
        workbook_views.restore,
        name="restore",
    ),
]
