from django.core.management.base import BaseCommand

from wijkkracht.guides.loading import GUIDES_DIR, load_library


class Command(BaseCommand):
    help = "Load the guides from content/guides/ (safe to run again; a broken file loads nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=GUIDES_DIR, help="folder with index.yaml")

    def handle(self, *args, dir, **options):
        guides = load_library(dir)
        self.stdout.write(f"{dir}: {len(guides)} guides")
