import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from apps.accounts.models import Membership, Organization, User
from apps.core.i18n import localized
from apps.portal.management.commands.seed_demo import DEMO_DOMAIN, DEMO_PASSWORD, LOGINS, PARTNERS

pytestmark = pytest.mark.django_db


def test_refuses_to_run_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG=true"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_is_idempotent_and_seeds_the_program(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    counts = (User.objects.count(), Organization.objects.count(), Membership.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Organization.objects.count(), Membership.objects.count()) == (
        counts
    )
    board = Organization.objects.get(kind="board")
    assert board.name == "Workforce Solutions Borderplex"
    partner_names = set(Organization.objects.filter(kind="partner").values_list("name", flat=True))
    assert {name for name, _ in PARTNERS} <= partner_names
    assert Organization.objects.filter(kind="employer", status="pending").exists()


@pytest.mark.parametrize("local,role", [(login[0], login[3]) for login in LOGINS])
def test_every_demo_login_signs_in(client, settings, local, role):
    settings.DEBUG = True
    settings.STAFF_MFA_REQUIRED = False  # as in `make run`
    call_command("seed_demo")
    response = client.post(
        reverse("account_login"),
        {"login": f"{local}@{DEMO_DOMAIN}", "password": DEMO_PASSWORD},
    )
    assert response.status_code == 302
    user = User.objects.get(email=f"{local}@{DEMO_DOMAIN}")
    dashboard = localized(reverse("dashboard"), user.preferred_language)  # in their language
    assert response["Location"] == dashboard
    assert client.get(dashboard).status_code == 200
    assert user.role == role
