from ninja import Router, Schema
from ninja.pagination import paginate

from wijkkracht.core.pagination import Pages
from wijkkracht.core.schemas import ErrorOut

from . import services

router = Router(tags=["organisations"])


class AreaOut(Schema):
    name: str
    kind: str
    cbs_code: str


class OrganisationOut(Schema):
    slug: str
    name: str
    legal_form: str
    description: str
    target_groups: str
    activities: str
    areas: list[AreaOut]


@router.get(
    "/organisations",
    response={200: list[OrganisationOut], 422: ErrorOut},
    summary="Public organisation profiles",
    description="Texts come in the language of the Accept-Language header, falling back to Dutch.",
)
@paginate(Pages)
def list_organisations(request):
    return services.public_organisations()
