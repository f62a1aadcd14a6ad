from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from wijkkracht.core.forms import AdminForm

from .forms import AdminUserChangeForm, AdminUserCreationForm
from .models import RoleGrant, User


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    form = AdminForm
    fk_name = "user"
    extra = 0
    readonly_fields = ["granted_by", "granted_at"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    add_form = AdminUserCreationForm
    form = AdminUserChangeForm
    ordering = ["email"]
    list_display = ["email", "name", "language", "is_staff", "last_login"]
    search_fields = ["email", "name"]
    list_filter = ["is_staff", "is_active", "role_grants__role"]
    inlines = [RoleGrantInline]
    fieldsets = [
        (None, {"fields": ["email", "name", "language", "password"]}),
        (_("Rechten"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Data"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "name"]})]
    readonly_fields = ["last_login", "date_joined"]

    def save_formset(self, request, form, formset, change):
        grants = formset.save(commit=False)
        for grant in grants:
            if isinstance(grant, RoleGrant) and not grant.granted_by_id:
                grant.granted_by = request.user
            grant.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()
