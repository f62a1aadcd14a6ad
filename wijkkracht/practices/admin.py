from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from wijkkracht.core.forms import AdminForm

from .models import (
    Country,
    DecisionAnswer,
    DecisionQuestion,
    Lesson,
    Level,
    Practice,
    RecruitmentMethod,
    Theme,
)


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "municipality", "status"]
    list_filter = ["status", "level", "kind", "themes"]
    search_fields = ["code", "name", "municipality"]
    filter_horizontal = ["themes", "methods", "countries"]
    prepopulated_fields = {"slug": ["code"]}


class AnswerInline(TranslationTabularInline):
    model = DecisionAnswer
    form = AdminForm
    extra = 0


@admin.register(DecisionQuestion)
class DecisionQuestionAdmin(TranslationAdmin):
    form = AdminForm
    list_display = ["text", "key", "position", "draft_languages"]
    inlines = [AnswerInline]


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ["title", "position"]
    filter_horizontal = ["practices"]


@admin.register(Level)
class LevelAdmin(TranslationAdmin):
    form = AdminForm
    list_display = ["label", "key", "position", "draft_languages"]


admin.site.register(Theme)
admin.site.register(RecruitmentMethod)
admin.site.register(Country)
