"""Emails about accounts and organizations, sent by a worker after the write commits."""

from celery import shared_task
from django.conf import settings
from django.urls import reverse

from apps.core.emails import absolute_url, send_email
from apps.core.tasks import TRANSIENT_ERRORS

RETRY = {
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": True,
    "retry_backoff_max": settings.TASK_RETRY_BACKOFF_MAX,
    "max_retries": 6,
}


@shared_task(name="accounts.send_organization_decision_email", **RETRY)
def send_organization_decision_email(organization_id: int) -> None:
    from .models import Membership, Organization

    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is None:
        return
    owners = Membership.objects.filter(
        organization=organization, role=Membership.Role.OWNER
    ).select_related("user")
    template = (
        "organization_approved"
        if organization.status == Organization.Status.APPROVED
        else "organization_rejected"
    )
    for membership in owners:
        owner = membership.user
        send_email(
            to=owner.email,
            template=template,
            context={
                "user": owner,
                "organization": organization,
                "dashboard_url": absolute_url(reverse("dashboard")),
                "organization_url": absolute_url(reverse("accounts:organization")),
            },
            language=owner.preferred_language,
        )


@shared_task(name="accounts.send_invitation_email", **RETRY)
def send_invitation_email(invitation_id: int) -> None:
    from .models import Invitation

    invitation = (
        Invitation.objects.filter(pk=invitation_id, accepted_at__isnull=True)
        .select_related("organization", "invited_by")
        .first()
    )
    if invitation is None:
        return
    send_email(
        to=invitation.email,
        template="invitation",
        context={
            "invitation": invitation,
            "organization": invitation.organization,
            "inviter": invitation.invited_by,
            "accept_url": absolute_url(
                reverse("accounts:invitation", kwargs={"token": invitation.token})
            ),
        },
        language=invitation.language,
    )
