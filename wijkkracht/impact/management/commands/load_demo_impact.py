from django.core.management.base import BaseCommand

from wijkkracht.impact.loading.demo import load_demo_impact


class Command(BaseCommand):
    help = (
        "Load the demo change stories, outputs and the Badhuis resident survey from "
        "content/impact/ (safe to run again)."
    )

    def handle(self, *args, **options):
        self.stdout.write(self.style.SUCCESS(f"{load_demo_impact()} demo change stories."))
