"""Rules of the exchange: who may post, mark, report, hide, and make a draft guide."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wijkkracht.accounts.models import User
from wijkkracht.accounts.roles import is_facilitator
from wijkkracht.core.mail import send_after_commit
from wijkkracht.core.personal_data import plain
from wijkkracht.core.slugs import unique_slug
from wijkkracht.guides.models import Guide, GuideItem

from .models import Answer, Challenge, DigestSubscription, Report

DIGEST_EVERY = timedelta(hours=23)  # a daily run may start a little early


def visible_challenges(user):
    challenges = Challenge.objects.select_related("author", "organisation", "area")
    if is_facilitator(user):
        return challenges
    return challenges.filter(hidden_at__isnull=True) | challenges.filter(author=user)


def visible_answers(user, challenge: Challenge):
    answers = challenge.answers.select_related("author", "organisation")
    if is_facilitator(user):
        return answers
    return answers.filter(hidden_at__isnull=True) | answers.filter(author=user)


def mark_helpful(challenge: Challenge, answer: Answer, user, helpful: bool) -> None:
    """Only the one who asked marks answers as helpful."""
    if challenge.author_id != user.pk or answer.challenge_id != challenge.pk:
        raise PermissionError
    Answer.objects.filter(pk=answer.pk).update(helpful=helpful)


def report(
    user, reason: str, challenge: Challenge | None = None, answer: Answer | None = None
) -> Report:
    return Report.objects.create(reporter=user, reason=reason, challenge=challenge, answer=answer)


def hide(post: Challenge | Answer, facilitator, reason: str) -> None:
    type(post).objects.filter(pk=post.pk).update(
        hidden_at=timezone.now(), hidden_by=facilitator, hidden_reason=reason
    )
    post.reports.filter(handled_at__isnull=True).update(handled_at=timezone.now())


def unhide(post: Challenge | Answer) -> None:
    type(post).objects.filter(pk=post.pk).update(hidden_at=None, hidden_by=None, hidden_reason="")


def mark_for_guide(challenge: Challenge) -> None:
    Challenge.objects.filter(pk=challenge.pk).update(status=Challenge.Status.FOR_GUIDE)


@transaction.atomic
def create_draft_guide(challenge: Challenge, facilitator) -> Guide:
    """A draft guide from the challenge: its text becomes the guide's challenge, the
    answers that are not hidden its experiences (helpful ones first)."""
    if challenge.draft_guide_id:
        return challenge.draft_guide
    answers = sorted(
        challenge.answers.filter(hidden_at__isnull=True),
        key=lambda a: (not a.helpful, a.created_at),
    )
    groups = [challenge.organisation, *(a.organisation for a in answers)]
    authors = list(dict.fromkeys(g.name for g in groups if g))
    guide = _new_guide(challenge, authors)
    GuideItem.objects.bulk_create(
        GuideItem(guide=guide, kind=GuideItem.Kind.EXPERIENCE, position=n, text_nl=a.text)
        for n, a in enumerate(answers, start=1)
    )
    Challenge.objects.filter(pk=challenge.pk).update(
        draft_guide=guide, status=Challenge.Status.FOR_GUIDE
    )
    return guide


def _new_guide(challenge: Challenge, authors: list[str]) -> Guide:
    """Into the Dutch fields, whatever language the facilitator's screen is in: guides
    are written in Dutch first and translated after."""
    return Guide.objects.create(
        slug=unique_slug(
            challenge.title, Guide.objects.all(), max_length=70, fallback="stappenplan"
        ),
        status=Guide.Status.DRAFT,
        concept=True,
        last_reviewed=timezone.localdate(),
        authors="\n".join(authors),
        title_nl=challenge.title[:120],
        question_nl=challenge.title[:200],
        summary_nl=challenge.description[:300],
        challenge_nl=challenge.description,
        position=Guide.objects.count(),
    )


def add_answer(challenge: Challenge, author, text: str, organisation=None) -> Answer:
    """Her answer, and a mail to the one who asked (after commit, unless she said no)."""
    answer = Answer.objects.create(
        challenge=challenge, author=author, text=text, organisation=organisation
    )
    asker = challenge.author
    if asker and asker.is_active and asker.pk != author.pk and wants_answer_mail(asker):
        with translation.override(asker.language or translation.get_language()):
            body = render_to_string(
                "exchange/email/answered.txt",
                {"user": asker, "answer": answer, "site_url": settings.SITE_URL},
            )
            subject = _("Nieuw antwoord op je vraag: %(title)s") % {"title": challenge.title}
            send_after_commit(subject, body, [asker.email])
    return answer


def wants_answer_mail(user) -> bool:
    settings_row = DigestSubscription.objects.filter(user=user).first()
    return settings_row is None or settings_row.answer_mail


def set_answer_mail(user, on: bool) -> None:
    DigestSubscription.objects.get_or_create(user=user, defaults={"active": False})
    DigestSubscription.objects.filter(user=user).update(answer_mail=on)


def subscribe(user, active: bool) -> DigestSubscription:
    subscription, _created = DigestSubscription.objects.update_or_create(
        user=user, defaults={"active": active}
    )
    return subscription


def send_digests(now=None) -> int:
    """One mail per subscriber with new challenges and new answers to her own challenges,
    at most once a day and only when there is something new. Returns mails queued.

    Her day is claimed before her mail is queued, in one transaction (an update that
    changes one row only if no other run took her), so two runs at once never give her a
    second mail that day; the outbox then sends it and tries again if the server fails.
    """
    now = now or timezone.now()
    queued = 0
    due = DigestSubscription.objects.filter(
        Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - DIGEST_EVERY),
        active=True,
        user__is_active=True,
    ).select_related("user")
    for subscription in due:
        previous = subscription.last_sent_at
        with transaction.atomic():
            claimed = DigestSubscription.objects.filter(
                pk=subscription.pk, last_sent_at=previous
            ).update(last_sent_at=now)
            if claimed and _send_digest(
                subscription.user, previous or (now - timedelta(days=1)), now
            ):
                queued += 1
    return queued


def _send_digest(user: User, since, now) -> bool:
    challenges = Challenge.objects.filter(
        hidden_at__isnull=True, created_at__gt=since, created_at__lte=now
    ).exclude(author=user)
    answers = (
        Answer.objects.filter(
            hidden_at__isnull=True,
            created_at__gt=since,
            created_at__lte=now,
            challenge__author=user,
        )
        .exclude(author=user)
        .select_related("challenge")
    )
    if wants_answer_mail(user):
        answers = answers.none()  # she had each of them by mail the moment it came
    if not challenges and not answers:
        return False
    with translation.override(user.language or translation.get_language()):
        body = render_to_string(
            "exchange/email/digest.txt",
            {
                "user": user,
                "challenges": challenges,
                "answers": answers,
                "site_url": settings.SITE_URL,
            },
        )
        send_after_commit(_("Nieuw in de kennisuitwisseling"), body, [user.email])
    return True


def export_for_user(user) -> dict:
    """Her questions, answers and reports in the exchange, what she hid as a moderator,
    and her digest setting, for her data export."""
    subscription = DigestSubscription.objects.filter(user=user).first()
    post = ("created_at", "organisation__name", "hidden_at", "hidden_reason")
    return {
        "exchange_questions": plain(
            Challenge.objects.filter(author=user), "title", "description", "status", *post
        ),
        "exchange_answers": plain(
            Answer.objects.filter(author=user), "challenge__title", "text", "helpful", *post
        ),
        "exchange_reports": plain(
            Report.objects.filter(reporter=user),
            "challenge__title",
            "answer__text",
            "reason",
            "created_at",
            "handled_at",
        ),
        "exchange_hidden_by_her": plain(
            Challenge.objects.filter(hidden_by=user), "title", "hidden_at", "hidden_reason"
        )
        + plain(Answer.objects.filter(hidden_by=user), "text", "hidden_at", "hidden_reason"),
        "digest_subscription": (
            {
                "active": subscription.active,
                "answer_mail": subscription.answer_mail,
                "last_sent_at": subscription.last_sent_at.isoformat()
                if subscription.last_sent_at
                else None,
            }
            if subscription
            else None
        ),
    }


NEW_ANSWER_DAYS = 14


def new_answers_for(user) -> list[Answer]:
    """Answers by others to her questions in the last two weeks, newest first."""
    since = timezone.now() - timedelta(days=NEW_ANSWER_DAYS)
    return list(
        Answer.objects.filter(challenge__author=user, created_at__gte=since, hidden_at__isnull=True)
        .exclude(author=user)
        .select_related("challenge")
        .order_by("-created_at")[:50]
    )
