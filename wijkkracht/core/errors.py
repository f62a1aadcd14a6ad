"""Domain errors: what a service raises when a rule says no, without knowing about HTTP.
core.middleware.DomainErrors turns them into the error page (or JSON under /api/)."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    status = 400
    default = _("Dit verzoek klopt niet.")

    def __init__(self, message: str = ""):
        super().__init__(message or str(self.default))
        self.message = message or str(self.default)


class NotFound(DomainError):
    """Nothing there, or nothing she may see: both look the same, so nothing leaks."""

    status = 404
    default = _("Deze pagina bestaat niet (meer).")


class Conflict(DomainError):
    """Someone else changed it first."""

    status = 409
