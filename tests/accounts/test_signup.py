"""Sign-up → verification email → sign-in, for every role, in English and Spanish."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from apps.accounts.models import Membership, Organization, User
from apps.core.i18n import localized
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.factories import OrganizationFactory, UserFactory
from tests.form_messages import assert_fields_say

pytestmark = pytest.mark.django_db

PASSWORD = "Correct-Horse-Battery-9"


def signup_data(**overrides):
    data = {
        "account_type": "seeker",
        "first_name": "Lupe",
        "last_name": "García",
        "organization_name": "",
        "email": "lupe@people.example",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return data


def confirmation_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/(?:en|es)/accounts/confirm-email/[^\s]+/)", message.body)
    assert match, f"no confirmation link in: {message.body}"
    return match.group(1)


PAGES = [
    "account_signup",
    "account_email_verification_sent",
    "account_login",
    "account_logout",
    "dashboard",
]
ROLES = [
    ("seeker", None, "seeker"),
    ("employer", "Desert Data", "employer"),
    ("provider", "Desert Academy", "provider"),
    ("partner", "Desert Partners", "partner"),
]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("account_type,org_name,role", ROLES)
def test_sign_up_verify_and_sign_in(
    client, language, account_type, org_name, role, django_capture_on_commit_callbacks
):
    with translation.override(language):  # signing up on the page in that language
        url = {name: reverse(name) for name in PAGES}
    # The confirmation email goes through the notifications outbox, sent after commit.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url["account_signup"],
            signup_data(account_type=account_type, organization_name=org_name or ""),
        )
    assert response.status_code == 302
    assert response["Location"] == url["account_email_verification_sent"]

    user = User.objects.get(email="lupe@people.example")
    assert user.role == role
    assert user.preferred_language == language
    assert not EmailAddress.objects.get(user=user).verified
    if org_name:
        membership = Membership.objects.select_related("organization").get(user=user)
        assert membership.role == "owner"
        assert membership.organization.name == org_name
        assert membership.organization.status == Organization.Status.PENDING
    else:
        assert not Membership.objects.filter(user=user).exists()

    # Mandatory verification: no dashboard before the email is confirmed.
    response = client.get(url["dashboard"])
    assert response.status_code == 302

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lupe@people.example"]
    with translation.override(language):
        greeting = gettext("Hello from Reboot El Paso!")
    assert greeting in message.body
    if language == "es":
        assert greeting != "Hello from Reboot El Paso!"

    link = confirmation_link(message)
    assert link.startswith(f"/{language}/")
    assert client.get(link).status_code == 200
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified

    client.post(url["account_logout"])
    response = client.post(
        url["account_login"], {"login": "LUPE@people.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == url["dashboard"]
    response = client.get(url["dashboard"])
    assert response.status_code == 200
    assert response.headers["Content-Language"] == language
    if org_name:
        assert org_name in response.content.decode()
        assert b'data-testid="org-status"' in response.content


def test_signup_form_asks_who_you_are(client):
    response = client.get(reverse("account_signup"))
    html = response.content.decode()
    for label in [
        "I&#x27;m looking for work or training",
        "I represent an employer",
        "I represent a training provider",
        "I represent a community partner",
    ]:
        assert label in html


def assert_refused(response, text):
    assert response.status_code == 400
    assert text in response.content.decode()


def test_duplicate_email_is_refused_with_a_clear_message(client):
    UserFactory(email="lupe@people.example")
    response = client.post(reverse("account_signup"), signup_data(email="Lupe@People.example"))
    assert_refused(response, "An account with this email address already exists")
    assert User.objects.count() == 1
    assert mail.outbox == []


def test_asking_sign_up_which_addresses_exist_is_rate_limited(client, settings):
    """Sign-up says plainly that an address has an account (docs/security.md, "Sign-up"): the
    price is that it answers "has this email an account?", so one IP address may ask 20 times a
    minute, then gets the portal's 429 page, in the person's language."""
    assert settings.ACCOUNT_RATE_LIMITS["signup"] == "20/m/ip"
    UserFactory(email="known@people.example")
    for n in range(20):
        response = client.post(reverse("account_signup"), signup_data(email="known@people.example"))
        assert response.status_code == 400, n
    response = client.post(reverse("account_signup"), signup_data(email="other@people.example"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many attempts in a short time" in html
    assert "already exists" not in html
    assert not User.objects.filter(email="other@people.example").exists()
    response = client.post(
        localized(reverse("account_signup"), "es"), signup_data(email="other@people.example")
    )
    assert "Demasiados intentos en poco tiempo" in response.content.decode()


@pytest.mark.parametrize(
    "password,text",
    [
        ("short1", "too short"),
        ("password123", "too common"),
        ("83920174652", "entirely numeric"),
    ],
)
def test_weak_passwords_are_refused(client, password, text):
    response = client.post(
        reverse("account_signup"), signup_data(password1=password, password2=password)
    )
    assert_refused(response, text)
    assert not User.objects.exists()


def test_organization_signup_needs_the_organization_name(client):
    response = client.post(reverse("account_signup"), signup_data(account_type="employer"))
    assert_refused(response, "Enter the name of the organization you represent.")
    assert not User.objects.exists()
    assert not Organization.objects.exists()


@pytest.mark.parametrize(
    "language,absent",
    [("en", "Enter the name of the organization"), ("es", "Escriba el nombre de la organización")],
)
def test_a_too_long_organization_name_gets_one_error(client, language, absent):
    with translation.override(language):
        url = reverse("account_signup")
    response = client.post(
        url,
        signup_data(account_type="employer", organization_name="x" * 201),
    )
    assert response.status_code == 400
    html = response.content.decode()
    with translation.override(language):
        assert escape(response.context["form"].errors["organization_name"][0]) in html
    assert response.context["form"].errors["organization_name"].as_data()[0].code == "max_length"
    assert len(response.context["form"].errors["organization_name"]) == 1
    assert absent not in html
    assert not User.objects.exists()
    assert not Organization.objects.exists()


def test_an_existing_organization_cannot_be_signed_up_again(client):
    OrganizationFactory(name="Desert Data", kind="employer")
    response = client.post(
        reverse("account_signup"),
        signup_data(account_type="employer", organization_name="DESERT DATA"),
    )
    assert_refused(response, "Ask its owner to invite you instead.")
    assert not User.objects.exists()
    assert Organization.objects.count() == 1


@pytest.mark.parametrize(
    "overrides,text",
    [
        ({"account_type": "staff"}, "Choose who you are: a job seeker, or who you represent."),
        ({"email": "not-an-email"}, "Enter a valid email address"),
        ({"first_name": ""}, "Enter your first name."),
        ({"last_name": " "}, "Enter your last name."),
        ({"password2": "Something-Else-77"}, "You must type the same password each time"),
        ({"first_name": "x" * 151}, "at most 150 characters"),
    ],
)
def test_malformed_signups_are_refused_and_nothing_is_saved(client, overrides, text):
    response = client.post(reverse("account_signup"), signup_data(**overrides))
    assert_refused(response, text)
    assert not User.objects.exists()


def test_nobody_can_sign_up_as_staff_through_a_crafted_post(client):
    response = client.post(reverse("account_signup"), signup_data(account_type="board"))
    assert response.status_code == 400
    assert not User.objects.filter(role="staff").exists()


def test_unverified_people_cannot_sign_in(client):
    UserFactory(email="new@people.example", verified=False)
    response = client.post(
        reverse("account_login"),
        {"login": "new@people.example", "password": "a-long-test-password"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert client.get(reverse("dashboard")).status_code == 302


def test_signing_in_from_an_english_page_speaks_the_accounts_language(client, settings):
    user = UserFactory(email="lupe@people.example", preferred_language="es")
    response = client.post(
        "/en/accounts/login/",
        {"login": "lupe@people.example", "password": "a-long-test-password"},
        follow=True,
        headers={"accept-language": "en"},
    )
    # With nowhere asked for, signing in leads to the dashboard in the account's language.
    assert response.redirect_chain == [("/es/dashboard/", 302)]
    with translation.override("es"):  # allauth's own message, in allauth's Spanish
        welcome = render_to_string("account/messages/logged_in.txt", {"user": user}).strip()
    with translation.override("en"):
        english = render_to_string("account/messages/logged_in.txt", {"user": user}).strip()
    assert welcome != english
    assert welcome in [str(m) for m in response.context["messages"]]
    # The browser keeps Spanish after signing out, too.
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    client.post(reverse("account_logout"))
    assert client.get("/")["Location"] == "/es/"


def test_wrong_password_is_a_clear_400(client):
    UserFactory(email="known@people.example")
    response = client.post(
        reverse("account_login"), {"login": "known@people.example", "password": "nope-nope-nope"}
    )
    assert_refused(response, "The email address and/or password you specified are not correct.")


def test_sign_in_is_rate_limited(client):
    UserFactory(email="known@people.example")
    responses = [
        client.post(
            reverse("account_login"), {"login": "known@people.example", "password": "wrong-guess"}
        )
        for _ in range(6)
    ]
    assert [r.status_code for r in responses] == [400] * 6
    assert "Too many failed login attempts" not in responses[4].content.decode()
    assert "Too many failed login attempts" in responses[5].content.decode()
    # Even the right password is refused while the limit holds.
    response = client.post(
        reverse("account_login"),
        {"login": "known@people.example", "password": "a-long-test-password"},
    )
    assert response.status_code == 400


def test_password_reset_email_goes_out_in_the_accounts_language(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="es@people.example", preferred_language="es")
    with django_capture_on_commit_callbacks(execute=True):  # asked for on the English page
        response = client.post(reverse("account_reset_password"), {"email": "es@people.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    with translation.override("es"):
        greeting = gettext("Hello from Reboot El Paso!")
    body = mail.outbox[0].body
    assert greeting in body and greeting != "Hello from Reboot El Paso!"
    # Its link opens the Spanish page, and the reset works there.
    link = re.search(r"https?://[^/\s]+(/\S+/accounts/password/reset/key/\S+/)", body).group(1)
    assert link.startswith("/es/accounts/password/reset/key/")
    response = client.get(link, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith("/es/accounts/password/reset/key/")
    response = client.post(
        response.redirect_chain[-1][0], {"password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/es/accounts/password/reset/key/done/"
    assert User.objects.get(email="es@people.example").check_password(PASSWORD)


def test_email_change_takes_effect_once_the_new_address_is_confirmed(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="old@people.example")
    client.force_login(user)
    # Managing addresses asks to confirm it is them first (test_privacy_reauthentication).
    client.post(reverse("account_reauthenticate"), {"password": FACTORY_PASSWORD})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_email"), {"email": "new@people.example", "action_add": ""}
        )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "old@people.example"  # nothing changes before confirmation
    assert mail.outbox[-1].to == ["new@people.example"]
    client.post(confirmation_link(mail.outbox[-1]))
    user.refresh_from_db()
    assert user.email == "new@people.example"
    assert EmailAddress.objects.get(user=user).email == "new@people.example"


def test_email_change_to_a_taken_address_is_refused(client):
    UserFactory(email="taken@people.example")
    user = UserFactory(email="mine@people.example")
    client.force_login(user)
    client.post(reverse("account_reauthenticate"), {"password": FACTORY_PASSWORD})
    response = client.post(reverse("account_email"), {"email": "not-an-email", "action_add": ""})
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.email == "mine@people.example"


@pytest.mark.parametrize(
    "language,messages",
    [
        (
            "en",
            {
                "account_type": "Choose who you are: a job seeker, or who you represent.",
                "first_name": "Enter your first name.",
                "last_name": "Enter your last name.",
                "email": "Enter your email address.",
                "password1": "Choose a password.",
                "password2": "Enter the same password again.",
            },
        ),
        (
            "es",
            {
                "account_type": (
                    "Indique quién es usted: alguien que busca empleo, o a quién representa."
                ),
                "email": "Escriba su correo electrónico.",
                "password1": "Elija una contraseña.",
                "password2": "Escriba la misma contraseña otra vez.",
            },
        ),
    ],
)
def test_an_empty_sign_up_says_what_each_field_needs(client, language, messages):
    response = client.post(localized(reverse("account_signup"), language), {})
    assert_fields_say(response, messages)
    assert User.objects.count() == 0
