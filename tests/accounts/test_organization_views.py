"""An organization's own page: profile, team, invitations."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from apps.accounts.models import Invitation, Membership, User
from apps.core.i18n import localized
from tests.factories import InvitationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_owner_sees_team_and_invitation_form(client, personas):
    client.force_login(personas.employer)
    response = client.get(reverse("accounts:organization"))
    html = response.content.decode()
    assert response.status_code == 200
    assert personas.employer_member.email in html
    assert "Invite a teammate" in html
    assert personas.other_employer.email not in html


def test_member_sees_team_but_cannot_manage_it(client, personas):
    client.force_login(personas.employer_member)
    html = client.get(reverse("accounts:organization")).content.decode()
    assert "owner can invite teammates." in html
    assert f'action="{reverse("accounts:invitation_create")}"' not in html
    assert client.get(reverse("accounts:organization_edit")).status_code == 403
    response = client.post(
        reverse("accounts:invitation_create"), {"email": "x@people.example", "language": "en"}
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_owner_invites_and_the_invitee_signs_up_without_a_second_verification(
    client, personas, django_capture_on_commit_callbacks
):
    client.force_login(personas.employer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:invitation_create"),
            {"email": "newhire@people.example", "language": "en"},
        )
    assert response.status_code == 302
    link = re.search(r"https?://[^/\s]+(/en/invitations/[^\s]+/)", mail.outbox[0].body).group(1)
    client.logout()

    response = client.get(link)
    assert response.status_code == 200
    assert "Join Sun City Software on Reboot El Paso" in response.content.decode()
    # The sign-up form no longer asks who you are: the invitation says it.
    signup = client.get(reverse("account_signup")).content.decode()
    assert 'name="account_type"' not in signup
    assert "newhire@people.example" in signup
    response = client.post(
        reverse("account_signup"),
        {
            "first_name": "New",
            "last_name": "Hire",
            "email": "newhire@people.example",
            "password1": "Correct-Horse-Battery-9",
            "password2": "Correct-Horse-Battery-9",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")  # signed in: the link proved the address
    user = User.objects.get(email="newhire@people.example")
    membership = Membership.objects.get(user=user)
    assert membership.organization == personas.orgs.employer
    assert membership.role == "member"
    assert user.role == "employer"
    assert Invitation.objects.get().accepted_by == user


def test_signed_in_person_accepts_with_a_post(client, personas):
    invitation = InvitationFactory(
        organization=personas.orgs.provider, email="joiner@people.example"
    )
    joiner = UserFactory(email="joiner@people.example")
    client.force_login(joiner)
    url = reverse("accounts:invitation", args=[invitation.token])
    assert client.get(url).status_code == 200
    assert not Membership.objects.filter(user=joiner).exists()  # GET changes nothing
    response = client.post(url)
    assert response.status_code == 302
    assert Membership.objects.get(user=joiner).organization == personas.orgs.provider


def test_accepting_someone_elses_invitation_is_refused(client, personas):
    invitation = InvitationFactory(
        organization=personas.orgs.provider, email="joiner@people.example"
    )
    client.force_login(personas.seeker)
    response = client.post(reverse("accounts:invitation", args=[invitation.token]))
    assert response.status_code == 400
    assert "was sent to joiner@people.example" in response.content.decode()
    assert not Membership.objects.filter(user=personas.seeker).exists()


def test_unknown_invitation_token_is_404(client):
    assert client.get(reverse("accounts:invitation", args=["nope"])).status_code == 404


@pytest.mark.parametrize(
    "data,text",
    [
        ({"email": "not-an-email", "language": "en"}, "Enter an email address like name@"),
        ({"email": "ok@people.example", "language": "fr"}, "Choose the language of the invitation"),
        ({}, "Enter the email address of the teammate you invite."),
        ({"email": "member@suncity.example", "language": "en"}, "already on your team"),
    ],
)
def test_bad_invitations_are_400_and_send_nothing(client, personas, data, text):
    client.force_login(personas.employer)
    response = client.post(reverse("accounts:invitation_create"), data)
    assert response.status_code == 400
    assert text in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("email", ["owner@other-employer.example", "OWNER@borderland.example"])
def test_inviting_a_member_of_another_organization_is_refused_at_once(client, personas, email):
    """A person belongs to one organization: say so now, not when they try to accept."""
    client.force_login(personas.employer)
    response = client.post(
        reverse("accounts:invitation_create"), {"email": email, "language": "en"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "already belongs to another organization on the portal" in html
    assert "We emailed an invitation" not in html
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_inviting_an_account_of_another_kind_is_refused_at_once(client, personas):
    UserFactory(email="trainer@people.example", role="provider")  # no organization (yet)
    client.force_login(personas.employer)
    response = client.post(
        reverse("accounts:invitation_create"),
        {"email": "trainer@people.example", "language": "en"},
    )
    assert response.status_code == 400
    assert "is for a different kind of organization" in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_the_refusal_speaks_the_owners_language(client, personas):
    personas.employer.preferred_language = "es"
    personas.employer.save()
    client.force_login(personas.employer)
    with translation.override("es"):  # where the owner works: signing in leads to Spanish
        url = reverse("accounts:invitation_create")
    response = client.post(
        url,
        {"email": "owner@other-employer.example", "language": "en"},
    )
    assert response.status_code == 400
    with translation.override("es"):
        message = gettext(
            "%(email)s already belongs to another organization on the portal. A person "
            "can belong to only one organization."
        ) % {"email": "owner@other-employer.example"}
    assert escape(message) in response.content.decode()


def test_a_seeker_account_can_still_be_invited(client, personas):
    client.force_login(personas.employer)
    response = client.post(
        reverse("accounts:invitation_create"), {"email": personas.seeker.email, "language": "en"}
    )
    assert response.status_code == 302
    assert Invitation.objects.get().email == personas.seeker.email


def test_owner_cancels_an_invitation_but_not_another_organizations(client, personas):
    mine = InvitationFactory(organization=personas.orgs.employer)
    theirs = InvitationFactory(organization=personas.orgs.other_employer)
    client.force_login(personas.employer)
    assert client.post(reverse("accounts:invitation_revoke", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("accounts:invitation_revoke", args=[mine.pk])).status_code == 302
    assert list(Invitation.objects.all()) == [theirs]


@pytest.mark.parametrize(
    "data,text",
    [
        ({"website": "not a url", "city": "El Paso", "description": ""}, "Enter a valid URL"),
        ({"website": "", "city": "", "description": ""}, "Enter the city your organization is in"),
        ({"website": "", "city": "El Paso", "description": "x" * 2001}, "at most 2000"),
        (
            {"website": "", "logo_url": "http://x.example/logo.png", "city": "El Paso"},
            "Enter an address that starts with https://.",
        ),
        ({"website": "", "logo_url": "javascript:alert(1)", "city": "El Paso"}, "https://"),
    ],
)
def test_bad_profile_edits_are_400_and_save_nothing(client, personas, data, text):
    client.force_login(personas.employer)
    response = client.post(reverse("accounts:organization_edit"), data)
    assert response.status_code == 400
    assert text in response.content.decode()
    personas.orgs.employer.refresh_from_db()
    assert personas.orgs.employer.description == "We build things in El Paso."


def test_an_empty_profile_edit_is_a_400_that_says_what_to_do(client, personas):
    client.force_login(personas.employer)
    response = client.post(localized(reverse("accounts:organization_edit"), "es"), {})
    assert response.status_code == 400
    assert response.context["form"].errors["city"] == [
        "Escriba la ciudad donde está su organización, como El Paso, TX."
    ]
    personas.orgs.employer.refresh_from_db()
    assert personas.orgs.employer.description == "We build things in El Paso."


def test_the_owner_gives_a_website_and_a_logo(client, personas):
    client.force_login(personas.employer)
    response = client.post(
        reverse("accounts:organization_edit"),
        {
            "website": "suncity.example",
            "logo_url": "https://suncity.example/logo.png",
            "city": "El Paso, TX",
            "description": "Software for the border region.",
        },
    )
    assert response.status_code == 302
    organization = personas.orgs.employer
    organization.refresh_from_db()
    assert organization.website == "https://suncity.example"
    assert organization.logo_url == "https://suncity.example/logo.png"
    # Only search engines read the logo: the public page loads no image from elsewhere.
    page = client.get(reverse("accounts:public", args=[organization.slug])).content.decode()
    assert "logo.png" not in page


def test_account_settings_change_name_and_language(client, personas):
    client.force_login(personas.seeker)
    response = client.post(
        reverse("accounts:settings"),
        {"first_name": "Ana", "last_name": "Luna", "preferred_language": "es"},
    )
    assert response.status_code == 302
    personas.seeker.refresh_from_db()
    assert personas.seeker.preferred_language == "es"
    assert response.cookies["techhire_language"].value == "es"
    assert response["Location"] == "/es/accounts/settings/"  # the page in the new language
    response = client.post(
        reverse("accounts:settings"),
        {"first_name": "", "last_name": "Luna", "preferred_language": "de"},
    )
    assert response.status_code == 400
    personas.seeker.refresh_from_db()
    assert personas.seeker.first_name == "Ana"


@pytest.mark.parametrize(
    "data,text",
    [
        ({"first_name": "", "last_name": "Luna"}, "Enter your first name."),
        ({"first_name": "Ana", "last_name": "   "}, "Enter your last name."),
    ],
)
def test_account_settings_keep_a_name(client, personas, data, text):
    """Sign-up asks for both names; settings cannot clear them."""
    client.force_login(personas.seeker)
    before = (personas.seeker.first_name, personas.seeker.last_name)
    response = client.post(reverse("accounts:settings"), {**data, "preferred_language": "en"})
    assert response.status_code == 400
    html = response.content.decode()
    assert text in html
    assert "This field is required" not in html
    assert "Your settings are saved" not in html
    personas.seeker.refresh_from_db()
    assert (personas.seeker.first_name, personas.seeker.last_name) == before


@pytest.mark.parametrize(
    ("who", "represent", "team"),
    [
        ("employer", "You represent this employer", "post jobs or review applicants"),
        ("provider", "You represent this training provider", "manage programs, classes"),
        ("partner", "You represent this community partner", "work with Reboot El Paso for"),
    ],
)
def test_the_dashboard_speaks_to_each_kind_of_organization(client, personas, who, represent, team):
    client.force_login(getattr(personas, who))
    html = client.get(reverse("dashboard")).content.decode()
    assert represent in html and team in html
    assert "You represent this Employer" not in html
    if who == "partner":
        assert "review applicants" not in html and "manage classes" not in html
