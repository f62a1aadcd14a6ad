from django.core.management.base import BaseCommand, CommandError

from wijkkracht.impact.models import Questionnaire
from wijkkracht.impact.responses import import_csv


class Command(BaseCommand):
    help = (
        "Import responses from a CSV file (one row per response, one column per "
        "question key), all or nothing; the same as the import on the questionnaire page."
    )

    def add_arguments(self, parser):
        parser.add_argument("questionnaire", type=int, help="the questionnaire's number (id)")
        parser.add_argument("file")

    def handle(self, *args, **options):
        questionnaire = Questionnaire.objects.filter(pk=options["questionnaire"]).first()
        if questionnaire is None:
            raise CommandError(f"No questionnaire {options['questionnaire']}")
        try:
            with open(options["file"], "rb") as fh:
                data = fh.read()
        except OSError as error:
            raise CommandError(f"{options['file']}: {error.strerror}") from error
        report = import_csv(questionnaire, data)
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"Nothing imported: {len(report.problems)} problem(s).")
        self.stdout.write(self.style.SUCCESS(f"{report.imported} responses imported."))
