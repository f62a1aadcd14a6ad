from django.core.management.base import BaseCommand

from wijkkracht.core.content import CONTENT_DIR
from wijkkracht.organisations.loading import load_demo


class Command(BaseCommand):
    help = "Load the demo organisations and their demo members (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=CONTENT_DIR / "demo" / "organisations.yaml")

    def handle(self, *args, file, **options):
        count = load_demo(file)
        self.stdout.write(f"{file}: {count} demo organisations")
