from django.core.management.base import BaseCommand

from wijkkracht.exchange.services import send_digests


class Command(BaseCommand):
    help = ("Mail the daily overview of the knowledge exchange to those who asked for it. "
            "Run it from a scheduler, e.g. once a day; nobody gets more than one a day.")

    def handle(self, *args, **options):
        self.stdout.write(f"{send_digests()} mails sent.")
