import factory

from wijkkracht.accounts.models import RoleGrant, User
from wijkkracht.core.models import OutgoingMail
from wijkkracht.organisations.models import Invitation, Membership, Organisation
from wijkkracht.places.models import Area


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Sequence(lambda n: f"Person {n}")


class RoleGrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleGrant

    user = factory.SubFactory(UserFactory)
    role = RoleGrant.Role.FACILITATOR


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Vrouwengroep {n}")
    slug = factory.Sequence(lambda n: f"vrouwengroep-{n}")
    description_nl = "Wij organiseren koffieochtenden in de wijk."
    is_public = False


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.MEMBER


class InvitationFactory(factory.django.DjangoModelFactory):
    """A shared link (no address) to join as a member, made by nobody in particular."""

    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)


class AreaFactory(factory.django.DjangoModelFactory):
    """A wijk of its own; an area asked for by slug is the same row each time."""

    class Meta:
        model = Area
        django_get_or_create = ("slug",)

    kind = Area.Kind.WIJK
    name = factory.Sequence(lambda n: f"Lindenwijk {n}")
    slug = factory.Sequence(lambda n: f"lindenwijk-{n}")


class OutgoingMailFactory(factory.django.DjangoModelFactory):
    """A mail waiting in the outbox: not yet claimed, tried or sent."""

    class Meta:
        model = OutgoingMail

    subject = factory.Sequence(lambda n: f"Bericht {n}")
    body = "Hallo, dit is een bericht van Wijkkracht."
    recipients = factory.Sequence(lambda n: [f"buurtbewoner{n}@example.org"])
