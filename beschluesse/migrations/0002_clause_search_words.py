"""Stemmed words of each clause, for finding parts of German compounds (beschluesse/search.py)."""

import django.contrib.postgres.indexes
from django.contrib.postgres.operations import TrigramExtension
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
        TrigramExtension(),
        migrations.AddField(
            model_name="clause",
            name="search_words",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name="clause",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_words"], name="clause_words_trgm_idx", opclasses=["gin_trgm_ops"]
            ),
        ),
    ]
