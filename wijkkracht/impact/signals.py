"""Keeps the answer tally right when a question changes under existing responses: a
question whose key or kind changes, or one that is added or removed, is counted anew."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from . import tallies
from .models import Question, Response


@receiver(pre_save, sender=Question)
def _note_change(sender, instance: Question, raw=False, **kwargs) -> None:
    stored = (
        Question.objects.filter(pk=instance.pk).values_list("key", "kind").first()
        if instance.pk
        else None
    )
    instance._tally_stale = stored != (instance.key, instance.kind)


@receiver(post_save, sender=Question)
def _question_saved(sender, instance: Question, **kwargs) -> None:
    if getattr(instance, "_tally_stale", False):
        _recount_after_commit(instance.questionnaire_id)


@receiver(post_delete, sender=Question)
def _question_deleted(sender, instance: Question, **kwargs) -> None:
    _recount_after_commit(instance.questionnaire_id)


def _recount_after_commit(questionnaire_id: int) -> None:
    # After commit: inside a cascade the questionnaire itself may be about to go.
    if Response.objects.filter(questionnaire_id=questionnaire_id).exists():
        transaction.on_commit(lambda: tallies.recount_by_id(questionnaire_id))
