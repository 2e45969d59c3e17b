"""The access sweep: every URL pattern is classified, and every classification is enforced.

Add each new view to ACCESS. A pattern missing here fails `test_every_url_is_classified`.
Rules (DESIGN.md, "Roles and access"): anonymous visitors asking for a restricted page are
sent to sign in; a signed-in person of the wrong role gets 403; another organization's
objects answer 404.
"""

from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.urls import URLResolver, get_resolver, reverse

from apps.accounts.models import Invitation, Organization
from apps.notifications.models import Notification
from apps.notifications.tokens import make_token
from tests.factories import InvitationFactory

PUBLIC = "public"
ENTRANCE = "entrance"  # public; people already signed in are sent to their dashboard
SIGNED_IN = "signed-in"
ALL_ROLES = {"seeker", "employer", "provider", "partner", "staff"}
ORG_ROLES = {"employer", "provider", "partner", "staff"}


@dataclass(frozen=True)
class Rule:
    who: str | frozenset  # PUBLIC, ENTRANCE, SIGNED_IN, or the roles allowed
    owner_only: bool = False
    methods: tuple = ("GET",)
    kwargs: str | None = None  # name of a sample in `samples()`
    check: bool = True  # False: behaviour is covered by allauth/Django and our own flow tests
    notes: str = field(default="", compare=False)


def roles(*names, **kw):
    return Rule(who=frozenset(names), **kw)


STAFF = roles("staff")

ACCESS: dict[str, Rule] = {
    # core
    "home": Rule(PUBLIC),
    "healthz": Rule(PUBLIC),
    "set_language": Rule(PUBLIC, methods=("POST",)),
    "dashboard": Rule(SIGNED_IN),
    # accounts: the person's own settings, organization and team
    "accounts:settings": Rule(SIGNED_IN),
    "accounts:organization": roles(*ORG_ROLES),
    "accounts:organization_edit": roles(*ORG_ROLES, owner_only=True),
    "accounts:invitation_create": roles(*ORG_ROLES, owner_only=True, methods=("POST",)),
    "accounts:invitation_revoke": roles(
        *ORG_ROLES, owner_only=True, methods=("POST",), kwargs="own_invitation"
    ),
    "accounts:invitation": Rule(PUBLIC, kwargs="invitation_token", notes="the token is the key"),
    # public directory of approved organizations
    "accounts:directory": Rule(PUBLIC),
    "accounts:public": Rule(PUBLIC, kwargs="approved_slug"),
    # staff approval queue
    "accounts:queue": STAFF,
    "accounts:review": roles("staff", kwargs="pending_pk"),
    "accounts:approve": roles("staff", methods=("POST",), kwargs="pending_pk"),
    "accounts:reject": roles("staff", methods=("POST",), kwargs="pending_pk"),
    # notifications: the inbox is everyone's own; rows of others answer 404 (test_views)
    "notifications:inbox": Rule(SIGNED_IN),
    "notifications:mark_read": Rule(SIGNED_IN, methods=("POST",), kwargs="own_notification"),
    "notifications:open": Rule(SIGNED_IN, methods=("POST",), kwargs="own_notification"),
    "notifications:mark_all_read": Rule(SIGNED_IN, methods=("POST",)),
    "notifications:preferences": Rule(SIGNED_IN),
    "notifications:unsubscribe": Rule(PUBLIC, kwargs="unsubscribe_token", notes="token is key"),
    "notifications:health": STAFF,
    "notifications:retry": roles("staff", methods=("POST",), kwargs="failed_notification"),
    "notifications:retry_all": roles("staff", methods=("POST",)),
    # allauth: entrance pages are public; management pages need a signed-in person
    "account_login": Rule(ENTRANCE),
    "account_signup": Rule(ENTRANCE),
    "account_logout": Rule(PUBLIC, check=False, notes="signs out on POST"),
    "account_inactive": Rule(PUBLIC),
    "account_email_verification_sent": Rule(PUBLIC),
    "account_confirm_email": Rule(PUBLIC, check=False, notes="key in the emailed link"),
    "account_confirm_login_code": Rule(PUBLIC, check=False, notes="login-by-code is off"),
    "account_reset_password": Rule(PUBLIC),
    "account_reset_password_done": Rule(PUBLIC),
    "account_reset_password_from_key": Rule(PUBLIC, check=False, notes="key in the email"),
    "account_reset_password_from_key_done": Rule(PUBLIC),
    "account_email": Rule(SIGNED_IN),
    "account_change_password": Rule(SIGNED_IN),
    "account_set_password": Rule(SIGNED_IN, check=False, notes="redirects when a password exists"),
    "account_reauthenticate": Rule(SIGNED_IN),
    "account_request_reauthentication_code": Rule(SIGNED_IN, check=False),
    "account_confirm_reauthentication_code": Rule(SIGNED_IN, check=False),
    "mfa_index": Rule(SIGNED_IN),
    "mfa_authenticate": Rule(PUBLIC, check=False, notes="second step of a sign-in"),
    "mfa_reauthenticate": Rule(SIGNED_IN, check=False),
    "mfa_activate_totp": Rule(SIGNED_IN, check=False, notes="asks to reauthenticate first"),
    "mfa_deactivate_totp": Rule(SIGNED_IN, check=False),
    "mfa_view_recovery_codes": Rule(SIGNED_IN, check=False),
    "mfa_generate_recovery_codes": Rule(SIGNED_IN, check=False),
    "mfa_download_recovery_codes": Rule(SIGNED_IN, check=False),
}
# Everything in the Django admin is for staff (is_staff) with MFA; see tests/accounts/test_mfa.py.
NAMESPACES = {"admin": STAFF}


