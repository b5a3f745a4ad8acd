"""The append-only tables refuse TRUNCATE too: `manage.py flush` would otherwise empty the log
that UPDATE and DELETE triggers protect. Test databases (named test_…, dropped after the run)
may still be emptied between tests."""

from django.db import migrations

TABLES = [
    "erfolgskontrolle_progressentry",
    "erfolgskontrolle_evidencelink",
    "erfolgskontrolle_edition",
    "erfolgskontrolle_editionfile",
    "erfolgskontrolle_publication",
]

REFUSE_TRUNCATE = """
CREATE FUNCTION erfolgskontrolle_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_database() LIKE 'test\\_%' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'Sachstände und Ausgaben der Erfolgskontrolle werden nie gelöscht (TRUNCATE auf %).', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
""" + "".join(
    f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
    f"FOR EACH STATEMENT EXECUTE FUNCTION erfolgskontrolle_refuse_truncate();\n"
    for table in TABLES
)

ALLOW_TRUNCATE = "".join(
    f"DROP TRIGGER {table}_no_truncate ON {table};\n" for table in TABLES
) + "DROP FUNCTION erfolgskontrolle_refuse_truncate();\n"


class Migration(migrations.Migration):
    dependencies = [
        ("erfolgskontrolle", "0003_report_editions_immutable"),
    ]

    operations = [migrations.RunSQL(REFUSE_TRUNCATE, ALLOW_TRUNCATE)]
