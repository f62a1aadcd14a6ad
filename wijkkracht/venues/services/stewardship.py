"""Looking after the venue directory: who may edit a venue, adding venues, and groups'
suggestions that a facilitator or professional publishes or rejects."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from wijkkracht.accounts.roles import is_reviewer
from wijkkracht.core.mail import send_after_commit
from wijkkracht.core.personal_data import plain
from wijkkracht.core.slugs import unique_slug

from ..models import Booking, Room, Venue

# Keys that would be hidden behind the directory's own pages (/locaties/nieuw/ …).
RESERVED_KEYS = {"nieuw", "voorstellen", "zoeken", "aanvragen", "kosten"}
PUBLISHED = gettext_lazy("Jullie voorstel %(name)s staat nu op Wijkkracht")
REJECTED = gettext_lazy("Jullie voorstel %(name)s komt niet op Wijkkracht")


def may_edit(user, venue: Venue) -> bool:
    """Her venue's managers; facilitators and professionals while it has no manager here."""
    if not user.is_authenticated:
        return False
    managers = venue.managers.all()
    if managers.filter(pk=user.pk).exists():
        return True
    return not managers.exists() and is_reviewer(user)


def visible_venues(user):
    """Published venues; a suggestion also for its group, its managers and the reviewers."""
    if not user.is_authenticated:
        return Venue.objects.filter(is_published=True)
    if is_reviewer(user):
        return Venue.objects.all()
    return Venue.objects.filter(
        Q(is_published=True)
        | Q(added_by=user)
        | Q(pk__in=user.managed_venues.values("pk"))
        | Q(suggested_by__in=user.organisations.values("pk"))
    )


def waiting_suggestions():
    return (
        Venue.objects.filter(is_published=False, suggested_by__isnull=False)
        .select_related("area__parent", "suggested_by", "added_by")
        .prefetch_related("rooms")
        .order_by("updated_at")
    )


def suggestions_of(user):
    """What her groups suggested, waiting or published (a rejected one is gone)."""
    return (
        Venue.objects.filter(suggested_by__in=user.organisations.values("pk"))
        .select_related("suggested_by")
        .order_by("is_published", "-updated_at")
    )


def unique_key(name: str) -> str:
    return unique_slug(
        name,
        Venue.objects.all(),
        field="key",
        max_length=70,
        fallback="locatie",
        reserved=RESERVED_KEYS,
    )


class RoomInUse(ValidationError):
    """A room that is still held by bookings to come cannot be deleted."""

    def __init__(self, room: Room, count: int):
        super().__init__(
            ngettext(
                "Deze zaal kan niet weg: er is nog %(count)d boeking of aanvraag voor later. "
                "Spreek eerst met de groep af wat er gebeurt.",
                "Deze zaal kan niet weg: er zijn nog %(count)d boekingen of aanvragen voor later. "
                "Spreek eerst met de groepen af wat er gebeurt.",
                count,
            )
            % {"count": count}
        )
        self.room = room


def check_room_free(room: Room) -> None:
    """Raises RoomInUse while requested or approved bookings of the room lie ahead."""
    count = room.bookings.filter(status__in=Booking.HOLDING, held_until__gt=timezone.now()).count()
    if count:
        raise RoomInUse(room, count)


class Changed(Exception):
    """Someone else saved the venue after the editor was opened."""

    def __init__(self, version: str):
        super().__init__("venue changed meanwhile")
        self.version = version


def version_of(venue: Venue) -> str:
    return venue.updated_at.isoformat() if venue.updated_at else ""


def save_venue(editor) -> Venue:
    """All or nothing: lock the venue, check nobody saved it meanwhile and that no room
    with bookings to come is deleted, then save the venue and every row.

    The editor is a validated forms.editor.VenueEditor. Raises Changed or RoomInUse.
    """
    venue = editor.venue
    with transaction.atomic():
        current = _lock(Venue.objects.filter(pk=venue.pk)).get()
        if editor.version and editor.version != version_of(current):
            raise Changed(version_of(current))
        doomed = [room.pk for room in editor.rooms_to_delete()]
        # Bookings lock the room row too (services._hold), so none slips in after the check.
        for room in _lock(Room.objects.filter(pk__in=doomed, venue=venue).order_by("pk")):
            check_room_free(room)
        editor.save()
    return venue


def _lock(queryset):
    """Row locks on PostgreSQL; SQLite's IMMEDIATE transaction already holds the database."""
    return queryset.select_for_update() if connection.vendor == "postgresql" else queryset


def add_venue(editor, user, organisation=None) -> Venue:
    """A new venue from a validated editor: published at once when a facilitator or
    professional adds it, unpublished and waiting for review when a group suggests it."""
    venue = editor.venue
    venue.added_by, venue.suggested_by = user, organisation
    venue.is_published = organisation is None
    for _attempt in range(5):  # two people adding a venue of the same name at once
        venue.key = unique_key(venue.name)
        try:
            with transaction.atomic():
                editor.save()
        except IntegrityError:
            if not Venue.objects.filter(key=venue.key).exists():
                raise
            venue.pk = None
            continue
        return venue
    raise ValidationError(_("Probeer het nog eens."))


def publish(venue: Venue, link: str = "") -> bool:
    """Put a waiting suggestion in the directory and tell the suggester. False if someone
    else already decided."""
    decided = Venue.objects.filter(pk=venue.pk, is_published=False).update(
        is_published=True, updated_at=timezone.now()
    )
    if decided:
        _tell_suggester(venue, "venues/email/suggestion_published.txt", PUBLISHED, link=link)
    return bool(decided)


def reject(venue: Venue, reason: str) -> bool:
    """Remove a waiting suggestion and tell the suggester why. False if already decided."""
    with transaction.atomic():
        deleted, _rows = Venue.objects.filter(pk=venue.pk, is_published=False).delete()
    if deleted:
        link = settings.SITE_URL + reverse("venues:suggest")
        _tell_suggester(
            venue, "venues/email/suggestion_rejected.txt", REJECTED, reason=reason, link=link
        )
    return bool(deleted)


def _tell_suggester(venue: Venue, template: str, subject, **context) -> None:
    """A mail in her own language: the (lazy) subject is translated inside it too."""
    person = venue.added_by
    if person is None or not person.email:
        return
    with translation.override(person.language or translation.get_language()):
        body = render_to_string(template, {"venue": venue, "person": person, **context})
        send_after_commit(str(subject) % {"name": venue.name}, body, [person.email])


def export_for_user(user) -> dict:
    """The venues she suggested or added and the ones she manages, for her data export."""
    return {
        "venues_suggested": plain(
            Venue.objects.filter(added_by=user), "name", "address", "is_published"
        ),
        "venues_managed": plain(user.managed_venues.all(), "name", "address"),
    }
