"""Venues, their rooms and opening hours, and bookings that never overlap."""

import calendar
import secrets
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkracht.core import home


class Venue(models.Model):
    class Kind(models.TextChoices):
        COMMUNITY_CENTRE = "community_centre", _("Buurthuis of wijkcentrum")
        NEIGHBOURHOOD_ROOM = "neighbourhood_room", _("Buurtkamer")
        SCHOOL = "school", _("School")
        LIBRARY = "library", _("Bibliotheek")
        CHURCH = "church", _("Kerk")
        MOSQUE = "mosque", _("Moskee")
        SPORTS_HALL = "sports_hall", _("Sporthal")
        COMMERCIAL = "commercial", _("Commerciële verhuurder")
        OTHER = "other", _("Anders")

    key = models.SlugField(_("vaste sleutel"), max_length=80, unique=True)
    name = models.CharField(_("naam"), max_length=150)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    managed_by = models.CharField(_("beheerd door"), max_length=150, blank=True)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="managed_venues",
        verbose_name=_("beheerders op Wijkkracht"),
    )
    address = models.CharField(_("adres"), max_length=150)
    postcode = models.CharField(_("postcode"), max_length=10)
    area = models.ForeignKey(
        "places.Area", on_delete=models.PROTECT, related_name="venues", verbose_name=_("wijk")
    )
    latitude = models.DecimalField(
        _("breedtegraad"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("lengtegraad"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    # A form or a role address; never a person's own details.
    contact_email = models.EmailField(_("e-mailadres voor verhuur"), blank=True)
    contact_url = models.URLField(_("formulier voor verhuur"), blank=True)
    cooking = models.BooleanField(_("koken mag"), default=False)
    music = models.BooleanField(_("muziek en geluid mogen"), default=False)
    religious_activities = models.BooleanField(_("religieuze activiteiten mogen"), default=False)
    children_welcome = models.BooleanField(_("kinderen welkom"), default=True)
    alcohol = models.BooleanField(_("alcohol mag"), default=False)
    own_key = models.BooleanField(_("eigen sleutel mogelijk"), default=False)
    cleaning_by_users = models.BooleanField(_("zelf schoonmaken"), default=False)
    house_rules_text = models.TextField(_("huisregels"), blank=True)
    public_transport = models.CharField(_("openbaar vervoer"), max_length=200, blank=True)
    car_parking = models.BooleanField(_("parkeren voor auto's"), default=False)
    bike_parking = models.BooleanField(_("fietsenstalling"), default=False)
    step_free = models.BooleanField(_("ingang zonder drempel of trap"), default=False)
    lift = models.BooleanField(_("lift"), default=False)
    accessible_toilet = models.BooleanField(_("toegankelijk toilet"), default=False)
    hearing_loop = models.BooleanField(_("ringleiding"), default=False)
    accessibility_text = models.TextField(_("toegankelijkheid"), blank=True)
    is_demo = models.BooleanField(_("demo"), default=False, editable=False)
    is_published = models.BooleanField(_("gepubliceerd"), default=True)
    # A group's suggestion waits, unpublished, until a facilitator or professional checks it.
    suggested_by = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggested_venues",
        verbose_name=_("voorgesteld door"),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("toegevoegd door"),
    )
    updated_at = models.DateTimeField(_("laatst bijgewerkt"), auto_now=True)

    objects = home.telling("venues").as_manager()  # suggestions wait for reviewers

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("venues:detail", args=[self.key])

    HOUSE_RULES = [
        "cooking",
        "music",
        "religious_activities",
        "children_welcome",
        "alcohol",
        "own_key",
        "cleaning_by_users",
    ]
    ACCESSIBILITY = ["step_free", "lift", "accessible_toilet", "hearing_loop"]

    def flags(self, names: list[str]) -> list[tuple[str, bool]]:
        return [(self._meta.get_field(name).verbose_name, getattr(self, name)) for name in names]


class OpeningHours(models.Model):
    class Day(models.IntegerChoices):
        MONDAY = 0, _("maandag")
        TUESDAY = 1, _("dinsdag")
        WEDNESDAY = 2, _("woensdag")
        THURSDAY = 3, _("donderdag")
        FRIDAY = 4, _("vrijdag")
        SATURDAY = 5, _("zaterdag")
        SUNDAY = 6, _("zondag")

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="opening_hours")
    day = models.PositiveSmallIntegerField(_("dag"), choices=Day.choices)
    opens = models.TimeField(_("open vanaf"))
    closes = models.TimeField(_("open tot"))

    class Meta:
        ordering = ["day", "opens"]
        verbose_name = _("openingstijd")
        verbose_name_plural = _("openingstijden")

    def __str__(self) -> str:
        return f"{self.get_day_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Closure(models.Model):
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="closures")
    start = models.DateField(_("van"))
    end = models.DateField(_("tot en met"))
    reason = models.CharField(_("reden"), max_length=150, blank=True)

    class Meta:
        ordering = ["start"]
        verbose_name = _("sluiting")
        verbose_name_plural = _("sluitingen")

    def __str__(self) -> str:
        return f"{self.venue}: {self.start} – {self.end}"


