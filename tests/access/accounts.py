from tests.factories import InvitationFactory

from .rules import ORG_ROLES, PUBLIC, SIGNED_IN, Rule, roles

RULES = {
    # the language switcher in the header
    "set_language": Rule(PUBLIC, methods=("POST",)),
    # the person's own settings, organization and team
    "accounts:settings": Rule(SIGNED_IN),
    "accounts:organization": roles(*ORG_ROLES),
    "accounts:organization_edit": roles(*ORG_ROLES, owner_only=True),
    "accounts:invitation_create": roles(*ORG_ROLES, owner_only=True, methods=("POST",)),
    "accounts:invitation_revoke": roles(
        *ORG_ROLES, owner_only=True, methods=("POST",), kwargs="own_invitation"
    ),
    "accounts:member_make_owner": roles(
        *ORG_ROLES, owner_only=True, methods=("POST",), kwargs="own_teammate"
    ),
    "accounts:organization_leave": roles(*ORG_ROLES, methods=("GET", "POST")),
    "accounts:invitation": Rule(PUBLIC, kwargs="invitation_token", notes="the token is the key"),
    # public directory of approved organizations
    "accounts:directory": Rule(PUBLIC),
    "accounts:public": Rule(PUBLIC, kwargs="approved_slug"),
    # staff approval queue
    "accounts:queue": roles("staff"),
    "accounts:review": roles("staff", kwargs="pending_pk"),
    "accounts:approve": roles("staff", methods=("POST",), kwargs="pending_pk"),
    "accounts:reject": roles("staff", methods=("POST",), kwargs="pending_pk"),
}


def samples(personas):
    return {
        "own_invitation": {
            "pk": InvitationFactory(organization=personas.orgs.employer, email="i@x.example").pk
        },
        "invitation_token": {"token": InvitationFactory(organization=personas.orgs.partner).token},
        "approved_slug": {"slug": personas.orgs.employer.slug},
        "own_teammate": {"pk": personas.employer_member.memberships.get().pk},
        "pending_pk": {"pk": personas.orgs.pending.pk},
    }
