"""Writes for accounts and organizations. Views call these; nothing else writes these rows."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.audit.models import Action
from apps.audit.services import record
from apps.core.events import send_on_commit
from apps.notifications.services import notify

from .models import (
    ORG_KIND_TO_ROLE,
    Invitation,
    Membership,
    Organization,
    Role,
    User,
)
from .signals import organization_approved


def organization_name_taken(*, name: str, kind: str) -> bool:
    return Organization.objects.filter(name__iexact=name.strip(), kind=kind).exists()


@transaction.atomic
def create_organization_for_owner(*, owner: User, name: str, kind: str) -> Organization:
    """A new employer/provider/partner starts pending, owned by the person who signed it up."""
    name = name.strip()
    if kind not in (
        Organization.Kind.EMPLOYER,
        Organization.Kind.PROVIDER,
        Organization.Kind.PARTNER,
    ):
        raise ValidationError(_("Choose the kind of organization you represent."))
    if organization_name_taken(name=name, kind=kind):
        raise ValidationError(
            _(
                "An organization with this name is already on the portal. "
                "Ask its owner to invite you instead."
            ),
            code="organization_exists",
        )
    try:
        with transaction.atomic():
            organization = Organization.objects.create(
                name=name, kind=kind, slug=Organization.unique_slug_for(name)
            )
            Membership.objects.create(
                user=owner, organization=organization, role=Membership.Role.OWNER
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("This organization could not be created. It may already exist."),
            code="organization_conflict",
        ) from exc
    owner.role = ORG_KIND_TO_ROLE[kind]
    owner.save(update_fields=["role"])
    return organization


def update_organization_profile(
    *, organization: Organization, website: str, logo_url: str, description: str, city: str
) -> Organization:
    organization.website = website
    organization.logo_url = logo_url
    organization.description = description
    organization.city = city
    organization.save(update_fields=["website", "logo_url", "description", "city", "updated_at"])
    return organization


def _decide(*, organization: Organization, reviewer: User, status: str, reason: str = ""):
    previous = organization.status
    now = timezone.now()
    fields = {"approved_at": now} if status == Organization.Status.APPROVED else {}
    # Conditional update: two staff deciding at once cannot both send an email.
    updated = (
        Organization.objects.filter(pk=organization.pk)
        .exclude(status=status)
        .update(
            status=status,
            rejection_reason=reason,
            reviewed_by=reviewer,
            reviewed_at=now,
            updated_at=now,
            **fields,
        )
    )
    if updated != 1:
        raise ValidationError(
            _("This organization has already been decided. Reload the page to see its status."),
            code="already_decided",
        )
    organization.refresh_from_db()
    if status == Organization.Status.APPROVED:
        action = Action.ORGANIZATION_APPROVED
    elif previous == Organization.Status.APPROVED:
        action = Action.ORGANIZATION_WITHDRAWN
    else:
        action = Action.ORGANIZATION_REJECTED
    record(
        action=action,
        actor=reviewer,
        target=organization,
        organization=organization,
        details={"from": previous, "to": status, "kind": organization.kind},
    )
    _notify_owners_of_decision(organization)
    if organization.status == Organization.Status.APPROVED:
        send_on_commit(
            organization_approved,
            sender=Organization,
            organization_id=organization.pk,
            kind=organization.kind,
        )
    return organization


def _notify_owners_of_decision(organization: Organization) -> None:
    approved = organization.status == Organization.Status.APPROVED
    owners = Membership.objects.filter(
        organization=organization, role=Membership.Role.OWNER
    ).select_related("user")
    for membership in owners:
        owner = membership.user
        notify(
            recipient=owner,
            kind="organization_approved" if approved else "organization_rejected",
            context={
                "organization_name": organization.name,
                "reason": organization.rejection_reason,
                "url": reverse("dashboard") if approved else reverse("accounts:organization"),
            },
            # One message per decision: a later, different decision is news again.
            dedupe_key=(
                f"organization-decision:{organization.pk}:{owner.pk}:"
                f"{organization.status}:{organization.reviewed_at.isoformat()}"
            ),
        )


@transaction.atomic
def approve_organization(*, organization: Organization, reviewer: User) -> Organization:
    if organization.kind == Organization.Kind.BOARD:
        raise ValidationError(_("The board is not reviewed."))
    return _decide(
        organization=organization, reviewer=reviewer, status=Organization.Status.APPROVED
    )


@transaction.atomic
def reject_organization(*, organization: Organization, reviewer: User, reason: str) -> Organization:
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            _("Give the reason, so the organization knows what to fix."), code="reason_required"
        )
    if organization.kind == Organization.Kind.BOARD:
        raise ValidationError(_("The board is not reviewed."))
    return _decide(
        organization=organization,
        reviewer=reviewer,
        status=Organization.Status.REJECTED,
        reason=reason,
    )


@transaction.atomic
def invite_teammate(
    *, organization: Organization, invited_by: User, email: str, language: str
) -> Invitation:
    email = User.objects.normalize_email(email.strip()).lower()
    # Refuse now what accepting would refuse later (see invitation_problem), rather than
    # report success and leave the invitee with a link that cannot work.
    invitee = User.objects.filter(email__iexact=email).first()
    if invitee is not None:
        memberships = Membership.objects.filter(user=invitee)
        if memberships.filter(organization=organization).exists():
            raise ValidationError(
                _("%(email)s is already on your team.") % {"email": email}, code="already_member"
            )
        if memberships.exists():
            raise ValidationError(
                _(
                    "%(email)s already belongs to another organization on the portal. A person "
                    "can belong to only one organization."
                )
                % {"email": email},
                code="member_elsewhere",
            )
        if invitee.role not in (Role.SEEKER, organization.member_role):
            raise ValidationError(
                _(
                    "The account for %(email)s is for a different kind of organization, so it "
                    "cannot join yours."
                )
                % {"email": email},
                code="role_mismatch",
            )
    # Re-inviting replaces any earlier unanswered invitation (and its link).
    Invitation.objects.filter(
        organization=organization, email__iexact=email, accepted_at__isnull=True
    ).delete()
    invitation = Invitation.objects.create(
        organization=organization, email=email, invited_by=invited_by, language=language
    )
    notify(
        email=invitation.email,
        language=invitation.language,
        kind="invitation",
        context={
            "inviter_name": invited_by.display_name,
            "organization_name": organization.name,
            "url": reverse("accounts:invitation", kwargs={"token": invitation.token}),
            "expires_on": invitation.expires_at.date().isoformat(),
        },
        dedupe_key=f"invitation:{invitation.pk}",
    )
    return invitation


def revoke_invitation(*, invitation: Invitation) -> None:
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been accepted."))
    invitation.delete()


def invitation_problem(*, invitation: Invitation, user: User) -> str | None:
    """Why `user` cannot accept `invitation`, in words for them; None when they can."""
    if invitation.accepted_at is not None:
        return _("This invitation has already been used.")
    if invitation.is_expired:
        return _("This invitation has expired. Ask the owner to send a new one.")
    if user.email.lower() != invitation.email.lower():
        return _(
            "This invitation was sent to %(email)s. Sign in with that address to accept it."
        ) % {"email": invitation.email}
    if user.memberships.exists():
        return _("Your account already belongs to an organization on the portal.")
    if user.role not in (Role.SEEKER, invitation.organization.member_role):
        return _("Your account's role does not match this organization.")
    return None


@transaction.atomic
def accept_invitation(*, invitation: Invitation, user: User) -> Membership:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    problem = invitation_problem(invitation=invitation, user=user)
    if problem:
        raise ValidationError(problem, code="invitation_invalid")
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user, organization=invitation.organization, role=Membership.Role.MEMBER
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("Your account already belongs to an organization on the portal.")
        ) from exc
    user.role = invitation.organization.member_role
    user.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    return membership


# ---------------------------------------------------------------------------
# Leaving a team, and sharing ownership
# ---------------------------------------------------------------------------
def _other_owners(membership: Membership):
    return Membership.objects.filter(
        organization_id=membership.organization_id, role=Membership.Role.OWNER
    ).exclude(pk=membership.pk)


def last_owner_problem(user: User) -> str | None:
    """Why `user` may not leave their organization (or close their account): they are its
    only owner. None when they may."""
    membership = Membership.objects.filter(user=user).select_related("organization").first()
    if membership is None or not membership.is_owner or _other_owners(membership).exists():
        return None
    return _(
        "You are the only owner of %(organization)s. Make a teammate an owner first (on "
        "your organization's page), or ask Workforce Solutions Borderplex to close the "
        "organization."
    ) % {"organization": membership.organization.name}


@transaction.atomic
def leave_organization(*, user: User) -> Organization:
    """The person stops representing their organization, and their account becomes a personal
    (job seeker) one, which another organization may invite. The last owner may not leave:
    an organization is never left without someone who can manage it. The board's team is
    managed by an administrator."""
    membership = (
        Membership.objects.select_for_update().filter(user=user).select_related("organization")
    ).first()
    if membership is None:
        raise ValidationError(_("You do not belong to an organization."), code="no_membership")
    organization = membership.organization
    if organization.kind == Organization.Kind.BOARD:
        raise ValidationError(
            _("The board's team is managed by an administrator."), code="board_membership"
        )
    # Lock the team's owners too: two owners leaving at once cannot both be "not the last".
    list(
        Membership.objects.select_for_update().filter(
            organization=organization, role=Membership.Role.OWNER
        )
    )
    if problem := last_owner_problem(user):
        raise ValidationError(problem, code="last_owner")
    membership.delete()
    user.role = Role.SEEKER
    user.save(update_fields=["role"])
    record(
        action=Action.MEMBER_LEFT,
        actor=user,
        target=organization,
        organization=organization,
        person=user,
        details={"role": membership.role},
    )
    return organization


@transaction.atomic
def make_owner(*, membership: Membership, by: User) -> Membership:
    """An owner shares ownership with a teammate (who may then manage the team, and lets
    the first owner leave)."""
    membership = (
        Membership.objects.select_for_update()
        .select_related("organization", "user")
        .get(pk=membership.pk)
    )
    if not Membership.objects.filter(
        user=by, organization_id=membership.organization_id, role=Membership.Role.OWNER
    ).exists():
        raise ValidationError(_("Only an owner can make a teammate an owner."), code="not_owner")
    if membership.is_owner:
        return membership
    membership.role = Membership.Role.OWNER
    membership.save(update_fields=["role", "updated_at"])
    record(
        action=Action.OWNER_ADDED,
        actor=by,
        target=membership.organization,
        organization=membership.organization,
        person=membership.user,
    )
    return membership


def set_preferred_language(*, user: User, language: str) -> None:
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


# ---------------------------------------------------------------------------
# The publish gate: a pending (or rejected) organization publishes nothing
# ---------------------------------------------------------------------------
class Gated(models.TextChoices):
    """What a not-yet-approved organization may prepare but not do; each says why in its words."""

    SUBMIT_JOB = "submit_job"
    PUBLISH_JOB = "publish_job"  # staff, publishing a pending organization's job
    PUBLISH_PROGRAM = "publish_program"
    PLEDGE = "pledge"
    REPORT_HIRE = "report_hire"
    VERIFY_HIRE = "verify_hire"  # staff, verifying a pending organization's hire


def _gate_message(organization: Organization, action: str) -> str:
    name = {"organization": organization.name}
    if action == Gated.SUBMIT_JOB:
        return _(
            "Your organization is waiting for approval by Workforce Solutions Borderplex. "
            "You can prepare jobs now and send them for review once approved."
        )
    if action == Gated.PUBLISH_PROGRAM:
        return _(
            "Your organization is waiting for approval by Workforce Solutions Borderplex. "
            "You can prepare programs now and publish them once approved."
        )
    if action == Gated.PLEDGE:
        return (
            _(
                "A pledge is a public commitment, so it opens once Workforce Solutions Borderplex "
                "approves %(organization)s. We will email you."
            )
            % name
        )
    if action == Gated.REPORT_HIRE:
        return (
            _(
                "Only hires by approved employers count toward the goal, so you can record hires "
                "once Workforce Solutions Borderplex approves %(organization)s. We will email you."
            )
            % name
        )
    if action == Gated.VERIFY_HIRE:
        return _(
            "%(employer)s is not approved, so its hires can't be verified. "
            "Approve the organization first, or don't verify the hire and say why."
        ) % {"employer": organization.name}
    return _("The employer is not approved.")


def publish_refusal(*, organization: Organization, action: str) -> str:
    """Why `organization` may not do `action` yet, or "" when it is approved."""
    return "" if organization.can_publish else _gate_message(organization, action)


def require_can_publish(*, organization: Organization, action: str) -> None:
    """The one publish gate: raises ValidationError (code `<kind>_not_approved`) unless the
    organization is approved. Services call it before anything others would see."""
    if problem := publish_refusal(organization=organization, action=action):
        raise ValidationError(problem, code=f"{organization.kind}_not_approved")
