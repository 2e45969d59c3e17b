"""Seeker services and selectors, called directly."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, connections, transaction

from apps.seekers import selectors, services
from apps.seekers.models import Demographics, Resume, SeekerProfile, SeekerSkill
from apps.skills.models import Occupation

from .helpers import PDF, pdf_upload, skill

pytestmark = pytest.mark.django_db


def test_profile_for_creates_one_profile(personas):
    first = services.profile_for(personas.seeker)
    assert services.profile_for(personas.seeker) == first
    assert SeekerProfile.objects.filter(user=personas.seeker).count() == 1


def test_update_profile_refuses_a_bad_zip_and_saves_nothing(profile):
    with pytest.raises(ValidationError):
        services.update_profile(profile=profile, fields={"headline": "Hi", "zip_code": "7990"})
    stored = SeekerProfile.objects.get(pk=profile.pk)
    assert stored.zip_code == "" and stored.headline == ""


def test_update_profile_sets_occupations(profile):
    developers = Occupation.objects.get(soc_code="15-1252")
    services.update_profile(profile=profile, fields={"headline": "Dev"}, occupations=[developers])
    assert list(profile.target_occupations.all()) == [developers]


def test_add_skill_twice_keeps_one_row_and_the_new_level(profile):
    javascript = skill("javascript")
    services.add_skill(profile=profile, skill=javascript, level=1)
    services.add_skill(profile=profile, skill=javascript, level=3)
    assert SeekerSkill.objects.filter(profile=profile, skill=javascript).count() == 1
    assert SeekerSkill.objects.get(profile=profile, skill=javascript).level == 3


def test_add_skill_refuses_a_bad_level(profile):
    with pytest.raises(ValidationError):
        services.add_skill(profile=profile, skill=skill("javascript"), level=9)
    assert not SeekerSkill.objects.exists()


def test_verified_skills_stay_but_self_reported_ones_go(personas, profile):
    services.add_skill(profile=profile, skill=skill("javascript"), level=2)
    services.add_verified_skills(
        user=personas.seeker, skills=[skill("postgresql")], source="Data Bootcamp"
    )
    with pytest.raises(ValidationError, match="verified by a training"):
        services.remove_skill(profile=profile, skill_id=skill("postgresql").pk)
    assert services.remove_skill(profile=profile, skill_id=skill("javascript").pk) is True
    assert services.remove_skill(profile=profile, skill_id=skill("javascript").pk) is False
    remaining = SeekerSkill.objects.get(profile=profile)
    assert remaining.verified and remaining.verified_by == "Data Bootcamp"


def test_verifying_keeps_the_level_the_seeker_chose(personas, profile):
    services.add_skill(profile=profile, skill=skill("javascript"), level=3)
    changed = services.add_verified_skills(
        user=personas.seeker, skills=[skill("javascript")], source="JS Academy"
    )
    assert changed == 1
    row = SeekerSkill.objects.get(profile=profile)
    assert row.level == 3 and row.verified
    # Completing a second training that teaches it changes nothing.
    assert (
        services.add_verified_skills(
            user=personas.seeker, skills=[skill("javascript")], source="Other"
        )
        == 0
    )


@pytest.mark.parametrize(
    "query,slug",
    [("JS", "javascript"), ("postgres", "postgresql"), ("técnico", "technical-support")],
)
def test_search_matches_labels_and_aliases_in_both_languages(query, slug):
    assert selectors.skill_matches(query)[0].slug == slug


def test_search_ignores_accents_and_case():
    assert selectors.skill_matches("tecnico") == selectors.skill_matches("TÉCNICO")
    assert [s.slug for s in selectors.skill_matches("tecnico")] == ["technical-support"]


def test_search_returns_at_most_15_and_nothing_for_blank():
    assert len(selectors.skill_matches("a")) == 15
    assert selectors.skill_matches("   ") == []


# ---------------------------------------------------------------------------
# Resume
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "This file is empty."),
        (b"Dear employer, hire me.", "This file is not a PDF"),
        (b"%PDF-1.4\n" + b"0" * (6 * 1024 * 1024), "larger than 5 MB"),
    ],
)
def test_check_pdf_refuses_by_content(content, message):
    with pytest.raises(ValidationError, match=message):
        services.check_pdf(SimpleUploadedFile("resume.pdf", content))


def test_check_pdf_refuses_a_header_after_a_little_junk():
    """Bytes before the header are how HTML/PDF polyglots are made; no PDF writer adds them."""
    with pytest.raises(ValidationError, match="This file is not a PDF") as caught:
        services.check_pdf(SimpleUploadedFile("resume.pdf", b"\xef\xbb\xbf" + PDF))
    assert caught.value.code == "not_pdf"


def test_check_pdf_accepts_a_real_pdf():
    services.check_pdf(SimpleUploadedFile("resume.pdf", PDF))


def test_save_resume_replaces_and_deletes_the_old_file_after_commit(
    private_storage, profile, django_capture_on_commit_callbacks
):
    first = services.save_resume(profile=profile, upload=pdf_upload("first.pdf"))
    old_name = first.file.name
    assert (private_storage / old_name).exists()
    assert first.file.name.startswith("resumes/") and "first" not in first.file.name
    with django_capture_on_commit_callbacks(execute=True):
        second = services.save_resume(profile=profile, upload=pdf_upload("second.pdf"))
    assert Resume.objects.get(profile=profile).original_name == "second.pdf"
    assert not (private_storage / old_name).exists()
    assert (private_storage / second.file.name).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.delete_resume(profile=profile) is True
    assert not Resume.objects.exists()
    assert not (private_storage / second.file.name).exists()
    assert services.delete_resume(profile=profile) is False


def files_in(folder) -> list:
    return sorted(path.name for path in folder.rglob("*") if path.is_file())


def test_resume_storage_follows_the_settings_of_the_moment(settings, tmp_path, profile):
    """No patching: the field resolves STORAGES["private"] when it reads or writes."""
    field_storage = Resume._meta.get_field("file").storage
    assert isinstance(field_storage, Storage)
    for folder in (tmp_path / "one", tmp_path / "two"):
        settings.STORAGES = {
            **settings.STORAGES,
            "private": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(folder), "base_url": None},
            },
        }
        resume = services.save_resume(profile=profile, upload=pdf_upload())
        assert (folder / resume.file.name).read_bytes() == PDF
        assert field_storage.exists(resume.file.name)
        with resume.file.open("rb") as stored:
            assert stored.read() == PDF


def test_the_replaced_file_is_deleted_only_after_commit(
    private_storage, profile, django_capture_on_commit_callbacks
):
    old = services.save_resume(profile=profile, upload=pdf_upload("old.pdf"))
    with django_capture_on_commit_callbacks() as callbacks:
        new = services.save_resume(profile=profile, upload=pdf_upload("new.pdf"))
    # Not committed yet: both files are there, the old one for a rollback to point back to.
    assert (private_storage / old.file.name).exists() and (private_storage / new.file.name).exists()
    assert len(callbacks) == 1
    callbacks[0]()
    assert files_in(private_storage) == [new.file.name.split("/")[-1]]


class CommitRefused(DatabaseError):
    pass


def fail_after_the_row_is_written(monkeypatch):
    real_save = Resume.save

    def save(self, *args, **kwargs):
        real_save(self, *args, **kwargs)
        raise CommitRefused("the database refused the transaction")

    monkeypatch.setattr(Resume, "save", save)


@pytest.mark.django_db(transaction=True)
def test_a_failed_first_save_leaves_no_file(private_storage, profile, monkeypatch):
    fail_after_the_row_is_written(monkeypatch)
    with pytest.raises(CommitRefused):
        services.save_resume(profile=profile, upload=pdf_upload())
    assert not Resume.objects.exists()
    assert files_in(private_storage) == []


@pytest.mark.django_db(transaction=True)
def test_a_failed_replacement_keeps_the_old_resume_and_drops_the_new_file(
    private_storage, profile, monkeypatch
):
    old = services.save_resume(profile=profile, upload=pdf_upload("old.pdf"))
    fail_after_the_row_is_written(monkeypatch)
    with pytest.raises(CommitRefused):
        services.save_resume(profile=profile, upload=pdf_upload("new.pdf"))
    row = Resume.objects.get(profile=profile)
    assert (row.original_name, row.file.name) == ("old.pdf", old.file.name)
    assert (private_storage / old.file.name).read_bytes() == PDF
    assert files_in(private_storage) == [old.file.name.split("/")[-1]]


@pytest.mark.django_db(transaction=True)
def test_save_resume_refuses_to_run_inside_another_transaction(private_storage, profile):
    """An outer rollback could not take a written file back, so it is refused up front."""
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        services.save_resume(profile=profile, upload=pdf_upload())
    assert not Resume.objects.exists()
    assert files_in(private_storage) == []


@pytest.mark.django_db(transaction=True)
def test_two_first_uploads_at_once_leave_one_resume_and_one_file(
    private_storage, profile, monkeypatch
):
    """A writes its row and waits before committing; B uploads meanwhile.

    B must wait for A (the profile row lock), then replace A's resume. Were the lock
    missing, B would insert a second row for the profile and fail on the unique key.
    """
    a_written, go_commit = threading.Event(), threading.Event()
    real_save = Resume.save

    def save(self, *args, **kwargs):
        real_save(self, *args, **kwargs)
        if threading.current_thread().name == "A":
            a_written.set()
            go_commit.wait(timeout=10)

    monkeypatch.setattr(Resume, "save", save)
    outcome = {}

    def upload(name):
        def run():
            try:
                services.save_resume(profile=profile, upload=pdf_upload(f"{name}.pdf"))
                outcome[name] = "saved"
            except Exception as exc:  # reported by the assertion below
                outcome[name] = repr(exc)
            finally:
                connection.close()

        return run

    a = threading.Thread(target=upload("A"), name="A")
    b = threading.Thread(target=upload("B"), name="B")
    a.start()
    assert a_written.wait(timeout=10)
    b.start()
    # Let A commit once B is blocked on the row lock (or after 3 s if B never blocks).
    deadline = time.monotonic() + 3
    with connections["default"].cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                break
            time.sleep(0.05)
    go_commit.set()
    for thread in (a, b):
        thread.join(timeout=15)

    assert outcome == {"A": "saved", "B": "saved"}
    row = Resume.objects.get(profile=profile)
    assert row.original_name == "B.pdf"
    assert files_in(private_storage) == [row.file.name.split("/")[-1]]


# ---------------------------------------------------------------------------
# Demographics
# ---------------------------------------------------------------------------
def test_save_demographics_withheld_year_clears_the_year(personas):
    services.save_demographics(user=personas.seeker, fields={"birth_year": 1990})
    services.save_demographics(
        user=personas.seeker, fields={"birth_year": 1990, "birth_year_withheld": True}
    )
    row = Demographics.objects.get(user=personas.seeker)
    assert row.birth_year is None and row.birth_year_withheld


def test_save_demographics_refuses_a_bad_year_and_leaves_no_row(personas):
    with pytest.raises(ValidationError, match="year of birth"):
        services.save_demographics(user=personas.seeker, fields={"birth_year": 1800})
    assert not Demographics.objects.exists()


@pytest.mark.parametrize("race", [["white", "prefer_not"], ["martian"]])
def test_save_demographics_refuses_bad_race_answers(personas, race):
    with pytest.raises(ValidationError):
        services.save_demographics(user=personas.seeker, fields={"race": race})
    assert not Demographics.objects.exists()


def test_clear_demographics(personas):
    services.save_demographics(user=personas.seeker, fields={"veteran": "yes"})
    services.clear_demographics(user=personas.seeker)
    assert not Demographics.objects.exists()


# ---------------------------------------------------------------------------
# Completeness
# ---------------------------------------------------------------------------
def test_completeness_counts_steps_and_links_each_missing_one(profile):
    empty = selectors.completeness(profile)
    assert empty.percent == 0
    links = {str(label): url for label, url in empty.links}
    assert links["a headline"] == "/en/profile/step/about/"
    assert links["a resume (PDF)"] == "/en/profile/resume/"
    services.update_profile(
        profile=profile,
        fields={"headline": "Help desk", "zip_code": "79901", "availability": ["day"]},
        occupations=[Occupation.objects.get(soc_code="15-1232")],
    )
    result = selectors.completeness(profile)
    assert result.percent == 57
    assert [step for _label, step in result.missing] == ["skills", "visibility", "resume"]
