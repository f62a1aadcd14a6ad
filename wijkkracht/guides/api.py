from typing import Annotated, Literal

from django.conf import settings
from django.http import Http404
from django.utils import translation
from ninja import Path as PathParam
from ninja import Query, Router, Schema

from wijkkracht.core.schemas import ErrorOut

from .services import library as services

router = Router(tags=["guides"])


class GuideSummaryOut(Schema):
    slug: str
    title: str
    question: str
    summary: str
    version: int
    concept: bool
    language: str
    url: str


class QuestionOut(Schema):
    key: str
    text: str
    profile_key: str
    added_in_version: int


class QuestionGroupOut(Schema):
    title: str
    questions: list[QuestionOut]


class StepOut(Schema):
    key: str
    number: int
    title: str
    text: str
    added_in_version: int


class GuideOut(GuideSummaryOut):
    status: str
    last_reviewed: str
    authors: list[str]
    translation_draft: bool
    situations: list[str]
    challenge: str
    experiences: list[str]
    help_question_groups: list[QuestionGroupOut]
    steps: list[StepOut]
    dos: list[str]
    donts: list[str]
    tips: list[str]


class LanguageIn(Schema):
    lang: Literal["nl", "en", "ar", "tr", "bg"] | None = None


def _language(request, lang: str | None) -> str:
    return lang or translation.get_language()


def _summary(request, guide, language: str) -> dict:
    has_text = bool(getattr(guide, f"title_{language}"))
    return {
        "slug": guide.slug,
        "title": guide.title,
        "question": guide.question,
        "summary": guide.summary,
        "version": guide.version,
        "concept": guide.concept,
        "language": language if has_text else settings.LANGUAGE_CODE,
        "url": request.build_absolute_uri(guide.get_absolute_url()),
    }


@router.get(
    "/guides",
    response={200: list[GuideSummaryOut], 422: ErrorOut},
    summary="The published guides (stappenplannen)",
)
def list_guides(request, filters: Query[LanguageIn]):
    language = _language(request, filters.lang)
    with translation.override(language):
        return [_summary(request, guide, language) for guide in services.library()]


@router.get(
    "/guides/{slug}",
    response={200: GuideOut, 404: ErrorOut, 422: ErrorOut},
    summary="One guide with all its parts",
    description="Texts in `lang` (nl, en, ar, tr, bg); parts not translated come in "
    "Dutch. Help questions and steps carry stable keys.",
)
def get_guide(
    request,
    slug: Annotated[str, PathParam(pattern=r"^[a-z0-9-]{1,80}$")],
    filters: Query[LanguageIn],
):
    language = _language(request, filters.lang)
    guide = services.guide_with_parts(slug).first()
    if guide is None:
        raise Http404
    with translation.override(language):
        parts = guide.parts()
        return {
            **_summary(request, guide, language),
            "status": guide.status,
            "last_reviewed": guide.last_reviewed.isoformat(),
            "authors": guide.author_list,
            "translation_draft": language in guide.draft_languages,
            "situations": [i.text for i in parts["situation"]],
            "challenge": guide.challenge,
            "experiences": [i.text for i in parts["experience"]],
            "help_question_groups": [
                {
                    "title": group.title,
                    "questions": [
                        {
                            "key": q.key,
                            "text": q.text,
                            "profile_key": q.profile_key,
                            "added_in_version": q.added_in_version,
                        }
                        for q in group.questions.all()
                    ],
                }
                for group in guide.question_groups.all()
            ],
            "steps": [
                {
                    "key": s.key,
                    "number": s.number,
                    "title": s.title,
                    "text": s.text,
                    "added_in_version": s.added_in_version,
                }
                for s in guide.steps.all()
            ],
            "dos": [i.text for i in parts["do"]],
            "donts": [i.text for i in parts["dont"]],
            "tips": [i.text for i in parts["tip"]],
        }
