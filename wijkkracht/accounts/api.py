from ninja import Router, Schema
from ninja.security import django_auth

from wijkkracht.core.schemas import ErrorOut

router = Router(tags=["people"])


class MembershipOut(Schema):
    organisation: str
    slug: str
    role: str


class MeOut(Schema):
    email: str
    name: str
    language: str
    platform_roles: list[str]
    memberships: list[MembershipOut]


@router.get(
    "/me", response={200: MeOut, 401: ErrorOut}, auth=django_auth, summary="The signed-in person"
)
def me(request):
    user = request.auth
    return {
        "email": user.email,
        "name": user.name,
        "language": user.language,
        "platform_roles": [grant.role for grant in user.role_grants.all()],
        "memberships": [
            {"organisation": m.organisation.name, "slug": m.organisation.slug, "role": m.role}
            for m in user.memberships.select_related("organisation")
        ],
    }
