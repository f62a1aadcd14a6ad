from django.contrib import admin

from .models import Answer, Challenge, DigestSubscription, Report


class AnswerInline(admin.StackedInline):
    model = Answer
    extra = 0


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "status", "created_at", "hidden_at"]
    list_filter = ["status"]
    search_fields = ["title", "description"]
    inlines = [AnswerInline]


admin.site.register(Report)
admin.site.register(DigestSubscription)
