from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render


def posted(request: HttpRequest) -> QueryDict | None:
    """Form data for a POST, even an empty one (which `request.POST or None` would drop)."""
    return request.POST if request.method == "POST" else None


def render_form(request: HttpRequest, template: str, context: dict, form) -> HttpResponse:
    """A page with a form; sent back with mistakes it answers 400, so clients and tests
    see that the input was refused (the messages stand next to the fields)."""
    status = 400 if form is not None and form.is_bound and form.errors else 200
    return render(request, template, context, status=status)
