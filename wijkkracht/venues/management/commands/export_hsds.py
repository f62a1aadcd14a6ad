from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wijkkracht.venues.hsds.export import build_export, venues_to_export
from wijkkracht.venues.hsds.writing import write_json, write_tabular


class Command(BaseCommand):
    help = "Export the published venues as Open Referral HSDS 3.0 (JSON or tabular package)."

    def add_arguments(self, parser):
        parser.add_argument("out", type=Path, help="a .json file, a folder, or a .zip file")
        parser.add_argument(
            "--format",
            dest="form",
            choices=["json", "tabular"],
            help="json (default) or tabular: datapackage.json with CSV files",
        )
        parser.add_argument(
            "--zip", dest="as_zip", action="store_true", help="the tabular package as a zip"
        )
        parser.add_argument(
            "--include-demo", action="store_true", help="also export the invented demo venues"
        )

    def handle(self, *args, out, form, as_zip, include_demo, **options):
        form = form or ("tabular" if as_zip else "json")
        if as_zip and form == "json":
            raise CommandError(_("--zip hoort bij --format tabular."))
        export = build_export(venues_to_export(include_demo))
        if form == "json":
            write_json(out, export)
        else:
            write_tabular(out, export, as_zip=as_zip)
        self.stdout.write(
            _("%(count)d locaties geschreven naar %(out)s")
            % {"count": len(export.rows["location"]), "out": out}
        )
