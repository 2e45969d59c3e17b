"""Who reaches the provider's pages: its own team only. Another provider's rows answer 404
(their text never shows), other roles get 403, anonymous visitors are sent to sign in; and
nothing changes on the way."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.trainings.models import Cohort, Enrollment, EnrollmentEvent, Program
from tests.factories import OrganizationFactory, member_of
from tests.factories.trainings import EnrollmentFactory, ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def theirs(personas):
    """Other Academy's program, class and an applicant, with text to look for."""
    program = ProgramFactory(
        provider=personas.orgs.other_provider,
        title="Their Secret Course",
        summary="Only Other Academy should ever read this summary.",
    )
    enrollment = EnrollmentFactory(
        cohort__program=program,
        cohort__location="Their Hidden Campus",
        seeker__email="their-applicant@people.example",
        note="A note only Other Academy may read.",
    )
    return enrollment


SECRETS = [
    "Their Secret Course",
    "Only Other Academy",
    "Their Hidden Campus",
    "their-applicant@people.example",
    "A note only Other Academy may read.",
]


def requests_for(enrollment):
    """Every provider URL on another provider's rows, with a plausible valid POST."""
    program, cohort = enrollment.cohort.program, enrollment.cohort
    start = timezone.localdate() + timedelta(days=60)
    cohort_post = {
        "start_date": start.isoformat(),
        "end_date": (start + timedelta(weeks=8)).isoformat(),
        "enrollment_deadline": (start - timedelta(days=9)).isoformat(),
        "seats": "9",
        "location": "Stolen",
    }
    return [
        ("get", reverse("trainings:program_detail", args=[program.pk]), None),
        ("get", reverse("trainings:program_edit", args=[program.pk]), None),
        ("post", reverse("trainings:program_edit", args=[program.pk]), {"title": "Stolen"}),
        ("post", reverse("trainings:program_status", args=[program.pk]), {"status": "archived"}),
        ("get", reverse("trainings:cohort_create", args=[program.pk]), None),
        ("post", reverse("trainings:cohort_create", args=[program.pk]), cohort_post),
        ("get", reverse("trainings:cohort_edit", args=[cohort.pk]), None),
        ("post", reverse("trainings:cohort_edit", args=[cohort.pk]), cohort_post),
        ("get", reverse("trainings:roster", args=[cohort.pk]), None),
        (
            "post",
            reverse("trainings:enrollment_status", args=[enrollment.pk]),
            {"to": "declined", "note": "Stolen"},
        ),
    ]


def assert_untouched(enrollment):
    program = Program.objects.get(pk=enrollment.cohort.program_id)
    assert program.title == "Their Secret Course" and program.status == "draft"
    assert Cohort.objects.filter(program=program).count() == 1
    cohort = Cohort.objects.get(pk=enrollment.cohort_id)
    assert cohort.location == "Their Hidden Campus" and cohort.seats == 20
    assert Enrollment.objects.get(pk=enrollment.pk).status == "applied"
    assert EnrollmentEvent.objects.filter(enrollment=enrollment).count() == 1


def test_another_providers_rows_answer_404_and_show_nothing(client, personas, theirs):
    client.force_login(personas.provider)
    for method, url, data in requests_for(theirs):
        response = getattr(client, method)(url, data or {})
        where = f"{method.upper()} {url}"
        assert response.status_code == 404, where
        html = response.content.decode()
        for secret in SECRETS:
            assert secret not in html, f"{where} shows {secret!r}"
    assert_untouched(theirs)
    # Nor do they show up anywhere on the provider's own pages.
    html = client.get(reverse("trainings:manage")).content.decode()
    assert not any(secret in html for secret in SECRETS)


@pytest.mark.parametrize(
    "persona", ["seeker", "employer", "employer_member", "partner", "pending_employer", "staff"]
)
def test_other_roles_get_403_and_change_nothing(client, personas, theirs, persona):
    client.force_login(getattr(personas, persona))
    own = [
        ("get", reverse("trainings:manage"), None),
        ("get", reverse("trainings:program_create"), None),
        ("post", reverse("trainings:program_create"), {"title": "Sneaky"}),
    ]
    for method, url, data in own + requests_for(theirs):
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 403, f"{persona}: {method.upper()} {url}"
        assert "Their Secret Course" not in response.content.decode()
    assert_untouched(theirs)
    assert not Program.objects.filter(title="Sneaky").exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, theirs):
    login = reverse("account_login")
    for method, url, data in requests_for(theirs):
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 302 and response["Location"].startswith(login), url
    assert_untouched(theirs)


def test_a_provider_role_without_a_provider_organization_gets_403(client, personas):
    """A provider-role account whose organization is of another kind (data drift) is refused."""
    odd = member_of(
        OrganizationFactory(name="Mislabeled", kind="employer"), email="odd@people.example"
    )
    odd.role = "provider"
    odd.save()
    client.force_login(odd)
    assert client.get(reverse("trainings:manage")).status_code == 403


def test_gets_change_nothing(client, personas):
    enrollment = EnrollmentFactory(cohort__program__provider=personas.orgs.provider)
    program = enrollment.cohort.program
    client.force_login(personas.provider)
    for url in [
        reverse("trainings:program_status", args=[program.pk]) + "?status=published",
        reverse("trainings:enrollment_status", args=[enrollment.pk]) + "?to=accepted",
    ]:
        assert client.get(url).status_code == 405
    program.refresh_from_db()
    enrollment.refresh_from_db()
    assert program.status == "draft" and enrollment.status == "applied"
