"""A counter per kind of data that public pages show, for `intmk/page_cache.py`.

Statement triggers on the tables set the counter to a fresh value of a sequence in the writing
transaction: readers see the new value exactly when they see the new data (at commit), and a
rolled-back write never hands out a value again (so a page cached inside it is never served).
"""

from django.db import migrations

GENERATION = """
CREATE SEQUENCE intmk_data_generation_seq;
CREATE TABLE intmk_data_generation (
    name text PRIMARY KEY,
    value bigint NOT NULL
);
INSERT INTO intmk_data_generation (name, value)
VALUES ('register', nextval('intmk_data_generation_seq')), ('people', nextval('intmk_data_generation_seq'));
CREATE FUNCTION intmk_bump_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE intmk_data_generation SET value = nextval('intmk_data_generation_seq')
     WHERE name = TG_ARGV[0];
    RETURN NULL;
END
$$;
CREATE TRIGGER intmk_land_generation
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON intmk_land
    FOR EACH STATEMENT EXECUTE FUNCTION intmk_bump_generation('register');
-- Signed-in pages show people's names and depend on their roles; a login (last_login) does not
-- change what any page shows.
CREATE TRIGGER intmk_role_generation
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON intmk_role
    FOR EACH STATEMENT EXECUTE FUNCTION intmk_bump_generation('people');
CREATE TRIGGER intmk_user_generation
    AFTER UPDATE OF username, first_name, last_name, email, is_active, is_staff, is_superuser
    ON intmk_user FOR EACH STATEMENT EXECUTE FUNCTION intmk_bump_generation('people');
CREATE TRIGGER intmk_user_changes_generation
    AFTER INSERT OR DELETE OR TRUNCATE ON intmk_user
    FOR EACH STATEMENT EXECUTE FUNCTION intmk_bump_generation('people');
"""

DROP_GENERATION = """
DROP TRIGGER intmk_user_changes_generation ON intmk_user;
DROP TRIGGER intmk_user_generation ON intmk_user;
DROP TRIGGER intmk_role_generation ON intmk_role;
DROP TRIGGER intmk_land_generation ON intmk_land;
DROP FUNCTION intmk_bump_generation();
DROP TABLE intmk_data_generation;
DROP SEQUENCE intmk_data_generation_seq;
"""


class Migration(migrations.Migration):
    dependencies = [("intmk", "0003_roles")]

    operations = [migrations.RunSQL(GENERATION, DROP_GENERATION)]
