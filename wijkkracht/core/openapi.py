"""What every API operation can answer before its own code runs, in the OpenAPI document."""

ERROR = {
    "application/json": {
        "schema": {
            "type": "object",
            "properties": {"detail": {"type": "string"}},
            "required": ["detail"],
        }
    }
}
# core.middleware.RefuseOddRequests answers these for every path under /api/.
REQUEST_LIMITS = {
    "414": {"description": "The query string is too long", "content": ERROR},
    "422": {"description": "A NUL character in the address or a field", "content": ERROR},
}


def document_request_limits(api) -> None:
    """Adds the answers of RefuseOddRequests to each operation of `api` (a NinjaAPI)."""
    build = api.get_openapi_schema

    def get_openapi_schema(**kwargs):
        document = build(**kwargs)
        for operations in document["paths"].values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for status, answer in REQUEST_LIMITS.items():
                    responses.setdefault(status, answer)
        return document

    api.get_openapi_schema = get_openapi_schema
