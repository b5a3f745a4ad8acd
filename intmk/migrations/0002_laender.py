from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from intmk.laender import LAENDER


def add_laender(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Land = apps.get_model("intmk", "Land")
    for code, name in LAENDER:
        Land.objects.update_or_create(code=code, defaults={"name": name})


def remove_laender(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Land = apps.get_model("intmk", "Land")
    Land.objects.filter(code__in=[code for code, _ in LAENDER]).delete()


class Migration(migrations.Migration):
    dependencies = [("intmk", "0001_initial")]
    operations = [migrations.RunPython(add_laender, remove_laender)]
