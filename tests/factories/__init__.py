"""factory_boy factories for the portal's rows. Every user they make can sign in.

The one place tests get their rows: one factory per model here and in employers.py and
trainings.py; scenarios that take several steps (a hire reported and decided through the
services, a training completed, an applicant with skills) in hires.py, pipeline.py and
trainings.published_cohort, built on the factories."""

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone
from django.utils.text import slugify

from apps.accounts.models import Invitation, Membership, Organization, Role, User

PASSWORD = "a-long-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@people.example")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    role = Role.SEEKER
    preferred_language = "en"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """A confirmed primary address, as allauth needs for mandatory verification."""
        if not create:
            return
        obj.save()  # keeps the password set above
        if extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Organization.Kind.EMPLOYER
    status = Organization.Status.APPROVED
    approved_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == Organization.Status.APPROVED else None
    )
    description = "We build things in El Paso."


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Membership.Role.OWNER


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organization = factory.SubFactory(OrganizationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@people.example")
    language = "en"


def member_of(organization: Organization, *, owner: bool = True, **user_fields) -> User:
    """A user representing `organization`, with the role that goes with its kind."""
    user = UserFactory(role=organization.member_role, **user_fields)
    MembershipFactory(
        user=user,
        organization=organization,
        role=Membership.Role.OWNER if owner else Membership.Role.MEMBER,
    )
    return user


def staff_user(*, with_mfa: bool = True, **user_fields) -> User:
    board = Organization.objects.filter(kind=Organization.Kind.BOARD).first() or (
        OrganizationFactory(name="Workforce Solutions Borderplex", kind=Organization.Kind.BOARD)
    )
    user = member_of(board, is_staff=True, **user_fields)
    if with_mfa:
        TOTP.activate(user, generate_totp_secret())
    return user
