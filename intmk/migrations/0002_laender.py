from django.db import migrations

from intmk.laender import LAENDER


def add_laender(apps, schema_editor):
    Land = apps.get_model("intmk", "Land")
    for code, name in LAENDER:
        Land.objects.update_or_create(code=code, defaults={"name": name})


def remove_laender(apps, schema_editor):
    Land = apps.get_model("intmk", "Land")
    Land.objects.filter(code__in=[code for code, _ in LAENDER]).delete()


class Migration(migrations.Migration):
    dependencies = [("intmk", "0001_initial")]
    operations = [migrations.RunPython(add_laender, remove_laender)]
