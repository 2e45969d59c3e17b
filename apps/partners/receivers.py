"""How partners reacts to sign-ups and to the domain events of the apps below it."""

from contextlib import suppress

from django.core.exceptions import ValidationError

from .services import referrals

REFERRAL_SESSION_KEY = "partners_referral_token"


def link_after_sign_up(sender, request, user, **kwargs):
    """Registered through a referral link: the token is in the session."""
    token = request.session.pop(REFERRAL_SESSION_KEY, None) if request is not None else None
    referral = referrals.referral_from_token(token) if token else None
    if referral is None:
        return
    # Not a seeker account, or linked to someone else: nothing to link.
    with suppress(ValidationError):
        referrals.link_referral(referral=referral, user=user)


def link_after_email_confirmed(sender, request, email_address, **kwargs):
    referrals.link_by_verified_email(user=email_address.user, email=email_address.email)


def refresh_after_application(sender, seeker_id, **kwargs):
    referrals.refresh_stages(person_id=seeker_id)


def refresh_after_enrollment(sender, seeker_id, **kwargs):
    referrals.refresh_stages(person_id=seeker_id)


def credit_hire(sender, hire_id, **kwargs):
    referrals.credit_hire(hire_id=hire_id)
