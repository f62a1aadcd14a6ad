from django.core.management import call_command
from django.core.management.base import BaseCommand

# By name, not by import: core imports no domain app. In this order because a loader
# finds what the ones before it made: places before organisations and venues, the
# organisations before their impact stories.
LOADERS = (
    "load_places",
    "load_guides",
    "load_demo",
    "load_demo_venues",
    "load_practices",
    "load_demo_impact",
)


class Command(BaseCommand):
    help = (
        "Migrate, then load the neighbourhoods, guides, practices and demo data, in one "
        "process (what `make run` and `make demo` do; safe to run again)."
    )

    def handle(self, *args, **options):
        # One Django start-up instead of one per command: the start-up is most of
        # what each loader costs.
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=verbosity)
        for name in LOADERS:
            call_command(name, verbosity=verbosity)
