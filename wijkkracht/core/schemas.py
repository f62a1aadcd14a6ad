from ninja import Schema


class ErrorOut(Schema):
    """Every API error: a message in the caller's language, and details where useful."""

    detail: str
    errors: list | None = None
