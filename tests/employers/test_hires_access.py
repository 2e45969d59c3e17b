"""Who reaches pledges and hires: an employer's own team only; another employer's pledges,
hires and applicants answer 404 (their text never shows); other roles get 403; anonymous
visitors are sent to sign in; staff alone verify. Nothing changes on the way. Hires name
people, so an employer that is not approved gets 403 there first (not_approved.html)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.employers.models import Hire, Pledge
from apps.notifications.models import Notification
from tests.factories import staff_user
from tests.factories.hires import make_application, make_hire, make_job, make_pledge

pytestmark = pytest.mark.django_db

SECRETS = [
    "Their Secret Pledge Signer",
    "their-hire@people.example",
    "Their Secret Hire",
    "Their Secret Job",
    "their-applicant@people.example",
]


@pytest.fixture
def theirs(personas):
    """Other Employer's pledge, hire and an applicant marked hired, with text to look for."""
    org = personas.orgs.other_employer
    signer = personas.other_employer
    signer.first_name, signer.last_name = "Their Secret", "Pledge Signer"
    signer.save()
    pledge = make_pledge(org, hires=77, signed_by=signer)
    hire = make_hire(
        org,
        external_name="Their Secret Hire",
        external_email="their-hire@people.example",
    )
    job = make_job(org, title="Their Secret Job")
    application = make_application(job=job)
    application.seeker.email = "their-applicant@people.example"
    application.seeker.save()
    return {"pledge": pledge, "hire": hire, "application": application}


def pledge_post():
    return {
        "hires": "999",
        "occupations": list(Pledge.objects.first().occupations.values_list("pk", flat=True)),
        "by_date": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "confirm": "on",
    }


def hire_post(application=None):
    return {
        "external_name": "Stolen",
        "external_email": "stolen@people.example",
        "occupation": (application.job.occupation_id if application else ""),
        "start_date": timezone.localdate().isoformat(),
        "wage": "20",
        "wage_unit": "hour",
    }


def requests_for(theirs):
    """Every employer URL on another employer's rows, with a plausible valid POST."""
    pledge, application = theirs["pledge"], theirs["application"]
    create_from = f"{reverse('employers:hire_create')}?application={application.pk}"
    return [
        ("get", reverse("employers:pledge_edit", args=[pledge.pk]), None),
        ("post", reverse("employers:pledge_edit", args=[pledge.pk]), pledge_post()),
        ("get", create_from, None),
        ("post", create_from, hire_post(application)),
    ]


def assert_untouched(theirs):
    pledge = Pledge.objects.get(pk=theirs["pledge"].pk)
    assert pledge.hires == 77
    hire = Hire.objects.get(pk=theirs["hire"].pk)
    assert hire.status == "reported" and hire.decided_by is None
    assert Hire.objects.count() == 1
    assert Pledge.objects.count() == 1
    assert not Notification.objects.filter(kind__startswith="hire_").exists()


@pytest.mark.parametrize("persona", ["employer", "employer_member", "pending_employer"])
def test_another_employers_rows_answer_404_and_show_nothing(client, personas, theirs, persona):
    client.force_login(getattr(personas, persona))
    for method, url, data in requests_for(theirs):
        response = getattr(client, method)(url, data or {})
        where = f"{method.upper()} {url}"
        not_approved = persona == "pending_employer" and "/hires/" in url
        assert response.status_code == (403 if not_approved else 404), where
        html = response.content.decode()
        for secret in SECRETS:
            assert secret not in html, f"{where} shows {secret!r}"
    assert_untouched(theirs)
    # Nor do they show anywhere on the employer's own pages.
    for name in ["employers:pledges", "employers:hires", "employers:hire_create"]:
        html = client.get(reverse(name)).content.decode()
        assert not any(secret in html for secret in SECRETS), name
        assert "77 hires" not in html, name


def test_a_pledge_can_be_changed_by_its_own_team_only(client, personas):
    ours = make_pledge(personas.orgs.employer)
    url = reverse("employers:pledge_edit", args=[ours.pk])
    for persona in ["employer", "employer_member"]:
        client.force_login(getattr(personas, persona))
        assert client.get(url).status_code == 200, persona
    client.force_login(personas.other_employer)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("persona", ["seeker", "provider", "partner", "staff"])
def test_other_roles_get_403_on_employer_pages_and_change_nothing(
    client, personas, theirs, persona
):
    client.force_login(getattr(personas, persona))
    own = [
        ("get", reverse("employers:pledges"), None),
        ("get", reverse("employers:pledge_create"), None),
        ("post", reverse("employers:pledge_create"), pledge_post()),
        ("get", reverse("employers:hires"), None),
        ("get", reverse("employers:hire_create"), None),
        ("post", reverse("employers:hire_create"), hire_post()),
    ]
    for method, url, data in own + requests_for(theirs):
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 403, f"{persona}: {method.upper()} {url}"
        assert "Their Secret Hire" not in response.content.decode()
    assert_untouched(theirs)


def staff_requests(hire):
    return [
        ("get", reverse("employers:hire_queue"), None),
        ("post", reverse("employers:hire_verify", args=[hire.pk]), {}),
        ("post", reverse("employers:hire_reject", args=[hire.pk]), {"reason": "Sneaky"}),
    ]


@pytest.mark.parametrize(
    "persona",
    ["seeker", "employer", "employer_member", "other_employer", "provider", "partner"],
)
def test_only_staff_verify(client, personas, theirs, persona):
    client.force_login(getattr(personas, persona))
    for method, url, data in staff_requests(theirs["hire"]):
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 403, f"{persona}: {method.upper()} {url}"
    assert_untouched(theirs)


def test_staff_without_mfa_are_sent_to_set_it_up(client, personas, theirs):
    client.force_login(staff_user(with_mfa=False, email="new-staff@borderplex.example"))
    for method, url, data in staff_requests(theirs["hire"]):
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 302, url
        assert response["Location"] == reverse("mfa_activate_totp")
    assert_untouched(theirs)


def test_anonymous_visitors_are_sent_to_sign_in(client, theirs):
    login = reverse("account_login")
    urls = [
        ("get", reverse("employers:pledges"), None),
        ("get", reverse("employers:hires"), None),
        ("post", reverse("employers:pledge_create"), pledge_post()),
        ("post", reverse("employers:hire_create"), hire_post()),
        *requests_for(theirs),
        *staff_requests(theirs["hire"]),
    ]
    for method, url, data in urls:
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 302 and response["Location"].startswith(login), url
    assert_untouched(theirs)


def test_an_employer_role_without_an_employer_organization_gets_403(client, personas):
    """An employer-role account whose organization is of another kind (data drift)."""
    odd = personas.provider
    odd.role = "employer"
    odd.save()
    client.force_login(odd)
    assert client.get(reverse("employers:pledges")).status_code == 403
    assert client.get(reverse("employers:hires")).status_code == 403


def test_gets_never_change_anything(client, personas):
    hire = make_hire(personas.orgs.employer)
    client.force_login(personas.employer)
    for name in ["employers:pledges", "employers:pledge_create", "employers:hires"]:
        assert client.get(reverse(name), {"hires": "5", "confirm": "on"}).status_code == 200
    assert client.get(reverse("employers:hire_create"), hire_post()).status_code == 200
    assert not Pledge.objects.exists()
    assert Hire.objects.count() == 1
    client.force_login(personas.staff)
    assert client.get(reverse("employers:hire_queue"), {"status": "verified"}).status_code == 200
    hire.refresh_from_db()
    assert hire.status == "reported"
