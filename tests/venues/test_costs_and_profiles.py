"""The cost overview (page and PDF) and a group's saved search profile."""

import io
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from tests.factories import MembershipFactory, OrganisationFactory
from tests.venues.factories import make_room
from wijkkracht.venues.costs import CostOverview
from wijkkracht.venues.models import SearchProfile

pytestmark = pytest.mark.django_db


def test_costs_per_month_and_per_year_by_hand():
    overview = CostOverview(
        rent_per_session=Decimal("40"),
        sessions_per_month=Decimal("4.33"),
        insurance_per_year=Decimal("240"),
        energy_per_month=Decimal("25"),
        one_off=Decimal("600"),
    )
    # Rent 173.20 a month; insurance 20; energy 25; one-off 600 a year = 50 a month.
    assert overview.rent == Decimal("173.20")
    assert overview.per_year == Decimal("173.20") * 12 + 240 + 25 * 12 + 600
    assert overview.per_month == Decimal("268.20")


def test_the_cost_page_and_its_pdf_hold_the_same_figures(client):
    query = {
        "title": "Buurthuis De Regenboog",
        "rent_per_month": "346,40",
        "insurance_per_year": "120",
        "energy_per_month": "30",
        "one_off": "1200",
    }
    page = client.get(reverse("venues:costs"), query)
    assert page.status_code == 200
    text = page.content.decode()
    # 346.40 + 10 + 30 + 100 = 486.40 a month; 5,836.80 a year.
    assert "€ 486,40" in text and "€ 5.836,80" in text
    pdf = client.get(reverse("venues:costs_pdf"), query)
    assert pdf["Content-Type"] == "application/pdf"
    words = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "486,40" in words and "5.836,80" in words and "Buurthuis De Regenboog" in words


def test_a_search_result_leads_to_a_filled_in_cost_overview(client):
    make_room(price_hour=Decimal("20"), facilities=["kitchen"])
    query = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        "form-0-people": "10",
        "form-0-per_month": "4.33",
    }
    page = client.get(reverse("venues:search"), query).content.decode()
    link = page[page.index(reverse("venues:costs")) :].split('"')[0].replace("&amp;", "&")
    overview = client.get(link)
    assert overview.status_code == 200
    # Two hours at € 20, every week: 4.33 × 40.
    assert overview.context["overview"].rent == Decimal("173.20")


@settings(max_examples=30, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "rent_per_session",
                "sessions_per_month",
                "rent_per_month",
                "insurance_per_year",
                "one_off",
            ]
        ),
        st.text(max_size=12),
    )
)
def test_any_cost_input_gets_a_page_or_a_clear_refusal(values):
    client = Client()
    for path in ("venues:costs", "venues:costs_pdf"):
        response = client.get(reverse(path), values)
        assert response.status_code in (200, 400)


def _search(people="12"):
    return {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        "form-0-people": people,
        "form-0-per_month": "4.33",
        "form-0-equipment": "kitchen",
        "budget": "300",
        "csrfmiddlewaretoken": "ignored-and-dropped",
    }


def test_a_saved_profile_is_where_everyone_in_the_group_starts(client, organisation, member, admin):
    make_room(price_hour=Decimal("20"), facilities=["kitchen"])
    client.force_login(member)
    data = _search()
    response = client.post(
        reverse("venues:save_profile"),
        {"organisation": organisation.slug, "query": urlencode(data, doseq=True)},
    )
    assert response.status_code == 302
    saved = SearchProfile.objects.get(organisation=organisation)
    assert "csrfmiddlewaretoken" not in saved.query and saved.updated_by == member
    client.force_login(admin)  # another member of the same group
    page = client.get(reverse("venues:search"))
    assert page.context["saved"] == saved
    assert page.context["activities"].forms[0]["people"].value() == "12"
    assert page.context["result"].matches
    fresh = client.get(reverse("venues:search"), {"new": "1"})
    assert fresh.context["saved"] is None and fresh.context["result"] is None


def test_a_profile_is_saved_only_for_her_own_group_and_only_when_valid(
    client, organisation, member
):
    client.force_login(member)
    other = OrganisationFactory()
    good = urlencode(_search(), doseq=True)
    response = client.post(
        reverse("venues:save_profile"), {"organisation": other.slug, "query": good}
    )
    assert response.status_code == 404
    bad = urlencode({"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-0-people": "veel"})
    response = client.post(
        reverse("venues:save_profile"), {"organisation": organisation.slug, "query": bad}
    )
    assert response.status_code == 400
    assert not SearchProfile.objects.exists()


def test_a_member_of_two_groups_chooses_which_one_saves(client, organisation, member):
    second = OrganisationFactory(name="Tweede groep")
    MembershipFactory(organisation=second, user=member)
    client.force_login(member)
    page = client.get(reverse("venues:search"), _search())
    assert (
        'name="organisation"' in page.content.decode() and "Tweede groep" in page.content.decode()
    )
