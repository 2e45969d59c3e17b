"""Writing the audit trail. `record()` is called by the service that makes a decision, inside
its transaction; `anonymize()` only by the erasure of an account."""

from django.db import transaction

from .models import LABEL_LENGTH, AuditEntry


def label_of(person) -> str:
    """How a person is named in the log: their record label (see accounts.User.record_label:
    "Name <email>", or an erased person's anonymous label)."""
    if person is None:
        return ""
    return str(person.record_label)[:LABEL_LENGTH]


def record(
    *,
    action: str,
    actor=None,
    target=None,
    target_label: str = "",
    organization=None,
    person=None,
    person_label: str = "",
    details: dict | None = None,
) -> AuditEntry:
    """Append one entry. `target` is the row decided on (its type and id are kept, with
    `target_label`, default its text); `organization` the organization concerned; `person`
    the account whose data it is (or `person_label` alone, for someone without one, as an
    employer's external hire). `details` holds plain values only: statuses, counts, codes —
    never free text about a person."""
    return AuditEntry.objects.create(
        actor=actor,
        actor_label=label_of(actor),
        action=action,
        target_type=target._meta.model_name if target is not None else "",
        target_id=target.pk if target is not None else None,
        target_label=(target_label or (str(target) if target is not None else ""))[:LABEL_LENGTH],
        organization_id=organization.pk if organization is not None else None,
        organization_label=organization.name[:200] if organization is not None else "",
        person=person,
        person_label=(label_of(person) if person is not None else person_label)[:LABEL_LENGTH],
        details=details or {},
    )


@transaction.atomic
def anonymize(*, user_id: int, label: str, target_type: str = "user") -> int:
    """An account was erased: wherever the log names it (as the person affected, as the one
    who acted, or as the account decided on), its label becomes `label`. Entries stay; their
    ids, actions, dates and details do not change. Returns the number of entries touched."""
    entries = AuditEntry.objects
    touched = (
        entries.filter(person_id=user_id).exclude(person_label=label)._anonymize(person_label=label)
    )
    touched += (
        entries.filter(actor_id=user_id).exclude(actor_label=label)._anonymize(actor_label=label)
    )
    touched += (
        entries.filter(target_type=target_type, target_id=user_id)
        .exclude(target_label=label)
        ._anonymize(target_label=label)
    )
    return touched
