"""A demand may repeat an earlier one (a chain across conferences). New columns only: the
statement trigger of 0003 already bumps the register generation for the demand table."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("beschluesse", "0003_register_generation"),
    ]

    operations = [
        migrations.AddField(
            model_name="demand",
            name="repeats",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="repeated_by",
                to="beschluesse.demand",
                verbose_name="Wiederholt die Forderung",
            ),
        ),
        migrations.AddField(
            model_name="demand",
            name="repeats_similarity",
            field=models.FloatField(
                blank=True, null=True, verbose_name="Ähnlichkeit zur wiederholten"
            ),
        ),
    ]
