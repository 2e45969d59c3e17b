"""On PostgreSQL, the database itself refuses to change or remove an audit entry.

A row trigger refuses DELETE, and any UPDATE except the one erasure makes: an erased person's
labels replaced by their anonymous label ("erased:<key>"), everything else unchanged. The
embedded SQLite default has no trigger; there the model and its QuerySet refuse (models.py).
"""

from django.db import migrations

CREATE = r"""
CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'audit entries are append-only: DELETE refused'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF (NEW.id, NEW.created_at, NEW.actor_id, NEW.action, NEW.target_type, NEW.target_id,
        NEW.organization_id, NEW.organization_label, NEW.person_id, NEW.details)
       IS DISTINCT FROM
       (OLD.id, OLD.created_at, OLD.actor_id, OLD.action, OLD.target_type, OLD.target_id,
        OLD.organization_id, OLD.organization_label, OLD.person_id, OLD.details)
       OR (NEW.actor_label IS DISTINCT FROM OLD.actor_label
           AND NEW.actor_label NOT LIKE 'erased:%')
       OR (NEW.person_label IS DISTINCT FROM OLD.person_label
           AND NEW.person_label NOT LIKE 'erased:%')
       OR (NEW.target_label IS DISTINCT FROM OLD.target_label
           AND NEW.target_label NOT LIKE 'erased:%')
    THEN
        RAISE EXCEPTION 'audit entries are append-only: UPDATE refused'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_auditentry;
CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_auditentry;
DROP FUNCTION IF EXISTS audit_entry_append_only();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)  # no placeholders: "%" is LIKE's

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
