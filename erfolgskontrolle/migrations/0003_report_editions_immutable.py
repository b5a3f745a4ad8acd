"""The report: texts with history, frozen editions, their files and publications; the database
refuses UPDATE and DELETE on editions, files and publications (as on progress entries)."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


IMMUTABLE = """
CREATE FUNCTION erfolgskontrolle_edition_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'Festgeschriebene Ausgaben der Erfolgskontrolle werden nie geändert oder gelöscht; eine Korrektur ist eine neue Ausgabe (Tabelle %).', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER edition_immutable BEFORE UPDATE OR DELETE ON erfolgskontrolle_edition
    FOR EACH ROW EXECUTE FUNCTION erfolgskontrolle_edition_immutable();
CREATE TRIGGER editionfile_immutable BEFORE UPDATE OR DELETE ON erfolgskontrolle_editionfile
    FOR EACH ROW EXECUTE FUNCTION erfolgskontrolle_edition_immutable();
CREATE TRIGGER publication_immutable BEFORE UPDATE OR DELETE ON erfolgskontrolle_publication
    FOR EACH ROW EXECUTE FUNCTION erfolgskontrolle_edition_immutable();
"""
DROP_IMMUTABLE = """
DROP TRIGGER publication_immutable ON erfolgskontrolle_publication;
DROP TRIGGER editionfile_immutable ON erfolgskontrolle_editionfile;
DROP TRIGGER edition_immutable ON erfolgskontrolle_edition;
DROP FUNCTION erfolgskontrolle_edition_immutable();
"""


class Migration(migrations.Migration):

    dependencies = [
        ('beschluesse', '0001_initial'),
        ('erfolgskontrolle', '0002_default_vocabularies_and_append_only'),
        ('intmk', '0003_roles'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Edition',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField(verbose_name='Ausgabe')),
                ('data', models.JSONField(verbose_name='Inhalt')),
                ('frozen_at', models.DateTimeField(verbose_name='Festgeschrieben am')),
                ('differences', models.JSONField(blank=True, default=list, verbose_name='Unterschiede zur vorigen Ausgabe')),
                ('conference', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='editions', to='beschluesse.conference', verbose_name='Konferenz')),
                ('frozen_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='Festgeschrieben von')),
            ],
            options={
                'verbose_name': 'Ausgabe der Erfolgskontrolle',
                'verbose_name_plural': 'Ausgaben der Erfolgskontrolle',
                'ordering': ['conference', '-number'],
            },
        ),
        migrations.CreateModel(
            name='EditionFile',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('format', models.CharField(choices=[('html', 'HTML'), ('pdf', 'PDF'), ('docx', 'Word (DOCX)'), ('xlsx', 'Excel (XLSX)'), ('csv', 'CSV')], max_length=4, verbose_name='Format')),
                ('content', models.BinaryField(verbose_name='Inhalt')),
                ('sha256', models.CharField(max_length=64, verbose_name='SHA-256')),
                ('size', models.PositiveIntegerField(verbose_name='Größe in Bytes')),
                ('edition', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='files', to='erfolgskontrolle.edition', verbose_name='Ausgabe')),
            ],
            options={
                'verbose_name': 'Datei einer Ausgabe',
                'verbose_name_plural': 'Dateien einer Ausgabe',
                'ordering': ['edition', 'format'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalReport',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('preface', models.TextField(blank=True, verbose_name='Vorbemerkung')),
                ('compiler_year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='Jahr (abweichend)')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('compiler_land', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='intmk.land', verbose_name='Geschäftsstelle (abweichend)')),
                ('conference', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='beschluesse.conference', verbose_name='Konferenz')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical Erfolgskontrolle',
                'verbose_name_plural': 'historical Erfolgskontrollen',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Publication',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('published_at', models.DateTimeField(verbose_name='Veröffentlicht am')),
                ('edition', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='publication', to='erfolgskontrolle.edition', verbose_name='Ausgabe')),
                ('published_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='Veröffentlicht von')),
            ],
            options={
                'verbose_name': 'Veröffentlichung',
                'verbose_name_plural': 'Veröffentlichungen',
                'ordering': ['-published_at'],
            },
        ),
        migrations.CreateModel(
            name='Report',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('preface', models.TextField(blank=True, verbose_name='Vorbemerkung')),
                ('compiler_year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='Jahr (abweichend)')),
                ('compiler_land', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='intmk.land', verbose_name='Geschäftsstelle (abweichend)')),
                ('conference', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='report', to='beschluesse.conference', verbose_name='Konferenz')),
            ],
            options={
                'verbose_name': 'Erfolgskontrolle',
                'verbose_name_plural': 'Erfolgskontrollen',
                'ordering': ['-conference__number'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalResolutionComment',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('text', models.TextField(blank=True, verbose_name='Kommentar')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('resolution', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='beschluesse.resolution', verbose_name='Beschluss')),
                ('report', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='erfolgskontrolle.report', verbose_name='Erfolgskontrolle')),
            ],
            options={
                'verbose_name': 'historical Kommentar zu einem Beschluss',
                'verbose_name_plural': 'historical Kommentare zu Beschlüssen',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='ResolutionComment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField(blank=True, verbose_name='Kommentar')),
                ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='erfolgskontrolle.report', verbose_name='Erfolgskontrolle')),
                ('resolution', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='beschluesse.resolution', verbose_name='Beschluss')),
            ],
            options={
                'verbose_name': 'Kommentar zu einem Beschluss',
                'verbose_name_plural': 'Kommentare zu Beschlüssen',
                'ordering': ['report', 'resolution__sort_key'],
            },
        ),
        migrations.AddConstraint(
            model_name='edition',
            constraint=models.UniqueConstraint(fields=('conference', 'number'), name='unique_edition_number'),
        ),
        migrations.AddConstraint(
            model_name='editionfile',
            constraint=models.UniqueConstraint(fields=('edition', 'format'), name='one_file_per_format'),
        ),
        migrations.AddConstraint(
            model_name='report',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('compiler_land__isnull', True), ('compiler_year__isnull', True)), models.Q(('compiler_land__isnull', False), ('compiler_year__isnull', False)), _connector='OR'), name='report_compiler_land_and_year'),
        ),
        migrations.AddConstraint(
            model_name='resolutioncomment',
            constraint=models.UniqueConstraint(fields=('report', 'resolution'), name='one_comment_per_top'),
        ),
        migrations.RunSQL(IMMUTABLE, DROP_IMMUTABLE),
    ]
