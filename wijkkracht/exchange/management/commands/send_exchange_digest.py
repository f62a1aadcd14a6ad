from django.core.management.base import BaseCommand

from wijkkracht.exchange.services import send_digests


class Command(BaseCommand):
    help = (
        "Queue the daily overview of the knowledge exchange for those who asked for it. "
        "Run it from a scheduler, e.g. once a day; nobody gets more than one a day."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{send_digests()} mails queued.")
