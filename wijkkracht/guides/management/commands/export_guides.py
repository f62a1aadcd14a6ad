from django.core.management.base import BaseCommand

from wijkkracht.guides.loading import GUIDES_DIR, export_guide
from wijkkracht.guides.models import Guide


class Command(BaseCommand):
    help = "Write guides edited in the admin back to their files under content/guides/."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="default: every guide")
        parser.add_argument("--dir", default=GUIDES_DIR)

    def handle(self, *args, slugs, dir, **options):
        guides = Guide.objects.filter(slug__in=slugs) if slugs else Guide.objects.all()
        for guide in guides:
            for path in export_guide(guide, dir):
                self.stdout.write(str(path))
