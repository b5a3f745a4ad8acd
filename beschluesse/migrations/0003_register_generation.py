"""Every write to the register bumps the 'register' generation (intmk 0004): cached public pages
(`intmk/page_cache.py`) are rendered anew after an import or a curator's change."""

from django.db import migrations

TABLES = [
    "beschluesse_conference",
    "beschluesse_agendaitem",
    "beschluesse_agendaitem_applicants",
    "beschluesse_resolution",
    "beschluesse_resolution_applicants",
    "beschluesse_clause",
    "beschluesse_demand",
    "beschluesse_dissentnote",
    "beschluesse_reference",
]

TRIGGERS = "\n".join(
    f"CREATE TRIGGER {table}_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
    "FOR EACH STATEMENT EXECUTE FUNCTION intmk_bump_generation('register');"
    for table in TABLES
)
DROP_TRIGGERS = "\n".join(f"DROP TRIGGER {table}_generation ON {table};" for table in TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("beschluesse", "0002_clause_search_words"),
        ("intmk", "0004_data_generation"),
    ]

    operations = [migrations.RunSQL(TRIGGERS, DROP_TRIGGERS)]
