"""Who may open a group's workbook: the one place the workbook pages ask."""

from django.core.cache import cache
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from wijkkracht.organisations.services import memberships_of

from .models import Workbook
from .services.library import published_guide
from .services.workbooks import workbook_cache_key

WORKBOOK_SECONDS = 300


def get_workbook_for_member(request: HttpRequest, org_slug: str, guide_slug: str) -> Workbook:
    """The workbook, for members of its organisation only: anyone else gets 404, whether
    or not it exists. Every member may work in it, so no role is checked.

    Membership comes from organisations.services.memberships_of, whose cache is dropped
    the moment a membership changes. The workbook row is cached under the ids of its
    organisation and guide, never their slugs: a slug freed by a deleted organisation is
    handed to the next one, an id never is.
    """
    if not request.user.is_authenticated:
        raise Http404
    organisation_id = next(
        (m.organisation_id for m in memberships_of(request.user) if m.slug == org_slug), None
    )
    if organisation_id is None:
        raise Http404
    rows = Workbook.objects.select_related("organisation", "guide")
    guide = published_guide(guide_slug)
    if guide is None:  # a guide no longer published: its workbook stays, uncached
        return get_object_or_404(rows, organisation_id=organisation_id, guide__slug=guide_slug)
    key = workbook_cache_key(organisation_id, guide.pk)
    workbook = cache.get(key)
    if workbook is None:
        workbook = get_object_or_404(rows, organisation_id=organisation_id, guide=guide)
        cache.set(key, workbook, WORKBOOK_SECONDS)
    workbook.guide = guide  # the guide as it is now, not as it was when cached
    return workbook
