"""The one vocabulary of work setting, schedule and employment type (apps/skills/vocabulary.py):
defined once, labelled in English and Spanish, and compared in SQL without a join."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from apps.employers.models import Job
from apps.seekers import services as seekers
from apps.seekers.models import SeekerProfile
from apps.skills.vocabulary import (
    AVAILABILITY,
    JOB_SCHEDULES,
    PROGRAM_FORMAT_LABELS,
    PROGRAM_SCHEDULES,
    EmploymentType,
    HasAny,
    Schedule,
    WorkSetting,
    bit_of,
    values_of,
)
from apps.trainings.models import Program
from tests.factories import UserFactory, staff_user
from tests.factories.employers import JobFactory

APPS = Path(settings.BASE_DIR) / "apps"
VOCABULARY = APPS / "skills" / "vocabulary.py"

# code -> (English, Spanish), for every member.
LABELS = {
    WorkSetting: {
        "onsite": ("On site", "Presencial"),
        "hybrid": ("Hybrid", "Híbrido"),
        "remote": ("Remote", "Remoto"),
    },
    Schedule: {
        "day": ("Daytime", "De día"),
        "evening": ("Evenings", "Por las noches"),
        "night": ("Nights", "Turno nocturno"),
        "weekend": ("Weekends", "Fines de semana"),
        "rotating": ("Rotating shifts", "Turnos rotativos"),
        "flexible": ("Flexible", "Flexible"),
        "self_paced": ("Self-paced", "A su propio ritmo"),
    },
    EmploymentType: {
        "full_time": ("Full time", "Tiempo completo"),
        "part_time": ("Part time", "Medio tiempo"),
        "contract": ("Contract", "Por contrato"),
        "temporary": ("Temporary", "Temporal"),
        "internship": ("Internship", "Prácticas profesionales"),
        "apprenticeship": ("Apprenticeship", "Aprendizaje"),
    },
}


# ---------------------------------------------------------------------------
# One definition
# ---------------------------------------------------------------------------
def _choices_classes(path: Path):
    """(class name, member codes) of each *Choices class defined in a module."""
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        bases = {getattr(b, "attr", getattr(b, "id", "")) for b in node.bases}
        if not any(base.endswith("Choices") for base in bases):
            continue
        codes = set()
        for item in node.body:
            if isinstance(item, ast.Assign) and isinstance(item.value, ast.Tuple):
                first = item.value.elts[0]
                if isinstance(first, ast.Constant):
                    codes.add(first.value)
        yield node.name, codes


def test_the_vocabulary_is_defined_once():
    vocabulary_codes = {code for labels in LABELS.values() for code in labels}
    elsewhere = []
    for path in APPS.rglob("*.py"):
        if path == VOCABULARY or "migrations" in path.parts:
            continue
        for name, codes in _choices_classes(path):
            shared = codes & vocabulary_codes
            if shared or name in {"WorkSetting", "Schedule", "JobSchedule", "Format"}:
                elsewhere.append((str(path.relative_to(APPS)), name, sorted(shared)))
    assert elsewhere == []


def test_jobs_programs_and_seekers_store_the_vocabulary_codes():
    def codes(model, name):
        return [code for code, _label in model._meta.get_field(name).choices]

    assert codes(Job, "work_setting") == WorkSetting.values
    assert codes(Job, "schedule") == values_of(JOB_SCHEDULES)
    assert codes(Job, "employment_type") == EmploymentType.values
    assert codes(Program, "format") == WorkSetting.values
    assert codes(Program, "schedule") == values_of(PROGRAM_SCHEDULES)
    assert SeekerProfile._meta.get_field("work_settings").vocabulary is WorkSetting
    assert SeekerProfile._meta.get_field("availability").allowed == tuple(values_of(AVAILABILITY))


def test_bits_never_move():
    """Rows store these bits (and the seekers' data migration copies them): append only."""
    assert {m.value: m.bit for m in WorkSetting} == {"onsite": 1, "hybrid": 2, "remote": 4}
    assert {m.value: m.bit for m in Schedule} == {
        "day": 1,
        "evening": 2,
        "night": 4,
        "weekend": 8,
        "rotating": 16,
        "flexible": 32,
        "self_paced": 64,
    }
    assert Schedule.mask(["day", Schedule.WEEKEND]) == 9
    assert list(Schedule.from_mask(9)) == [Schedule.DAY, Schedule.WEEKEND]


# ---------------------------------------------------------------------------
# Labels in both languages
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("vocabulary", list(LABELS))
def test_every_member_is_labelled_in_english_and_spanish(vocabulary):
    assert set(vocabulary.values) == set(LABELS[vocabulary])
    for language, index in [("en", 0), ("es", 1)]:
        with translation.override(language):
            assert {m.value: str(m.label) for m in vocabulary} == {
                code: labels[index] for code, labels in LABELS[vocabulary].items()
            }


def test_programs_name_the_settings_as_classes_do():
    with translation.override("es"):
        assert [str(label) for label in PROGRAM_FORMAT_LABELS.values()] == [
            "Presencial",
            "Híbrido",
            "En línea",
        ]
    program_format = Program(format="remote")
    assert program_format.get_format_display() == "Online"


# ---------------------------------------------------------------------------
# Sets in one column
# ---------------------------------------------------------------------------
@pytest.fixture
def profile(db):
    return seekers.profile_for(UserFactory())


def test_a_set_reads_back_as_members_in_the_vocabulary_order(profile):
    profile.availability = ["weekend", "day"]
    profile.save()
    profile.refresh_from_db()
    assert list(profile.availability) == [Schedule.DAY, Schedule.WEEKEND]
    assert profile.availability_display == "Daytime, Weekends"
    assert profile.work_settings == set(WorkSetting)  # the default: any
    assert profile.work_settings_display == "Any: on site, hybrid or remote"


def test_a_set_survives_dumpdata_and_loaddata(profile):
    profile.availability = [Schedule.EVENING, Schedule.NIGHT]
    profile.save()
    [loaded] = serializers.deserialize("json", serializers.serialize("json", [profile]))
    assert loaded.object.availability == {Schedule.EVENING, Schedule.NIGHT}
    assert loaded.object.work_settings == set(WorkSetting)


def test_the_database_refuses_members_a_seeker_cannot_choose(profile):
    with pytest.raises(IntegrityError), transaction.atomic():
        SeekerProfile.objects.filter(pk=profile.pk).update(availability=Schedule.SELF_PACED.bit)
    with pytest.raises(IntegrityError), transaction.atomic():
        SeekerProfile.objects.filter(pk=profile.pk).update(work_settings=0)


def test_validation_refuses_them_with_a_message(profile):
    profile.availability = [Schedule.FLEXIBLE]
    with pytest.raises(ValidationError) as error:
        profile.full_clean(exclude=["user"])
    assert error.value.message_dict["availability"] == ["Choose from the list."]
    profile.availability = []
    profile.work_settings = []
    with pytest.raises(ValidationError) as error:
        profile.full_clean(exclude=["user"])
    assert list(error.value.message_dict) == ["work_settings"]


def test_has_any_finds_the_sets_holding_a_member(db):
    evenings = seekers.profile_for(UserFactory())
    evenings.availability = [Schedule.EVENING, Schedule.WEEKEND]
    evenings.save()
    days = seekers.profile_for(UserFactory())
    days.availability = [Schedule.DAY]
    days.save()
    seekers.profile_for(UserFactory())  # no availability given

    def found(value):
        return set(SeekerProfile.objects.filter(availability__has_any=value))

    assert found(["evening"]) == {evenings}
    assert found([Schedule.DAY, Schedule.WEEKEND]) == {evenings, days}
    assert found([]) == set()


def test_seekers_and_jobs_compare_in_one_set_based_query(db, django_assert_num_queries):
    """What matching's fan-out needs: every seeker with a fitting job, in one SQL query."""
    night_remote = JobFactory(schedule=Schedule.NIGHT, work_setting=WorkSetting.REMOTE)
    JobFactory(schedule=Schedule.DAY, work_setting=WorkSetting.ONSITE)

    def seeker(settings, availability):
        profile = seekers.profile_for(UserFactory())
        profile.work_settings, profile.availability = settings, availability
        profile.save()
        return profile

    night_owl = seeker([WorkSetting.REMOTE], [Schedule.NIGHT])
    commuter = seeker([WorkSetting.ONSITE], [Schedule.DAY, Schedule.EVENING])
    seeker([WorkSetting.HYBRID], [Schedule.DAY])  # fits neither job
    seeker([WorkSetting.REMOTE], [Schedule.DAY])  # remote, but not nights

    fitting_jobs = Job.objects.filter(
        HasAny(OuterRef("availability"), bit_of("schedule", Schedule)),
        HasAny(OuterRef("work_settings"), bit_of("work_setting", WorkSetting)),
    )
    with django_assert_num_queries(1):
        found = set(SeekerProfile.objects.filter(Exists(fitting_jobs)))
    assert found == {night_owl, commuter}
    only_night = fitting_jobs.filter(pk=night_remote.pk)
    assert set(SeekerProfile.objects.filter(Exists(only_night))) == {night_owl}


def test_the_admin_filters_profiles_by_a_member(client, db):
    remote = seekers.profile_for(UserFactory(email="remote@people.example"))
    remote.work_settings = [WorkSetting.REMOTE, WorkSetting.HYBRID]
    remote.save()
    onsite = seekers.profile_for(UserFactory(email="onsite@people.example"))
    onsite.work_settings = [WorkSetting.ONSITE]
    onsite.availability = [Schedule.NIGHT]
    onsite.save()
    client.force_login(staff_user(is_superuser=True))
    url = reverse("admin:seekers_seekerprofile_changelist")

    def listed(params):
        html = client.get(url, params).content.decode()
        return {e for e in ["remote@people.example", "onsite@people.example"] if e in html}

    assert listed({"work_settings": "remote"}) == {"remote@people.example"}
    assert listed({"availability": "night"}) == {"onsite@people.example"}
    assert listed({}) == {"remote@people.example", "onsite@people.example"}
    # The change form offers the set as checkboxes, the saved members checked.
    request = RequestFactory().get("/")
    request.user = staff_user(is_superuser=True, email="other-staff@borderplex.example")
    form = admin.site.get_model_admin(SeekerProfile).get_form(request, onsite)(instance=onsite)
    html = str(form["availability"])
    assert 'type="checkbox" name="availability" value="night"' in html
    assert re.search(r'value="night"[^>]*checked', html)
    assert not re.search(r'value="day"[^>]*checked', html)
    assert "self_paced" not in html