def _walk(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, pattern.namespace or namespace)
        else:
            name = pattern.name
            full = f"{namespace}:{name}" if namespace and name else name
            yield namespace, full, str(pattern.pattern)


def test_every_url_is_classified():
    unclassified = [
        f"{name or '(unnamed)'} -> {route}"
        for namespace, name, route in _walk(get_resolver().url_patterns)
        if namespace not in NAMESPACES and name not in ACCESS
    ]
    assert not unclassified, "Classify these views in tests/test_access.py:\n" + "\n".join(
        unclassified
    )


def test_no_stale_classifications():
    names = {name for _ns, name, _route in _walk(get_resolver().url_patterns)}
    assert set(ACCESS) <= names, f"Not URLs any more: {set(ACCESS) - names}"


def samples(personas) -> dict:
    return {
        "own_invitation": {
            "pk": InvitationFactory(organization=personas.orgs.employer, email="i@x.example").pk
        },
        "invitation_token": {"token": InvitationFactory(organization=personas.orgs.partner).token},
        "approved_slug": {"slug": personas.orgs.employer.slug},
        "pending_pk": {"pk": personas.orgs.pending.pk},
        "own_notification": {"pk": _notification(personas.seeker).pk},
        "failed_notification": {"pk": _notification(personas.seeker, status="failed").pk},
        "unsubscribe_token": {
            "token": make_token(user_id=personas.seeker.pk, category="program_news")
        },
    }


def _notification(user, status="sent"):
    return Notification.objects.create(
        recipient=user,
        email=user.email,
        kind="organization_approved",
        category="account",
        context={"organization_name": "X", "url": "/dashboard/"},
        dedupe_key=f"access-sweep:{user.pk}:{status}",
        status=status,
    )


PERSONAS = [
    "anonymous",
    "seeker",
    "employer",
    "employer_member",
    "provider",
    "partner",
    "pending_employer",
    "staff",
]


def _role_allowed(rule: Rule, persona: str, user) -> bool:
    if rule.who in (PUBLIC, ENTRANCE):
        return True
    if user is None:
        return False
    if rule.who == SIGNED_IN:
        return True
    if user.role not in rule.who:
        return False
    if rule.owner_only:
        return user.memberships.filter(role="owner").exists()
    return True


CHECKED = sorted(name for name, rule in ACCESS.items() if rule.check)


@pytest.mark.django_db
@pytest.mark.parametrize("name", CHECKED)
def test_access_rules_hold_for_every_persona(client, personas, name):
    rule = ACCESS[name]
    kwargs = samples(personas)[rule.kwargs] if rule.kwargs else {}
    url = reverse(name, kwargs=kwargs)
    login_url = reverse("account_login")
    for persona in PERSONAS:
        user = None if persona == "anonymous" else getattr(personas, persona)
        client.logout()
        if user is not None:
            client.force_login(user)
        allowed = _role_allowed(rule, persona, user)
        for method in rule.methods:
            if method == "POST" and allowed:
                continue  # state-changing success paths have their own tests
            response = getattr(client, method.lower())(url)
            where = f"{method} {url} as {persona}"
            if rule.who == ENTRANCE and user is not None:
                assert response.status_code == 302, f"{where}: {response.status_code}"
                assert response["Location"] == reverse("dashboard"), where
            elif allowed:
                assert response.status_code == 200, f"{where}: {response.status_code}"
            elif user is None:
                assert response.status_code == 302, f"{where}: {response.status_code}"
                assert response["Location"].startswith(login_url), where
            else:
                assert response.status_code == 403, f"{where}: {response.status_code}"
    # Wrong-role and anonymous POSTs above changed nothing.
    personas.orgs.pending.refresh_from_db()
    assert personas.orgs.pending.status == Organization.Status.PENDING
    if rule.kwargs == "own_invitation":
        assert Invitation.objects.filter(pk=kwargs["pk"]).exists()


@pytest.mark.django_db
def test_admin_is_for_staff_only(client, personas):
    url = "/" + settings.ADMIN_URL
    response = client.get(url)
    assert response.status_code == 302
    for persona in ["seeker", "employer", "provider", "partner"]:
        client.force_login(getattr(personas, persona))
        assert client.get(url).status_code == 302, persona  # to the admin's sign-in
    client.force_login(personas.staff)
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_another_organizations_invitation_answers_404(client, personas):
    theirs = InvitationFactory(organization=personas.orgs.other_employer, email="t@x.example")
    for persona in ["employer", "provider", "partner"]:
        client.force_login(getattr(personas, persona))
        response = client.post(reverse("accounts:invitation_revoke", args=[theirs.pk]))
        assert response.status_code == 404, persona
    assert Invitation.objects.filter(pk=theirs.pk).exists()


@pytest.mark.django_db
def test_organization_pages_show_only_your_own_organization(client, personas):
    client.force_login(personas.other_employer)
    html = client.get(reverse("accounts:organization")).content.decode()
    assert "Other Employer" in html
    assert "Sun City Software" not in html
    assert personas.employer.email not in html
