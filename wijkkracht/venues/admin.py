from django.contrib import admin

from wijkkracht.core.forms import AdminForm

from .models import Booking, Closure, OpeningHours, Room, Venue


class RoomInline(admin.StackedInline):
    model = Room
    form = AdminForm
    extra = 0


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    form = AdminForm
    extra = 0


class ClosureInline(admin.TabularInline):
    model = Closure
    form = AdminForm
    extra = 0


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    form = AdminForm
    list_display = ["name", "kind", "area", "is_published", "is_demo"]
    list_filter = ["kind", "is_published", "is_demo", "step_free"]
    search_fields = ["name", "address", "postcode"]
    filter_horizontal = ["managers"]
    inlines = [RoomInline, OpeningHoursInline, ClosureInline]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    form = AdminForm
    list_display = ["room", "organisation", "start", "end", "status"]
    list_filter = ["status"]
    raw_id_fields = ["room", "organisation", "requested_by", "decided_by"]
