from django.urls import path, re_path

from .views import library, workbook

app_name = "guides"
urlpatterns = [
    path("gidsen/", library.library, name="library"),
    path("gidsen/zoeken/", library.search, name="search"),
    path("gidsen/welke-past-bij-ons/", library.which_guide, name="which"),
    path("gidsen/<slug:slug>/", library.detail, name="detail"),
    path("gidsen/<slug:slug>/boekje.pdf", library.booklet_pdf, name="booklet"),
]

KEY = r"(?P<key>(note:)?[a-z][a-z0-9_]{0,59})"
WORKBOOK = r"^organisaties/(?P<org>[-a-zA-Z0-9_]+)/werkboeken/(?P<slug>[-a-z0-9]+)/"
urlpatterns += [
    path("gidsen/<slug:slug>/starten/", workbook.start, name="start"),
    re_path(
        r"^organisaties/(?P<org>[-a-zA-Z0-9_]+)/werkboeken/$",
        workbook.workbooks_of,
        name="workbooks",
    ),
    re_path(WORKBOOK + r"$", workbook.workbook, name="workbook"),
    re_path(WORKBOOK + r"werkboek\.pdf$", workbook.pdf, name="workbook_pdf"),
    re_path(WORKBOOK + r"nieuw-gezien/$", workbook.seen, name="seen"),
    re_path(WORKBOOK + r"opslaan/$", workbook.save_all, name="save_all"),
    re_path(WORKBOOK + r"antwoord/" + KEY + r"/$", workbook.answer, name="answer"),
    re_path(WORKBOOK + r"stap/(?P<key>[a-z][a-z0-9_]{0,59})/$", workbook.tick, name="tick"),
    re_path(WORKBOOK + r"geschiedenis/" + KEY + r"/$", workbook.history, name="history"),
    re_path(
        WORKBOOK + r"geschiedenis/" + KEY + r"/(?P<revision>[0-9]{1,9})/terugzetten/$",
        workbook.restore,
        name="restore",
    ),
]
