from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

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
    response=list[OrganisationOut],
    summary="Public organisation profiles",
    description="Texts come in the language of the Accept-Language header, falling back to Dutch.",
)
@paginate(PageNumberPagination, page_size=50)
def list_organisations(request):
    return services.public_organisations()
