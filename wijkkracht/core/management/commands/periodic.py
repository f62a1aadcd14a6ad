from django.core.management.base import BaseCommand

from wijkkracht.core import periodic


class Command(BaseCommand):
    help = (
        "Run the platform's periodic work once (digest, lost mail, old mail). Run it "
        "every few minutes from a systemd timer or cron; running it twice does no harm."
    )

    def handle(self, *args, **options):
        failed = False
        for name, done in periodic.run_all().items():
            failed |= done is None
            self.stdout.write(f"{name}: {'failed, see the log' if done is None else done}")
        if failed:
            raise SystemExit(1)
