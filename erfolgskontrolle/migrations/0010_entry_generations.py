"""Saved Sachstände bump a generation counter of their Land ('entries-<land id>', intmk 0004),
so that cached pages (`intmk/page_cache.py`) see every entry once it is committed.

The newest entry's id did not do that: ids are handed out at insert and transactions commit in
any order, so an entry with a lower id committing after one with a higher id left the version
unchanged and a cached page without it. A counter row per Land keeps concurrent saves of
different Länder from waiting for each other; saves of one Land wait for each other's commit.
"""

from django.db import migrations

TRIGGER = """
CREATE FUNCTION erfolgskontrolle_bump_entry_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO intmk_data_generation (name, value)
    VALUES ('entries-' || NEW.land_id, nextval('intmk_data_generation_seq'))
    ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value;
    RETURN NULL;
END
$$;
CREATE TRIGGER erfolgskontrolle_progressentry_generation
    AFTER INSERT ON erfolgskontrolle_progressentry
    FOR EACH ROW EXECUTE FUNCTION erfolgskontrolle_bump_entry_generation();
"""
DROP_TRIGGER = """
DROP TRIGGER erfolgskontrolle_progressentry_generation ON erfolgskontrolle_progressentry;
DROP FUNCTION erfolgskontrolle_bump_entry_generation();
DELETE FROM intmk_data_generation WHERE name LIKE 'entries-%';
"""


class Migration(migrations.Migration):
    dependencies = [("erfolgskontrolle", "0009_vocabulary_in_use_keeps_its_wording")]

    operations = [migrations.RunSQL(TRIGGER, DROP_TRIGGER)]
