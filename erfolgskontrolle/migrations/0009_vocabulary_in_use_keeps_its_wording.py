"""A stance or implementation state that a progress entry uses keeps its wording (and an
implementation state its report category): renaming "abgelehnt" to "zugestimmt" would change
what every earlier entry shows. Admins retire such a term and add a new one. The model's clean()
says so in the admin; this trigger refuses it on every other path (shell, bulk update)."""

from django.db import migrations, models

TERM_IN_USE = """
CREATE FUNCTION erfolgskontrolle_term_in_use() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM erfolgskontrolle_progressentry
        WHERE CASE TG_TABLE_NAME WHEN 'erfolgskontrolle_stance' THEN stance_id
                                 ELSE implementation_id END = OLD.id
    ) THEN
        RAISE EXCEPTION '„%“ steht schon in Sachständen und bleibt, wie es ist; bitte ausmustern und eine neue Bezeichnung anlegen (Tabelle %).', OLD.name, TG_TABLE_NAME
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER stance_in_use_keeps_name BEFORE UPDATE OF name ON erfolgskontrolle_stance
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION erfolgskontrolle_term_in_use();
CREATE TRIGGER implementation_in_use_keeps_name BEFORE UPDATE OF name, category
    ON erfolgskontrolle_implementation
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.category IS DISTINCT FROM NEW.category)
    EXECUTE FUNCTION erfolgskontrolle_term_in_use();
"""
DROP_TERM_IN_USE = """
DROP TRIGGER implementation_in_use_keeps_name ON erfolgskontrolle_implementation;
DROP TRIGGER stance_in_use_keeps_name ON erfolgskontrolle_stance;
DROP FUNCTION erfolgskontrolle_term_in_use();
"""


class Migration(migrations.Migration):

    dependencies = [
        ('erfolgskontrolle', '0008_followup_generation'),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicalimplementation',
            name='active',
            field=models.BooleanField(default=True, help_text='Abwählen mustert die Bezeichnung aus: Formulare und Tabellen bieten sie nicht mehr an, vorhandene Sachstände zeigen sie weiter.', verbose_name='Auswählbar'),
        ),
        migrations.AlterField(
            model_name='historicalstance',
            name='active',
            field=models.BooleanField(default=True, help_text='Abwählen mustert die Bezeichnung aus: Formulare und Tabellen bieten sie nicht mehr an, vorhandene Sachstände zeigen sie weiter.', verbose_name='Auswählbar'),
        ),
        migrations.AlterField(
            model_name='implementation',
            name='active',
            field=models.BooleanField(default=True, help_text='Abwählen mustert die Bezeichnung aus: Formulare und Tabellen bieten sie nicht mehr an, vorhandene Sachstände zeigen sie weiter.', verbose_name='Auswählbar'),
        ),
        migrations.AlterField(
            model_name='stance',
            name='active',
            field=models.BooleanField(default=True, help_text='Abwählen mustert die Bezeichnung aus: Formulare und Tabellen bieten sie nicht mehr an, vorhandene Sachstände zeigen sie weiter.', verbose_name='Auswählbar'),
        ),
        migrations.RunSQL(TERM_IN_USE, DROP_TERM_IN_USE),
    ]
