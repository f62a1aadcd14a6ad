"""Schemathesis throws generated requests at every API operation: never a 500, always
the documented shape."""

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.config._checks import (
    NEGATIVE_DATA_REJECTION_EXPECTED_STATUSES,
    POSITIVE_DATA_ACCEPTANCE_EXPECTED_STATUSES,
)

from tests.factories import MembershipFactory, OrganisationFactory
from tests.venues.factories import make_room

# An address longer than the platform takes is refused with 414 before any operation
# (core.middleware), whether its data were valid or not; the generator makes such ones
# with long lists of filter values.
config = SchemathesisConfig.from_dict(
    {
        "checks": {
            "negative_data_rejection": {
                "expected-statuses": [*NEGATIVE_DATA_REJECTION_EXPECTED_STATUSES, "414"]
            },
            "positive_data_acceptance": {
                "expected-statuses": [*POSITIVE_DATA_ACCEPTANCE_EXPECTED_STATUSES, "414"]
            },
        }
    }
)
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json", get_wsgi_application(), config=config
)


@pytest.fixture
def some_data(db):
    call_command("load_guides")
    call_command("load_practices")
    call_command("load_demo_impact")
    make_room()
    OrganisationFactory(is_public=True, description_nl="Samen koken.")
    MembershipFactory(organisation__is_public=True)
    # The real WSGI handler closes the connection after each request, which would end
    # the test's transaction; Django's own test client keeps it open the same way.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_its_promises(case, some_data):
    case.call_and_validate()
