"""A first history record of every resolution, clause and demand already in the register, so
that the first correction of one shows what was there before it."""

from django.db import migrations
from django.utils import timezone

TRACKED = [("Resolution", {"sort_key"}), ("Clause", {"search_vector", "search_words"}), ("Demand", set())]
REASON = "Stand bei Einführung des Verlaufs"


def baseline(apps, schema_editor):  # type: ignore[no-untyped-def]
    now = timezone.now()
    created = {}
    for name, excluded in TRACKED:
        model = apps.get_model("beschluesse", name)
        history = apps.get_model("beschluesse", f"Historical{name}")
        names = [f.attname for f in model._meta.concrete_fields if f.name not in excluded]
        records = [
            history(
                history_date=now,
                history_type="+",
                history_change_reason=REASON,
                **{attname: getattr(row, attname) for attname in names},
            )
            for row in model.objects.order_by("pk").iterator()
        ]
        created[name] = history.objects.bulk_create(records, batch_size=2000)
    through = apps.get_model("beschluesse", "Resolution").applicants.through
    applicants = apps.get_model("beschluesse", "HistoricalResolution_applicants")
    record_of = {record.id: record for record in created["Resolution"]}
    applicants.objects.bulk_create(
        (
            applicants(
                history=record_of[row.resolution_id],
                id=row.id,
                resolution_id=row.resolution_id,
                land_id=row.land_id,
            )
            for row in through.objects.all()
        ),
        batch_size=2000,
    )


class Migration(migrations.Migration):
    dependencies = [("beschluesse", "0006_historical_demand_repeats")]

    operations = [migrations.RunPython(baseline, migrations.RunPython.noop)]
