from django.contrib import admin

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


class AnswerInline(admin.TabularInline):
    model = DecisionAnswer
    extra = 0


@admin.register(DecisionQuestion)
class DecisionQuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "key", "position"]
    inlines = [AnswerInline]


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ["title", "position"]
    filter_horizontal = ["practices"]


admin.site.register(Level)
admin.site.register(Theme)
admin.site.register(RecruitmentMethod)
admin.site.register(Country)
