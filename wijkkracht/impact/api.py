from django.db.models import Q
from django.http import Http404
from ninja import Field, Path, Router, Schema
from ninja.pagination import paginate

from wijkkracht.core.pagination import Pages
from wijkkracht.core.schemas import ErrorOut

from . import results, tallies
from .models import Questionnaire

router = Router(tags=["questionnaires"])


class QuestionnaireOut(Schema):
    id: int
    title: str
    organisation: str = Field(alias="organisation.name")
    organisation_slug: str = Field(alias="organisation.slug")
    results_public: bool


class QuestionResultOut(Schema):
    key: str
    text: str
    kind: str
    answers: int = Field(description="answers given, 'weet niet' included")
    counts: dict[str, int] = Field(
        description="per answer: '1'…'5' and 'dk' for statements; empty when hidden"
    )
    dont_know: int
    share_agreeing: int | None = Field(
        description="(4 + 5) ÷ answers other than 'dk', as a whole percent; null when hidden"
    )
    hidden: bool = Field(
        description="fewer than 5 opinions ('dk' does not count): the figures are not shown"
    )


class ResultsOut(Schema):
    id: int
    title: str
    organisation: str
    responses: int
    questions: list[QuestionResultOut]


def visible_questionnaires(user):
    """Published results for everyone; all of her own groups' questionnaires for members."""
    mine = Q(organisation__memberships__user=user) if user.is_authenticated else Q(pk__in=[])
    return (
        Questionnaire.objects.filter(Q(results_public=True) | mine)
        .select_related("organisation")
        .distinct()
        .order_by("pk")
    )


@router.get(
    "/questionnaires",
    response={200: list[QuestionnaireOut], 422: ErrorOut},
    summary="Questionnaires you may see: your groups' and those with public results",
)
@paginate(Pages)
def list_questionnaires(request):
    return visible_questionnaires(request.user)


@router.get(
    "/questionnaires/{questionnaire_id}/results",
    response={200: ResultsOut, 404: ErrorOut, 422: ErrorOut},
    summary="Per question: answers, counts per answer and the share agreeing",
)
def questionnaire_results(request, questionnaire_id: int = Path(..., ge=1, le=2**31 - 1)):
    questionnaire = visible_questionnaires(request.user).filter(pk=questionnaire_id).first()
    if questionnaire is None:
        raise Http404
    rows = [
        row for row in results.results(questionnaire, shown=0) if row.question.kind != "open"
    ]  # open answers may identify people
    return {
        "id": questionnaire.pk,
        "title": questionnaire.title,
        "organisation": questionnaire.organisation.name,
        "responses": tallies.responses(questionnaire),
        "questions": [
            {
                "key": row.question.key,
                "text": row.question.text,
                "kind": row.question.kind,
                "answers": row.answers,
                "counts": {} if row.hidden else row.counts,
                "dont_know": 0 if row.hidden else row.dont_know,
                "share_agreeing": None if row.hidden else row.share_agreeing,
                "hidden": row.hidden,
            }
            for row in rows
        ],
    }
