from django.contrib import admin

from .models import (
    ChangeStory,
    Counter,
    CounterEntry,
    Effect,
    Indicator,
    Interpretation,
    Question,
    Questionnaire,
    Quote,
)


class EffectInline(admin.StackedInline):
    model = Effect
    extra = 0


@admin.register(ChangeStory)
class ChangeStoryAdmin(admin.ModelAdmin):
    list_display = ["organisation", "project", "factsheet_public"]
    inlines = [EffectInline]


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "opens_on", "closes_on", "results_public"]
    inlines = [QuestionInline]


class EntryInline(admin.TabularInline):
    model = CounterEntry
    extra = 0


@admin.register(Counter)
class CounterAdmin(admin.ModelAdmin):
    list_display = ["label", "organisation"]
    inlines = [EntryInline]


admin.site.register(Indicator)
admin.site.register(Interpretation)
admin.site.register(Quote)
