"""Rules of the practice library: the decision aid, who sees drafts, submitting and
publishing practices."""

from collections import Counter

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from wijkkracht.accounts.roles import is_facilitator
from wijkkracht.core.personal_data import plain

from .models import DecisionQuestion, Level, Practice


def level_for(answers: dict[str, str]) -> Level | None:
    """The participation level most answers point to; on a tie, the earlier question
    (whom you want to reach) decides."""
    chosen = []
    for question in DecisionQuestion.objects.prefetch_related("answers__level"):
        answer = next(
            (a for a in question.answers.all() if a.key == answers.get(question.key)), None
        )
        if answer is not None:
            chosen.append(answer.level)
    if not chosen:
        return None
    votes = Counter(level.pk for level in chosen)
    best = max(votes.values())
    return next(level for level in chosen if votes[level.pk] == best)


def visible_practices(user):
    """Published practices for everyone; drafts only for their author and reviewers."""
    if is_facilitator(user):
        return Practice.objects.all()
    if user.is_authenticated:
        return Practice.objects.filter(status=Practice.Status.PUBLISHED) | Practice.objects.filter(
            submitted_by=user
        )
    return Practice.objects.published()


def submit(user, practice: Practice, themes, methods) -> Practice:
    """A member's own practice, as a draft until a facilitator publishes it."""
    practice.status = Practice.Status.DRAFT
    practice.submitted_by = user
    practice.source = "Wijkkracht"
    for attempt in range(1, 50):
        number = Practice.objects.filter(code__startswith="W").count() + attempt
        practice.code, practice.slug = f"W{number}", f"w{number}-{slugify(practice.name)[:40]}"
        try:
            with transaction.atomic():
                practice.save()
                break
        except IntegrityError:
            practice.pk = None
    practice.themes.set(themes)
    practice.methods.set(methods)
    return practice


def publish(practice: Practice) -> Practice:
    practice.status = Practice.Status.PUBLISHED
    practice.save(update_fields=["status", "updated_at"])
    return practice


def export_for_user(user) -> dict:
    """The practices she sent in, for her data export."""
    return {
        "practices_submitted": plain(
            Practice.objects.filter(submitted_by=user), "name", "status", "municipality"
        )
    }
