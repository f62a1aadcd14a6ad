from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from wijkkracht.core.forms import AdminForm

from .models import Invitation, Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    form = AdminForm
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(TranslationAdmin):
    form = AdminForm
    list_display = ["name", "legal_form", "is_public", "is_demo", "created_at"]
    list_filter = ["legal_form", "is_public", "is_demo"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["areas"]
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    form = AdminForm
    list_display = ["organisation", "email", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["organisation__name", "email"]
    raw_id_fields = ["organisation", "created_by", "accepted_by"]
