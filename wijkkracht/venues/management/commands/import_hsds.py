from django.core.management.base import BaseCommand, CommandError

from wijkkracht.venues.hsds.importing import import_hsds

# More lines than this help nobody; the count says how many there are.
SHOWN = 200


class Command(BaseCommand):
    help = (
        "Import venues from an Open Referral HSDS 3.0 package: a .json file, a folder with "
        "datapackage.json, or a .zip. All or nothing: any bad row, and nothing is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and count, but save nothing"
        )

    def handle(self, *args, path, dry_run, **options):
        report = import_hsds(path, dry_run=dry_run)
        for problem in report.problems[:SHOWN]:
            self.stdout.write(str(problem))
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(report.summary())
