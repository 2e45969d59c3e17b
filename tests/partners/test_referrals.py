"""Referrals: invitation email, linking an account, stages from real records, consent, credit."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Organization, Role
from apps.core.i18n import localized
from apps.employers.services.hires import reject_hire, verify_hire
from apps.employers.signals import application_status_changed
from apps.notifications.models import Notification
from apps.partners.models import CreditedHire, Referral, Stage
from apps.partners.selectors import hires_by_partner
from apps.partners.services import referrals as services
from apps.trainings.models import EnrollmentStatus
from apps.trainings.services import change_status
from tests.factories import OrganizationFactory, UserFactory, member_of
from tests.factories.employers import ApplicationFactory, HireFactory
from tests.factories.partners import ReferralFactory
from tests.factories.trainings import EnrollmentFactory

pytestmark = pytest.mark.django_db


def refer(personas, email="lupe@people.example", language="es", **kw):
    return services.refer_person(
        partner=personas.orgs.partner,
        referred_by=personas.partner,
        name="Lupe García",
        email=email,
        language=language,
        **kw,
    )


def test_a_referral_emails_an_invitation_in_the_persons_language(personas):
    referral = refer(personas, email="  Lupe@People.Example ", note="Le va a gustar.")
    assert referral.email == "lupe@people.example"
    note = Notification.objects.get(kind="referral_invitation")
    assert note.email == "lupe@people.example"
    assert note.language == "es"
    assert note.recipient is None
    assert note.context["partner_name"] == "Progress 321"
    assert services.referral_from_token(note.context["url"].split("/")[-2]) == referral
    assert referral.stage == Stage.INVITED


def test_referring_the_same_person_twice_is_refused(personas):
    refer(personas)
    with pytest.raises(ValidationError):
        refer(personas, email="LUPE@people.example")
    assert Referral.objects.count() == 1


def test_an_unapproved_partner_cannot_refer(personas):
    pending = OrganizationFactory(
        name="New Partner", kind=Organization.Kind.PARTNER, status=Organization.Status.PENDING
    )
    with pytest.raises(ValidationError):
        services.refer_person(
            partner=pending, referred_by=None, name="A", email="a@x.example", language="en"
        )
    assert not Referral.objects.exists()


def test_a_tampered_token_finds_nothing(personas):
    referral = refer(personas)
    token = services.referral_token(referral)
    assert services.referral_from_token(token[:-2] + "xx") is None


def test_signing_up_through_the_link_links_the_account(client, personas):
    referral = refer(personas)
    token = services.referral_token(referral)
    assert client.get(reverse("partners:referral_landing", args=[token])).status_code == 200
    response = client.post(
        reverse("account_signup"),
        {
            "account_type": "seeker",
            "email": "lupe@people.example",
            "password1": "a-long-enough-passphrase-1",
            "password2": "a-long-enough-passphrase-1",
            "first_name": "Lupe",
            "last_name": "García",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    referral.refresh_from_db()
    assert referral.person is not None
    assert referral.person.email == "lupe@people.example"
    assert referral.stage == Stage.REGISTERED


def test_a_verified_email_links_a_later_account(personas):
    referral = refer(personas)
    user = UserFactory(email="lupe@people.example", role=Role.SEEKER)
    address = EmailAddress.objects.get(user=user)
    email_confirmed.send(sender=EmailAddress, request=None, email_address=address)
    referral.refresh_from_db()
    assert referral.person == user


def test_an_existing_account_confirms_the_link_once(client, personas):
    referral = refer(personas, email=personas.seeker.email)
    client.force_login(personas.seeker)
    url = reverse("partners:referral_landing", args=[services.referral_token(referral)])
    assert "Link my account" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.person == personas.seeker


def test_an_employer_account_cannot_be_linked(client, personas):
    referral = refer(personas, email=personas.employer.email)
    client.force_login(personas.employer)
    url = reverse("partners:referral_landing", args=[services.referral_token(referral)])
    client.post(url)
    referral.refresh_from_db()
    assert referral.person is None


def test_stages_follow_real_records_through_the_events(
    personas, django_capture_on_commit_callbacks
):
    seeker = personas.seeker
    referral = ReferralFactory(partner=personas.orgs.partner, email=seeker.email)
    services.link_referral(referral=referral, user=seeker)
    referral.refresh_from_db()
    assert referral.stage == Stage.REGISTERED

    enrollment = EnrollmentFactory(
        seeker=seeker,
        status=EnrollmentStatus.ENROLLED,
        cohort__start_date=timezone.localdate() - timedelta(days=90),
    )
    with django_capture_on_commit_callbacks(execute=True):
        change_status(
            enrollment=enrollment,
            to=EnrollmentStatus.COMPLETED,
            actor=None,
            credential_earned=True,
        )
    referral.refresh_from_db()
    assert referral.applied_at is not None
    assert referral.stage == Stage.COMPLETED

    hire = HireFactory(seeker=seeker)
    with django_capture_on_commit_callbacks(execute=True):
        verify_hire(hire=hire, reviewer=personas.staff)
    referral.refresh_from_db()
    assert referral.stage == Stage.HIRED
    assert CreditedHire.objects.get(hire=hire).partner == personas.orgs.partner


def test_an_application_moves_the_stage(personas, django_capture_on_commit_callbacks):
    referral = ReferralFactory(partner=personas.orgs.partner, person=personas.seeker)
    application = ApplicationFactory(seeker=personas.seeker)
    with django_capture_on_commit_callbacks(execute=True):
        application_status_changed.send(
            sender=None,
            application_id=application.pk,
            seeker_id=personas.seeker.pk,
            job_id=application.job_id,
            old_status=None,
            new_status="submitted",
        )
    referral.refresh_from_db()
    assert referral.stage == Stage.APPLIED


def test_the_earliest_referral_gets_the_credit(personas, django_capture_on_commit_callbacks):
    seeker = personas.seeker
    first = ReferralFactory(partner=personas.orgs.other_partner, person=seeker)
    ReferralFactory(partner=personas.orgs.partner, person=seeker)
    hire = HireFactory(seeker=seeker)
    with django_capture_on_commit_callbacks(execute=True):
        verify_hire(hire=hire, reviewer=personas.staff)
    credit = CreditedHire.objects.get()
    assert credit.referral == first
    start = hire.start_date
    assert hires_by_partner(start, start) == [
        {"partner_id": personas.orgs.other_partner.pk, "partner": "Other Partner", "hires": 1}
    ]


def test_a_rejected_hire_is_not_credited(personas, django_capture_on_commit_callbacks):
    ReferralFactory(partner=personas.orgs.partner, person=personas.seeker)
    hire = HireFactory(seeker=personas.seeker)
    with django_capture_on_commit_callbacks(execute=True):
        reject_hire(hire=hire, reviewer=personas.staff, reason="Could not confirm.")
    assert not CreditedHire.objects.exists()


def test_an_external_hire_is_credited_by_the_referred_email(personas):
    referral = ReferralFactory(partner=personas.orgs.partner, email="ext@people.example")
    hire = HireFactory(
        seeker=None, external_name="Ext", external_email="EXT@people.example", status="verified"
    )
    services.credit_hire(hire_id=hire.pk)
    assert CreditedHire.objects.get().referral == referral


def test_withdrawn_consent_hides_the_stage(client, personas):
    referral = ReferralFactory(
        partner=personas.orgs.partner,
        person=personas.seeker,
        registered_at=personas.seeker.date_joined,
    )
    client.force_login(personas.seeker)
    response = client.post(reverse("partners:consent", args=[referral.pk]), {"share": "no"})
    assert response.status_code == 302
    client.force_login(personas.partner)
    html = client.get(reverse("partners:referral", args=[referral.pk])).content.decode()
    assert "Consent withdrawn" in html
    assert 'data-testid="timeline"' not in html
    client.force_login(personas.seeker)
    client.post(reverse("partners:consent", args=[referral.pk]), {"share": "yes"})
    referral.refresh_from_db()
    assert not referral.consent_withdrawn


def test_the_person_sees_who_referred_them(client, personas):
    ReferralFactory(
        partner=personas.orgs.partner, person=personas.seeker, referred_by=personas.partner
    )
    client.force_login(personas.seeker)
    html = client.get(reverse("partners:mine")).content.decode()
    assert "Progress 321" in html


def test_another_persons_referral_consent_answers_404(client, personas):
    theirs = ReferralFactory(partner=personas.orgs.partner, person=personas.other_seeker)
    client.force_login(personas.seeker)
    response = client.post(reverse("partners:consent", args=[theirs.pk]), {"share": "no"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert not theirs.consent_withdrawn


def test_the_refer_form_creates_and_a_bad_email_is_a_400(client, personas):
    client.force_login(personas.partner)
    response = client.post(
        reverse("partners:refer"), {"name": "X", "email": "nope", "language": "en"}
    )
    assert response.status_code == 400
    assert not Referral.objects.exists()
    response = client.post(
        reverse("partners:refer"),
        {"name": "Sam Rivera", "email": "sam@people.example", "language": "en"},
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.referred_by == personas.partner


def test_partner_a_never_sees_partner_bs_referrals(client, personas):
    theirs = ReferralFactory(partner=personas.orgs.other_partner, name="Hidden Person")
    client.force_login(personas.partner)
    assert client.get(reverse("partners:referral", args=[theirs.pk])).status_code == 404
    assert "Hidden Person" not in client.get(reverse("partners:referrals")).content.decode()
    assert "Hidden Person" not in client.get(reverse("partners:export")).content.decode()


def test_a_partner_never_sees_application_details(client, personas):
    referral = ReferralFactory(partner=personas.orgs.partner, person=personas.seeker)
    ApplicationFactory(seeker=personas.seeker, job__title="Secret Job Title")
    services.refresh_stages(person_id=personas.seeker.pk)
    client.force_login(personas.partner)
    html = client.get(reverse("partners:referral", args=[referral.pk])).content.decode()
    assert "Secret Job Title" not in html
    assert "Applied or enrolled" in html


def test_a_member_of_a_partner_refers_too(client, personas):
    member = member_of(personas.orgs.partner, owner=False, email="member@progress321.example")
    client.force_login(member)
    assert client.get(reverse("partners:refer")).status_code == 200


@pytest.mark.parametrize(
    "language,messages",
    [
        (
            "en",
            {
                "name": "Enter the name of the person you refer.",
                "email": "Enter the email address we should send the invitation to.",
                "language": "Choose the language of the invitation.",
            },
        ),
        (
            "es",
            {
                "name": "Escriba el nombre de la persona que refiere.",
                "email": "Escriba el correo electrónico al que enviaremos la invitación.",
                "language": "Elija el idioma de la invitación.",
            },
        ),
    ],
)
def test_an_empty_referral_says_what_each_field_needs(client, personas, language, messages):
    client.force_login(personas.partner)
    response = client.post(localized(reverse("partners:refer"), language), {})
    assert response.status_code == 400
    assert {f: list(e) for f, e in response.context["form"].errors.items()} == {
        field: [message] for field, message in messages.items()
    }
    assert not Referral.objects.exists()
