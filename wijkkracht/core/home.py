"""The home page's parts, registered by the apps that own them (in AppConfig.ready()), so
`core` shows what each app offers without importing it.

A section is a template with its own context, shown in order; returning None from its
context leaves it out for this request. A card is one line under "Wat je hier kunt doen".
Waiting items are what a signed-in person has to do now (requests to decide, reports to
handle, ...), each a sentence with the link to the page where she acts.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import models, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import get_language

TOOLS = 50  # sections ordered below this come before the cards, the rest after them


@dataclass(frozen=True)
class Section:
    name: str
    template: str
    context: Callable[[HttpRequest], dict | None]
    order: int


@dataclass(frozen=True)
class Card:
    name: str
    title: str
    text: str
    url_name: str
    order: int
    members_only: bool = False

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class Waiting:
    """What waits for her in one app: (text, url) pairs, none when nothing waits."""

    name: str
    items: Callable[[HttpRequest], list[tuple[str, str]]]
    order: int


_sections: dict[str, Section] = {}
_cards: dict[str, Card] = {}
_waiting: dict[str, Waiting] = {}


def section(name: str, template: str, context: Callable, *, order: int) -> None:
    _sections[name] = Section(name, template, context, order)


def card(
    name: str, title: str, text: str, url_name: str, *, order: int, members_only: bool = False
) -> None:
    _cards[name] = Card(name, title, text, url_name, order, members_only)


def waiting(name: str, items: Callable, *, order: int) -> None:
    _waiting[name] = Waiting(name, items, order)


WAITING_SECONDS = 60  # at most this old, also after a change no signal tells of


def _stamp_key(name: str) -> str:
    return f"core:home:waiting-stamp:{name}"


def changed(*names: str) -> None:
    """What waits may have changed for anyone in these apps (all apps when none named):
    the next home page asks them again. Apps call it from their signals."""
    keys = [_stamp_key(name) for name in (names or _waiting)]

    def renew() -> None:
        cache.set_many({key: uuid.uuid4().hex for key in keys}, None)

    # Now, and again once the change is committed: a home page read in between would
    # otherwise keep what it saw before the commit.
    renew()
    transaction.on_commit(renew)


def waiting_for(request: HttpRequest) -> list[tuple[str, str]]:
    """Everything that waits for a signed-in person, from every app, in order.

    The home page is the page everyone opens: each app's items are kept in the cache
    for her, under the app's stamp (changed() renews it) and for a minute at most.
    """
    if not request.user.is_authenticated:
        return []
    parts = sorted(_waiting.values(), key=lambda w: w.order)
    stamps = cache.get_many([_stamp_key(part.name) for part in parts])
    language, user_id = get_language(), request.user.pk
    keys = {
        part.name: f"core:home:waiting:{part.name}:{stamps.get(_stamp_key(part.name), '')}:"
        f"{language}:{user_id}"
        for part in parts
    }
    kept = cache.get_many(list(keys.values()))
    found, fresh = [], {}
    for part in parts:
        items = kept.get(keys[part.name])
        if items is None:
            items = fresh[keys[part.name]] = [(str(text), url) for text, url in part.items(request)]
        found += items
    if fresh:
        cache.set_many(fresh, WAITING_SECONDS)
    return found


def sections_for(request: HttpRequest) -> tuple[list[dict], list[dict]]:
    """The sections to show before and after the cards, each as its template and context."""
    before, after = [], []
    for part in sorted(_sections.values(), key=lambda s: s.order):
        context = part.context(request)
        if context is not None:
            shown = {"template": part.template, "context": context}
            (before if part.order < TOOLS else after).append(shown)
    return before, after


def cards_for(signed_in: bool) -> list[Card]:
    chosen = [c for c in _cards.values() if signed_in or not c.members_only]
    return sorted(chosen, key=lambda c: c.order)


def telling(app: str) -> type[models.QuerySet]:
    """A queryset whose writes that send no signal (update, bulk_create, bulk_update) still
    tell the home page that what waits in `app` may have changed."""

    class Telling(models.QuerySet):
        def update(self, **kwargs) -> int:
            count = super().update(**kwargs)
            if count:
                changed(app)
            return count

        def bulk_create(self, objs, *args, **kwargs):
            changed(app)
            return super().bulk_create(objs, *args, **kwargs)

        def bulk_update(self, objs, *args, **kwargs):
            changed(app)
            return super().bulk_update(objs, *args, **kwargs)

    return Telling
