from django.db import migrations

from wijkkracht.venues.constraints import operation


class Migration(migrations.Migration):
    dependencies = [("venues", "0001_initial")]
    operations = [operation()]
