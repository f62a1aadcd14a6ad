from django.core.management.base import BaseCommand

from wijkkracht.practices.loading import load_practices


class Command(BaseCommand):
    help = "Load the practice library from content/practices/ (safe to run again)."

    def handle(self, *args, **options):
        count = load_practices()
        self.stdout.write(self.style.SUCCESS(f"{count} practices loaded."))
