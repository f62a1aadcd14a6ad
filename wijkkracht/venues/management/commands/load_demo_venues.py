from django.core.management.base import BaseCommand

from wijkkracht.venues.loading import DEMO_FILE, load_venues


class Command(BaseCommand):
    help = "Load the demo venues and rooms (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=DEMO_FILE)

    def handle(self, *args, file, **options):
        self.stdout.write(f"{file}: {load_venues(file)} venues")
