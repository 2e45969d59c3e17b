"""Shared fixtures: fast hashing, a clean cache, and personas for every role.

Personas follow healthchecks' alice/bob/charlie: an owner, a teammate, and an outsider
of the same kind for every organization role, so every access test can ask "and the
other organization?".
"""

from types import SimpleNamespace

import pytest
from allauth.mfa.utils import is_mfa_enabled
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from apps.accounts.models import Organization, Role
from apps.accounts.permissions import is_staff_account, record_mfa_check
from tests.factories import OrganizationFactory, UserFactory, member_of, staff_user

# Playwright fixtures (browser, page, phone) for browser tests anywhere under tests/.
pytest_plugins = ["tests.browser.fixtures"]


@pytest.fixture(autouse=True)
def _fast_and_clean(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Production serves a collected, hashed manifest; tests read static files where they are.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # allauth's rate limits count in the (Redis) cache; start every test from zero.
    cache.clear()
    # Requests activate the user's language on this thread; don't let it leak between tests.
    translation.activate("en")
    yield
    translation.deactivate()
    cache.clear()


def _database_fixture(request) -> str | None:
    """Which database fixture this test uses, if any."""
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    if (marker and marker.kwargs.get("transaction")) or {"transactional_db", "live_server"} & names:
        return "transactional_db"
    if marker or "db" in names:
        return "db"
    return None


@pytest.fixture(autouse=True)
def _staff_sign_in_passes_their_authenticator(monkeypatch):
    """`force_login` skips allauth's sign-in, where staff with an authenticator app always
    enter a code; record that check as the real sign-in does (accounts.receivers), so staff
    decisions that ask for a recent one (accounts.permissions.fresh_mfa_required) see it.
    tests/accounts/test_sessions.py makes it old, or leaves it out, to test the asking."""
    force_login = Client.force_login

    def force_login_with_code(self, user, backend=None):
        force_login(self, user, backend)
        if is_staff_account(user) and is_mfa_enabled(user):
            session = self.session
            record_mfa_check(session)
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login_with_code)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """A reused test database may have lost the taxonomy to the last run's final flush:
    load it once, committed, before any test. (Loaded inside a test's transaction instead,
    it would be rolled back and loaded again by every test: 0.4 s each.)"""
    from apps.skills.loader import load
    from apps.skills.models import Skill

    with django_db_blocker.unblock():
        if not Skill.objects.exists():
            load()


@pytest.fixture(autouse=True)
def _reference_data(request):
    """The skills taxonomy comes from a data migration; transactional tests flush it away.

    Reload it (idempotently) for any test that uses the database and finds it missing.
    """
    fixture = _database_fixture(request)
    if fixture is None:
        return
    request.getfixturevalue(fixture)
    from apps.skills.loader import load
    from apps.skills.models import Skill

    if not Skill.objects.exists():
        load()


@pytest.fixture
def personas(db):
    employer = OrganizationFactory(name="Sun City Software", kind=Organization.Kind.EMPLOYER)
    other_employer = OrganizationFactory(name="Other Employer", kind=Organization.Kind.EMPLOYER)
    provider = OrganizationFactory(name="Borderland College", kind=Organization.Kind.PROVIDER)
    other_provider = OrganizationFactory(name="Other Academy", kind=Organization.Kind.PROVIDER)
    partner = OrganizationFactory(name="Progress 321", kind=Organization.Kind.PARTNER)
    other_partner = OrganizationFactory(name="Other Partner", kind=Organization.Kind.PARTNER)
    pending = OrganizationFactory(
        name="Pending Employer",
        kind=Organization.Kind.EMPLOYER,
        status=Organization.Status.PENDING,
        description="",
    )
    return SimpleNamespace(
        seeker=UserFactory(email="seeker@people.example", role=Role.SEEKER),
        other_seeker=UserFactory(email="other-seeker@people.example", role=Role.SEEKER),
        employer=member_of(employer, email="owner@suncity.example"),
        employer_member=member_of(employer, owner=False, email="member@suncity.example"),
        other_employer=member_of(other_employer, email="owner@other-employer.example"),
        provider=member_of(provider, email="owner@borderland.example"),
        other_provider=member_of(other_provider, email="owner@other-academy.example"),
        partner=member_of(partner, email="owner@progress321.example"),
        other_partner=member_of(other_partner, email="owner@other-partner.example"),
        pending_employer=member_of(pending, email="owner@pending.example"),
        staff=staff_user(email="staff@borderplex.example"),
        orgs=SimpleNamespace(
            employer=employer,
            other_employer=other_employer,
            provider=provider,
            other_provider=other_provider,
            partner=partner,
            other_partner=other_partner,
            pending=pending,
        ),
    )
