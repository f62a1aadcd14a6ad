from django.core.management.base import BaseCommand

from wijkkracht.core.content import CONTENT_DIR
from wijkkracht.places.loading import load_areas


class Command(BaseCommand):
    help = "Load neighbourhoods from content/places/*.yaml (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="YAML files; default: content/places/*.yaml")

    def handle(self, *args, files, **options):
        paths = files or sorted((CONTENT_DIR / "places").glob("*.yaml"))
        for path in paths:
            count = load_areas(path)
            self.stdout.write(f"{path}: {count} areas")
