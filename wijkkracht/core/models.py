"""What the platform itself keeps: the mail it still has to send (see outbox.py)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingMail(models.Model):
    """One mail, written in the same transaction as the change it tells about, and sent
    afterwards by a worker. Kept for 30 days after sending, then forgotten (outbox.prune)."""

    recipients = models.JSONField(_("aan"), default=list)
    subject = models.TextField(_("onderwerp"))
    body = models.TextField(_("tekst"))
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    # A worker that takes the mail holds it until then; after that another may.
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    next_try_at = models.DateTimeField(_("volgende poging"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verstuurd"), null=True, blank=True)
    failed_at = models.DateTimeField(_("opgegeven"), null=True, blank=True)
    last_error = models.TextField(_("laatste fout"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uitgaande mail")
        verbose_name_plural = _("uitgaande mail")
        indexes = [models.Index(fields=["sent_at", "failed_at"], name="mail_waiting")]

    def __str__(self) -> str:
        return self.subject
