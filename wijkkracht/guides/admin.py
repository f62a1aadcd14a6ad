from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from wijkkracht.core.forms import AdminForm

from .loading import export_guide
from .models import Guide, GuideItem, HelpQuestion, QuestionGroup, Step


class StepInline(TranslationStackedInline):
    model = Step
    form = AdminForm
    extra = 0
    fields = ["position", "key", "title", "text", "added_in_version"]


class ItemInline(TranslationStackedInline):
    model = GuideItem
    form = AdminForm
    extra = 0
    fields = ["kind", "position", "text"]


class QuestionGroupInline(TranslationStackedInline):
    model = QuestionGroup
    form = AdminForm
    extra = 0


@admin.register(Guide)
class GuideAdmin(TranslationAdmin):
    form = AdminForm
    list_display = ["title", "slug", "version", "status", "concept", "last_reviewed"]
    list_filter = ["status", "concept"]
    search_fields = ["title", "slug"]
    inlines = [QuestionGroupInline, StepInline, ItemInline]
    actions = ["export_to_files"]

    @admin.action(description=_("Terugschrijven naar de bestanden in content/guides/"))
    def export_to_files(self, request, queryset):
        paths = [path for guide in queryset for path in export_guide(guide)]
        self.message_user(
            request, _("%(n)d bestanden geschreven.") % {"n": len(paths)}, messages.SUCCESS
        )


@admin.register(HelpQuestion)
class HelpQuestionAdmin(TranslationAdmin):
    form = AdminForm
    list_display = ["text", "guide", "group", "key", "profile_key"]
    list_filter = ["guide"]
    search_fields = ["text", "key"]
