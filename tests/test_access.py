"""The access sweep: every URL pattern is classified, and every classification is enforced.

Each app's rules live in tests/access/<app>.py (RULES and samples()). A URL missing there
fails `test_every_url_is_classified`. Rules (DESIGN.md, "Roles and access"): anonymous
visitors asking for a restricted page are sent to sign in; a signed-in person of the wrong
role gets 403 (404 where the rule hides the page, as the goal dashboard does); another
organization's objects answer 404 (tested per app). Pages with other people's data
(`people=True`) are for organizations approved now: a pending organization gets 403, and
`test_approval_withdrawn…` withdraws the approval of the employer, provider and partner
and replays every organization URL: those pages close, the rest answer as before, and
approving again restores them.
"""

import importlib
import pkgutil

import pytest
from django.conf import settings
from django.urls import URLResolver, get_resolver, reverse

import tests.access
from apps.accounts.models import Invitation, Organization
from apps.accounts.services import approve_organization, reject_organization
from tests.access.rules import ENTRANCE, PUBLIC, SIGNED_IN, STAFF, Rule
from tests.factories import InvitationFactory

MODULES = [
    importlib.import_module(f"tests.access.{info.name}")
    for info in pkgutil.iter_modules(tests.access.__path__)
    if info.name != "rules"
]
ACCESS: dict[str, Rule] = {}
for _module in MODULES:
    duplicated = set(ACCESS) & set(_module.RULES)
    assert not duplicated, f"classified twice: {duplicated}"
    ACCESS.update(_module.RULES)

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
    merged = {}
    for module in MODULES:
        merged.update(module.samples(personas))
    return merged


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


def _not_approved(rule: Rule, user) -> bool:
    """A member of an organization that is not approved now, asking for a people page."""
    if not rule.people or user is None or user.role == "staff":
        return False
    membership = user.memberships.select_related("organization").first()
    return membership is not None and membership.organization.status != "approved"


def _content(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


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
            if method == "POST" and allowed and not _not_approved(rule, user):
                continue  # state-changing success paths have their own tests
            response = getattr(client, method.lower())(url)
            where = f"{method} {url} as {persona}"
            if rule.who == ENTRANCE and user is not None:
                assert response.status_code == 302, f"{where}: {response.status_code}"
                assert response["Location"] == reverse("dashboard"), where
            elif allowed and _not_approved(rule, user):
                assert response.status_code == 403, f"{where}: {response.status_code}"
                assert 'data-testid="not-approved"' in _content(response), where
            elif allowed:
                assert response.status_code == 200, f"{where}: {response.status_code}"
            elif user is None:
                assert response.status_code == 302, f"{where}: {response.status_code}"
                assert response["Location"].startswith(login_url), where
            else:
                assert response.status_code == rule.denied, f"{where}: {response.status_code}"
    # Wrong-role and anonymous POSTs above changed nothing.
    personas.orgs.pending.refresh_from_db()
    assert personas.orgs.pending.status == Organization.Status.PENDING
    if rule.kwargs == "own_invitation":
        assert Invitation.objects.filter(pk=kwargs["pk"]).exists()


# ---------------------------------------------------------------------------
# Access ends when approval ends (and comes back with it)
# ---------------------------------------------------------------------------
ORGANIZATION_PERSONAS = ["employer", "employer_member", "provider", "partner"]
ORGANIZATION_URLS = sorted(
    name
    for name, rule in ACCESS.items()
    if isinstance(rule.who, frozenset) and rule.who & {"employer", "provider", "partner"}
)


def _answers(client, personas, rule, url, *, with_posts: bool) -> dict:
    answers = {}
    for persona in ORGANIZATION_PERSONAS:
        user = getattr(personas, persona)
        if not _role_allowed(rule, persona, user):
            continue
        client.force_login(user)
        for method in rule.methods:
            if method == "POST" and not with_posts:
                continue  # a POST that works changes things: success paths have their tests
            answers[(persona, method)] = getattr(client, method.lower())(url)
    return answers


@pytest.mark.django_db
@pytest.mark.parametrize("name", ORGANIZATION_URLS)
def test_approval_withdrawn_closes_every_page_with_peoples_data_until_approved_again(
    client, personas, name
):
    rule = ACCESS[name]
    kwargs = samples(personas)[rule.kwargs] if rule.kwargs else {}
    url = reverse(name, kwargs=kwargs)
    orgs = [personas.orgs.employer, personas.orgs.provider, personas.orgs.partner]
    approved = {
        key: response.status_code
        for key, response in _answers(client, personas, rule, url, with_posts=False).items()
    }

    for organization in orgs:
        reject_organization(organization=organization, reviewer=personas.staff, reason="Audit.")
    withdrawn = _answers(client, personas, rule, url, with_posts=True)
    assert withdrawn, f"{name}: no organization persona may open it"
    # The people the samples are about: none of them shows on a withdrawn organization's page.
    people = [personas.seeker.email, personas.other_seeker.email]
    for (persona, method), response in withdrawn.items():
        where = f"{method} {url} as {persona}, approval withdrawn"
        html = _content(response)
        assert not any(email in html for email in people), f"{where}: shows a person's data"
        if rule.people:
            assert response.status_code == 403, f"{where}: {response.status_code}"
            assert 'data-status="withdrawn"' in html, where
        else:  # their own organization's profile, team and drafts stay as they were
            assert 'data-testid="not-approved"' not in html, where
            if method == "GET":
                assert response.status_code == approved[(persona, method)], where
            else:  # empty: refused as bad input, done (a cancel), or not theirs (404)
                assert response.status_code in (302, 400, 404), f"{where}: {response.status_code}"

    for organization in orgs:
        approve_organization(organization=organization, reviewer=personas.staff)
    again = _answers(client, personas, rule, url, with_posts=False)
    assert {key: r.status_code for key, r in again.items()} == approved, "approved again"


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


PUBLIC_PAGES = sorted(
    name
    for name in CHECKED
    if ACCESS[name].who in (PUBLIC, ENTRANCE) and "GET" in ACCESS[name].methods
)


@pytest.mark.django_db
def test_public_pages_answer_head_as_they_answer_get(client, personas):
    """Link checkers and crawlers send HEAD: read-only views are `require_safe`, not
    `require_GET` (which answers HEAD with 405)."""
    assert len(PUBLIC_PAGES) > 10
    rows = samples(personas)
    wrong = []
    for name in PUBLIC_PAGES:
        rule = ACCESS[name]
        url = reverse(name, kwargs=rows[rule.kwargs] if rule.kwargs else {})
        get, head = client.get(url), client.head(url)
        if get.status_code == 405 or head.status_code != get.status_code or head.content:
            wrong.append(f"{url}: GET {get.status_code}, HEAD {head.status_code}")
    assert not wrong, "\n".join(wrong)
