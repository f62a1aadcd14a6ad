"""Where organisations work: municipality → district (stadsdeel) → wijk → buurt."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Area(models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Gemeente")
        DISTRICT = "district", _("Stadsdeel")
        WIJK = "wijk", _("Wijk")
        BUURT = "buurt", _("Buurt")

    # The level each kind may hang under; a municipality has no parent.
    PARENT_KIND = {
        Kind.DISTRICT: Kind.MUNICIPALITY,
        Kind.WIJK: Kind.DISTRICT,
        Kind.BUURT: Kind.WIJK,
    }

    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(_("korte naam"), max_length=160, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("ligt in"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    # Left empty unless the CBS code is known for certain.
    cbs_code = models.CharField(_("CBS-code"), max_length=12, blank=True)

    class Meta:
        verbose_name = _("gebied")
        verbose_name_plural = _("gebieden")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cbs_code"], condition=~models.Q(cbs_code=""), name="unique_cbs_code"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The name with its place above, e.g. "Moerwijk (Escamp)"."""
        if self.parent_id and self.kind != self.Kind.DISTRICT:
            return f"{self.name} ({self.parent.name})"
        return self.name
