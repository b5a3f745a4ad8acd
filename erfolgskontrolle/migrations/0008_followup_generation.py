"""Every write to the follow-up bumps the 'followup' generation (intmk 0004), so that cached pages
of signed-in users (`intmk/page_cache.py`) are rendered anew. The progress log and its evidence
are append-only: the newest entry's id tells their changes without a trigger (and without
making concurrent saves wait for one row)."""

from django.db import migrations

TABLES = [
    "erfolgskontrolle_stance",
    "erfolgskontrolle_implementation",
    "erfolgskontrolle_reportinground",
    "erfolgskontrolle_reportinground_demands",
    "erfolgskontrolle_reportinground_lands",
    "erfolgskontrolle_reminder",
    "erfolgskontrolle_report",
    "erfolgskontrolle_resolutioncomment",
    "erfolgskontrolle_edition",
    "erfolgskontrolle_editionfile",
    "erfolgskontrolle_publication",
]

TRIGGERS = (
    "INSERT INTO intmk_data_generation (name, value) VALUES ('followup', nextval('intmk_data_generation_seq'));\n"
    + "\n".join(
        f"CREATE TRIGGER {table}_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION intmk_bump_generation('followup');"
        for table in TABLES
    )
)
DROP_TRIGGERS = "DELETE FROM intmk_data_generation WHERE name = 'followup';\n" + "\n".join(
    f"DROP TRIGGER {table}_generation ON {table};" for table in TABLES
)


class Migration(migrations.Migration):
    dependencies = [
        ("erfolgskontrolle", "0007_tracked_demand"),
        ("intmk", "0004_data_generation"),
    ]

    operations = [migrations.RunSQL(TRIGGERS, DROP_TRIGGERS)]