class Room(models.Model):
    FACILITIES = {
        "projector": _("beamer"),
        "flipover": _("flip-over"),
        "sound_system": _("geluidsinstallatie"),
        "kitchen": _("keuken"),
        "wifi": _("wifi"),
        "childrens_corner": _("kinderhoek"),
        "storage": _("opslagruimte"),
    }

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("naam"), max_length=100)
    capacity_seated = models.PositiveIntegerField(_("zitplaatsen"))
    size_m2 = models.PositiveIntegerField(_("grootte in m²"), null=True, blank=True)
    facilities = models.JSONField(_("voorzieningen"), default=list, blank=True)
    price_hour = models.DecimalField(
        _("prijs per uur"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    price_daypart = models.DecimalField(
        _("prijs per dagdeel"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    price_month = models.DecimalField(
        _("prijs per maand"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    social_discount_percent = models.PositiveSmallIntegerField(
        _("korting voor organisaties zonder winstoogmerk (%)"), default=0
    )
    one_off_costs = models.DecimalField(
        _("eenmalige kosten"), max_digits=8, decimal_places=2, default=Decimal("0")
    )
    buffer_minutes = models.PositiveSmallIntegerField(
        _("tijd tussen boekingen (minuten)"),
        default=0,
        help_text=_("Voor klaarzetten en schoonmaken."),
    )

    class Meta:
        ordering = ["venue", "-capacity_seated"]
        verbose_name = _("zaal")
        verbose_name_plural = _("zalen")

    def __str__(self) -> str:
        return f"{self.name} ({self.venue})"

    def facility_labels(self) -> list[str]:
        return [str(self.FACILITIES[f]) for f in self.facilities if f in self.FACILITIES]

    @property
    def buffer(self) -> timedelta:
        return timedelta(minutes=self.buffer_minutes)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The nth (1-4) weekday of a month, such as the first Tuesday; nth -1 is the last."""
    if nth == -1:
        last = date(year, month, calendar.monthrange(year, month)[1])
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7, weeks=nth - 1)


def week_of_month(day: date) -> int:
    """Which of its weekday in the month the day is: 1 to 4, or -1 for a fifth one, which
    most months do not have, so it is read as the last one."""
    nth = (day.day - 1) // 7 + 1
    return -1 if nth == 5 else nth


class BookingSeries(models.Model):
    """The same slot every week or every month from a first to a last date; each date is
    a Booking of its own, so one date can be cancelled without touching the others."""

    class Repeat(models.TextChoices):
        WEEKLY = "weekly", _("Elke week")
        MONTHLY = "monthly", _("Eens per maand")

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="series")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="booking_series"
    )
    first_date = models.DateField(_("eerste datum"))
    last_date = models.DateField(_("laatste datum"))
    repeat = models.CharField(
        _("hoe vaak"), max_length=10, choices=Repeat.choices, default=Repeat.WEEKLY
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reeks boekingen")
        verbose_name_plural = _("reeksen boekingen")

    def __str__(self) -> str:
        return f"{self.room}: {self.first_date} – {self.last_date}"

    @staticmethod
    def dates(first: date, last: date, repeat: str, limit: int = 60) -> list[date]:
        """The dates from first to last (both included), at most `limit` of them.

        Monthly is the same weekday of the month as the first date ("the first Tuesday",
        "the last Friday"), not the same day number: a group that meets once a month
        meets on an evening of the week its people keep free, and a venue opens by
        weekday, while the 14th would fall on a Saturday now and then."""
        if repeat != BookingSeries.Repeat.MONTHLY:
            count = min((last - first).days // 7 + 1, limit)
            return [first + timedelta(weeks=n) for n in range(count)]
        nth, found = week_of_month(first), []
        year, month = first.year, first.month
        while len(found) < limit:
            day = nth_weekday(year, month, first.weekday(), nth)
            if day > last:
                break
            found.append(day)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return found


class Booking(models.Model):
    """A room for an organisation from start to end. Requested and approved bookings hold
    the room (plus its buffer); the database refuses two that overlap."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Aangevraagd")
        APPROVED = "approved", _("Goedgekeurd")
        DECLINED = "declined", _("Afgewezen")
        CANCELLED = "cancelled", _("Geannuleerd")

    HOLDING = (Status.REQUESTED, Status.APPROVED)

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="bookings")
    series = models.ForeignKey(
        BookingSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="bookings"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="bookings"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    start = models.DateTimeField(_("begin"))
    end = models.DateTimeField(_("einde"))
    # End plus the room's buffer: the time the room is held.
    held_until = models.DateTimeField()
    purpose = models.CharField(_("activiteit"), max_length=200)
    people_expected = models.PositiveIntegerField(_("aantal mensen"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(_("reden"), max_length=300, blank=True)

    objects = home.telling("venues").as_manager()  # requests wait for their managers

    class Meta:
        ordering = ["start"]
        verbose_name = _("boeking")
        verbose_name_plural = _("boekingen")
        indexes = [models.Index(fields=["room", "start"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="booking_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.room}: {self.start:%Y-%m-%d %H:%M}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """An iCalendar address for a group's or a room's bookings. The token is the only key,
    so it is long and random; renewing it makes the old address stop working."""

    organisation = models.OneToOneField(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_feed",
    )
    room = models.OneToOneField(
        Room, on_delete=models.CASCADE, null=True, blank=True, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("agenda-adres")
        verbose_name_plural = _("agenda-adressen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False, room__isnull=True)
                | models.Q(organisation__isnull=True, room__isnull=False),
                name="feed_for_one_thing",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation or self.room)

    def get_absolute_url(self) -> str:
        return reverse("venues:feed", args=[self.token])


class RoomAgreement(models.Model):
    """What a group that uses a shared room has agreed: who opens and closes, who cleans,
    where things are kept and whom to call. Seen by the room's other users and managers."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="agreements")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="room_agreements"
    )
    opens_and_closes = models.CharField(_("wie opent en sluit"), max_length=300, blank=True)
    cleaning = models.CharField(_("wie maakt schoon"), max_length=300, blank=True)
    storage = models.CharField(_("waar staan onze spullen"), max_length=300, blank=True)
    contact = models.CharField(
        _("wie bel je bij vragen"),
        max_length=300,
        blank=True,
        help_text=_("Een rol of een vast nummer van de groep."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("afspraak over een zaal")
        verbose_name_plural = _("afspraken over zalen")
        constraints = [
            models.UniqueConstraint(
                fields=["room", "organisation"], name="one_agreement_per_group_and_room"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.room}"


class SearchProfile(models.Model):
    """An organisation's saved search profile: the search form's answers, as sent."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="venue_search_profile"
    )
    query = models.TextField()  # the URL-encoded search form
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("zoekprofiel")
        verbose_name_plural = _("zoekprofielen")

    def __str__(self) -> str:
        return str(self.organisation)
