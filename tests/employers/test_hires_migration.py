"""Renaming a hire's `verified_by` / `verified_at` to `decided_by` / `decided_at` (they also
record rejections) keeps every decision already made."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from apps.employers.models import Hire
from tests.factories.hires import make_hire

BEFORE = [("employers", "0004_job_review_and_length_checks")]
RENAME = [("employers", "0005_hire_decided_by_decided_at")]

# Migrating changes the schema, which a rolled-back transaction can't undo cleanly.
pytestmark = pytest.mark.django_db(transaction=True)


def test_the_rename_keeps_who_decided_and_when(personas):
    rejected = make_hire(
        personas.orgs.employer, status="rejected", reviewer=personas.staff, reason="Wrong date."
    )
    waiting = make_hire(personas.orgs.employer)
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps.get_model("employers", "Hire")
        row = old.objects.get(pk=rejected.pk)
        assert row.verified_by_id == personas.staff.pk
        assert row.verified_at == rejected.decided_at

        executor.loader.build_graph()
        executor.migrate(RENAME)
    finally:
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

    rejected_now = Hire.objects.get(pk=rejected.pk)
    assert rejected_now.decided_by == personas.staff
    assert rejected_now.decided_at == rejected.decided_at
    assert rejected_now.status == "rejected" and rejected_now.rejection_reason == "Wrong date."
    waiting_now = Hire.objects.get(pk=waiting.pk)
    assert waiting_now.decided_by is None and waiting_now.decided_at is None
