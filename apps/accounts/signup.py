"""Sign-up choices and the invitation a browser carries; shared by the form and the adapter.

Kept apart from forms.py because allauth's form module loads the adapter on import.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Invitation, Organization

INVITATION_SESSION_KEY = "techhire_invitation_token"


class AccountType(models.TextChoices):
    SEEKER = "seeker", _("I'm looking for work or training")
    EMPLOYER = "employer", _("I represent an employer")
    PROVIDER = "provider", _("I represent a training provider")
    PARTNER = "partner", _("I represent a community partner")


ORGANIZATION_ACCOUNT_TYPES = {
    AccountType.EMPLOYER: Organization.Kind.EMPLOYER,
    AccountType.PROVIDER: Organization.Kind.PROVIDER,
    AccountType.PARTNER: Organization.Kind.PARTNER,
}


def pending_invitation(request) -> Invitation | None:
    """The open invitation this browser arrived with, if any."""
    token = request.session.get(INVITATION_SESSION_KEY) if request is not None else None
    if not token:
        return None
    invitation = Invitation.objects.select_related("organization").filter(token=token).first()
    if invitation is None or not invitation.is_open:
        return None
    return invitation
