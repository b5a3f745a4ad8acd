"""Default vocabularies (shared/DOMAIN.md) and the database guard that keeps entries append-only."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

STANCES = [
    "keine Stellungnahme",
    "zugestimmt",
    "teilweise zugestimmt",
    "in Prüfung",
    "abgelehnt",
]
IMPLEMENTATIONS = [
    ("offen", "not_begun"),
    ("in Umsetzung", "begun"),
    ("teilweise umgesetzt", "partly_done"),
    ("umgesetzt", "done"),
    ("nicht umgesetzt", "not_done"),
    ("erledigt/überholt", "obsolete"),
]

APPEND_ONLY = """
CREATE FUNCTION erfolgskontrolle_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'Sachstände werden nie geändert oder gelöscht; eine Korrektur ist ein neuer Eintrag (Tabelle %).', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER progressentry_append_only BEFORE UPDATE OR DELETE ON erfolgskontrolle_progressentry
    FOR EACH ROW EXECUTE FUNCTION erfolgskontrolle_append_only();
CREATE TRIGGER evidencelink_append_only BEFORE UPDATE OR DELETE ON erfolgskontrolle_evidencelink
    FOR EACH ROW EXECUTE FUNCTION erfolgskontrolle_append_only();
"""
DROP_APPEND_ONLY = """
DROP TRIGGER evidencelink_append_only ON erfolgskontrolle_evidencelink;
DROP TRIGGER progressentry_append_only ON erfolgskontrolle_progressentry;
DROP FUNCTION erfolgskontrolle_append_only();
"""


def add_vocabularies(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Stance = apps.get_model("erfolgskontrolle", "Stance")
    Implementation = apps.get_model("erfolgskontrolle", "Implementation")
    for position, name in enumerate(STANCES):
        Stance.objects.create(name=name, position=position)
    for position, (name, category) in enumerate(IMPLEMENTATIONS):
        Implementation.objects.create(name=name, position=position, category=category)


def remove_vocabularies(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("erfolgskontrolle", "Stance").objects.filter(name__in=STANCES).delete()
    names = [name for name, _ in IMPLEMENTATIONS]
    apps.get_model("erfolgskontrolle", "Implementation").objects.filter(name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [("erfolgskontrolle", "0001_initial")]

    operations = [
        migrations.RunPython(add_vocabularies, remove_vocabularies),
        migrations.RunSQL(APPEND_ONLY, DROP_APPEND_ONLY),
    ]
