"""Moving seekers, jobs and programs onto the one vocabulary keeps every row's meaning.

Rows are made, the database goes back to the schema before the vocabulary (the backward
migrations run too), every old value is written the old way, and the database comes forward
again: each old value must arrive as its new one.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from apps.employers.models import Job
from apps.seekers import services as seekers
from apps.seekers.models import SeekerProfile
from apps.skills.vocabulary import Schedule, WorkSetting
from apps.trainings.models import Program
from tests.factories import UserFactory
from tests.factories.employers import JobFactory
from tests.factories.trainings import ProgramFactory

BEFORE = [
    ("seekers", "0002_demographics_education_prefer_not"),
    ("trainings", "0003_enrollment_placed_at"),
    ("employers", "0008_backfill_training_placements"),
]

# Migrating changes the schema, which a rolled-back transaction can't undo cleanly.
pytestmark = pytest.mark.django_db(transaction=True)

# Old seeker values -> what they mean in the vocabulary.
OLD_PROFILES = [
    # work_setting, (days, evenings, weekends), new work settings, new availability
    ("any", (True, False, False), set(WorkSetting), {Schedule.DAY}),
    ("onsite", (False, True, True), {WorkSetting.ONSITE}, {Schedule.EVENING, Schedule.WEEKEND}),
    ("hybrid", (False, False, False), {WorkSetting.HYBRID}, set()),
    (
        "remote",
        (True, True, True),
        {WorkSetting.REMOTE},
        {Schedule.DAY, Schedule.EVENING, Schedule.WEEKEND},
    ),
]
OLD_FORMATS = {"in_person": WorkSetting.ONSITE, "hybrid": WorkSetting.HYBRID, "online": "remote"}
OLD_JOB_SCHEDULES = ["day", "evening", "night", "rotating", "flexible"]


def _profile(**fields):
    profile = seekers.profile_for(UserFactory())
    SeekerProfile.objects.filter(pk=profile.pk).update(**fields)
    return profile


def test_old_preferences_formats_and_schedules_keep_their_meaning():
    profiles = [_profile() for _row in OLD_PROFILES]
    # Made in the new vocabulary: a set the old single choice can't hold.
    mixed = _profile(
        work_settings=[WorkSetting.ONSITE, WorkSetting.REMOTE],
        availability=[Schedule.NIGHT, Schedule.EVENING],
    )
    programs = {new: ProgramFactory(format=new, schedule="evening") for new in OLD_FORMATS.values()}
    jobs = {schedule: JobFactory(schedule=schedule) for schedule in OLD_JOB_SCHEDULES}

    executor = MigrationExecutor(connection)
    try:
        executor.migrate(BEFORE)
        state = executor.loader.project_state(BEFORE).apps
        old_profiles = state.get_model("seekers", "SeekerProfile").objects
        old_programs = state.get_model("trainings", "Program").objects
        old_jobs = state.get_model("employers", "Job").objects

        # Backward: formats get their old codes; a mixed set becomes "any", nights go.
        assert dict(old_programs.values_list("pk", "format")) == {
            programs[new].pk: old for old, new in OLD_FORMATS.items()
        }
        row = old_profiles.get(pk=mixed.pk)
        assert row.work_setting == "any"
        assert (row.available_days, row.available_evenings, row.available_weekends) == (
            False,
            True,
            False,
        )
        assert row.commute_miles is None
        # Every old value, written the old way.
        for profile, (setting, (days, evenings, weekends), _s, _a) in zip(
            profiles, OLD_PROFILES, strict=True
        ):
            old_profiles.filter(pk=profile.pk).update(
                work_setting=setting,
                available_days=days,
                available_evenings=evenings,
                available_weekends=weekends,
            )
        for schedule, job in jobs.items():
            assert old_jobs.get(pk=job.pk).schedule == schedule

        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    finally:
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

    for profile, (_setting, _flags, settings, availability) in zip(
        profiles, OLD_PROFILES, strict=True
    ):
        now = SeekerProfile.objects.get(pk=profile.pk)
        assert (now.work_settings, now.availability) == (settings, availability), profile
    now = SeekerProfile.objects.get(pk=mixed.pk)
    assert now.work_settings == set(WorkSetting) and now.availability == {Schedule.EVENING}
    assert {p.pk: p.format for p in Program.objects.all()} == {
        program.pk: new for new, program in programs.items()
    }
    assert Program.objects.get(pk=programs["remote"].pk).get_format_display() == "Online"
    assert {j.pk: j.schedule for j in Job.objects.all()} == {
        job.pk: schedule for schedule, job in jobs.items()
    }
