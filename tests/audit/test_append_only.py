"""The audit trail is append-only: the model, its QuerySet and (on PostgreSQL) a trigger
refuse every change but one, the erasure's replacement of a person's labels."""

import pytest
from django.db import DatabaseError, connection, transaction

from apps.audit.models import Action, AppendOnlyError, AuditEntry
from apps.audit.services import anonymize, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(personas):
    return record(
        action=Action.ORGANIZATION_APPROVED,
        actor=personas.staff,
        target=personas.orgs.employer,
        organization=personas.orgs.employer,
        person=personas.employer,
        details={"from": "pending", "to": "approved"},
    )


def test_an_entry_keeps_who_what_whom_and_labels(entry, personas):
    entry.refresh_from_db()
    assert entry.actor == personas.staff
    assert entry.actor_label == f"{personas.staff.get_full_name()} <staff@borderplex.example>"
    assert (entry.target_type, entry.target_id, entry.target_label) == (
        "organization",
        personas.orgs.employer.pk,
        "Sun City Software",
    )
    assert (entry.organization_id, entry.organization_label) == (
        personas.orgs.employer.pk,
        "Sun City Software",
    )
    assert entry.person_label.endswith("<owner@suncity.example>")


def test_the_model_refuses_to_update_or_delete(entry):
    entry.target_label = "Something else"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(action=Action.JOB_PUBLISHED)
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.bulk_update([entry], ["target_label"])
    entry.refresh_from_db()
    assert entry.target_label == "Sun City Software"


def _sql(statement: str, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_the_database_refuses_too(entry):
    assert AuditEntry._meta.db_table == "audit_auditentry"
    for statement, params in [
        ("UPDATE audit_auditentry SET action = %s WHERE id = %s", ["job_published", entry.pk]),
        ("UPDATE audit_auditentry SET details = '{}'::jsonb WHERE id = %s", [entry.pk]),
        ("UPDATE audit_auditentry SET person_label = %s WHERE id = %s", ["Someone Else", entry.pk]),
        # Even the labels may change only to an erased person's label, nothing else with it.
        (
            "UPDATE audit_auditentry SET person_label = 'erased:ab12', created_at = now() "
            "WHERE id = %s",
            [entry.pk],
        ),
        ("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk]),
    ]:
        with pytest.raises(DatabaseError, match="append-only"):
            _sql(statement, params)
    entry.refresh_from_db()
    assert (entry.action, entry.details["to"]) == (Action.ORGANIZATION_APPROVED, "approved")


def test_erasure_may_replace_the_labels_only(entry, personas):
    assert anonymize(user_id=personas.employer.pk, label="erased:ab12cd34ef") == 1
    assert anonymize(user_id=personas.staff.pk, label="erased:0011223344") == 1
    entry.refresh_from_db()
    assert (entry.person_label, entry.actor_label) == ("erased:ab12cd34ef", "erased:0011223344")
    assert entry.person_shown == "Erased person ab12cd34ef"
    # Ids, action, organization and details stay as they were.
    assert (entry.person_id, entry.actor_id) == (personas.employer.pk, personas.staff.pk)
    assert entry.organization_label == "Sun City Software"
    # Again: nothing left to change.
    assert anonymize(user_id=personas.employer.pk, label="erased:ab12cd34ef") == 0


def test_an_entry_outlives_what_it_names(entry, personas):
    """No cascade reaches the log: deleting the organization leaves the entry whole."""
    organization_id = personas.orgs.employer.pk
    personas.orgs.employer.delete()
    entry.refresh_from_db()
    assert (entry.organization_id, entry.organization_label) == (
        organization_id,
        "Sun City Software",
    )
