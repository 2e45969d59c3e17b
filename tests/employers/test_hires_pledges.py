"""An employer pledges hires toward the 400, follows each pledge's progress, and changes a
pledge while it runs."""

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.employers.models import Hire, Pledge
from apps.employers.services.pledges import PLEDGE_MAX_DAYS_AHEAD, save_pledge
from apps.skills.models import Occupation
from tests.factories.hires import (
    DEVELOPERS,
    HELP_DESK,
    NOT_TECH,
    make_application,
    make_hire,
    make_pledge,
)

pytestmark = pytest.mark.django_db


def later(days: int = 200) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def pledge_data(**overrides) -> dict:
    """A complete, valid pledge form; a value of None leaves the field out of the POST."""
    data = {
        "hires": "12",
        "occupations": list(
            Occupation.objects.filter(soc_code__in=[DEVELOPERS, HELP_DESK]).values_list(
                "pk", flat=True
            )
        ),
        "by_date": later(),
        "confirm": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# ---------------------------------------------------------------------------
# The list
# ---------------------------------------------------------------------------
def test_no_pledges_yet_invites_a_first_pledge_and_explains_the_goal(client, personas):
    client.force_login(personas.employer)
    response = client.get(reverse("employers:pledges"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="empty-state"' in html
    assert "400 people hired into tech jobs" in html
    assert "Make your first pledge" in html
    assert reverse("employers:pledge_create") in html


def test_pledges_show_commitment_progress_and_totals(client, personas):
    org = personas.orgs.employer
    running = make_pledge(org, hires=10, signed_by=personas.employer_member)
    ended = make_pledge(
        org,
        hires=4,
        by_date=timezone.localdate() - timedelta(days=3),
        soc_codes=[HELP_DESK],
        signed_by=personas.employer,
    )
    # Software developers fill the running pledge (the ended one names only help desk):
    # 2 verified; 1 waiting and 1 rejected fill nothing.
    make_hire(org, soc_code=DEVELOPERS, status="verified")
    make_hire(org, soc_code=DEVELOPERS, status="verified")
    make_hire(org, soc_code=DEVELOPERS)
    make_hire(org, soc_code=DEVELOPERS, status="rejected")
    # A help-desk hire fits both: it fills the one that ends first. A hire into an occupation
    # no pledge names fills none.
    make_hire(org, soc_code=HELP_DESK, status="verified")
    make_hire(org, soc_code=NOT_TECH, status="verified")
    # Another employer's pledge and hires never show.
    make_pledge(personas.orgs.other_employer, hires=77)
    make_hire(personas.orgs.other_employer, status="verified")

    client.force_login(personas.employer)
    html = client.get(reverse("employers:pledges")).content.decode()
    assert html.count('data-testid="pledge-row"') == 2
    assert "10 hires by" in html and "4 hires by" in html
    assert "77 hires" not in html
    assert "Software Developers" in html and "Computer User Support Specialists" in html
    assert f"Signed by {personas.employer_member.display_name}" in html
    assert "2 of 10 verified (20%)" in html
    assert "1 of 4 verified (25%)" in html
    assert '<progress class="portal-progress" max="10" value="2"' in html
    assert 'data-testid="total-pledged">14<' in html
    assert 'data-testid="total-waiting">1<' in html
    assert 'data-testid="total-verified">3<' in html
    assert ">hires pledged<" in html and ">hire waiting for verification<" in html
    assert ">verified hires toward them<" in html
    assert html.count('data-testid="pledge-state">Active<') == 1
    assert html.count('data-testid="pledge-state">Ended<') == 1
    # Only the running pledge can be changed.
    assert reverse("employers:pledge_edit", args=[running.pk]) in html
    assert reverse("employers:pledge_edit", args=[ended.pk]) not in html
    assert 'style="' not in html  # CSP: no inline styles


def test_pledge_list_query_count_does_not_grow(client, personas):
    org = personas.orgs.employer
    client.force_login(personas.employer)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("employers:pledges")).status_code == 200
        return len(queries)

    make_pledge(org)
    make_hire(org)
    few = count()
    for _ in range(8):
        make_pledge(org)
        make_hire(org, status="verified")
        make_hire(org)
    assert count() == few


# ---------------------------------------------------------------------------
# Making a pledge
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("persona", ["employer", "employer_member"])
def test_any_team_member_signs_a_pledge(client, personas, persona):
    user = getattr(personas, persona)
    client.force_login(user)
    assert client.get(reverse("employers:pledge_create")).status_code == 200
    response = client.post(reverse("employers:pledge_create"), pledge_data(), follow=True)
    assert response.redirect_chain == [(reverse("employers:pledges"), 302)]
    assert "Sun City Software pledged 12 hires" in response.content.decode()
    pledge = Pledge.objects.get()
    assert pledge.employer == personas.orgs.employer
    assert pledge.hires == 12
    assert pledge.signed_by == user
    assert pledge.by_date.isoformat() == later()
    assert set(pledge.occupations.values_list("soc_code", flat=True)) == {DEVELOPERS, HELP_DESK}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"hires": "0"}, "Pledge at least one hire."),
        ({"hires": "5000"}, "Pledge at most 1,000 hires."),
        ({"hires": None}, "Enter how many people you will hire."),
        ({"hires": "many"}, "Enter a whole number of people"),
        ({"occupations": None}, "Choose at least one tech occupation you will hire into."),
        ({"occupations": ["999999"]}, "Choose tech occupations from the list."),
        ({"by_date": "2019-01-01"}, "Choose a date after today."),
        ({"by_date": "today"}, "Choose a date after today."),
        ({"by_date": "31/31/2031"}, "Enter a real date"),
        ({"by_date": "9999-12-31"}, "Choose a date on or before"),
        ({"by_date": "in 3 years and a day"}, "at most three years from today"),
        ({"by_date": None}, "Enter the date by which you will have hired them."),
        ({"confirm": None}, "Confirm that you may make this commitment"),
    ],
)
def test_bad_pledges_are_refused_with_a_reason(client, personas, overrides, message):
    if overrides.get("by_date") == "today":
        overrides = {"by_date": timezone.localdate().isoformat()}
    if overrides.get("by_date") == "in 3 years and a day":
        overrides = {"by_date": later(PLEDGE_MAX_DAYS_AHEAD + 1)}
    client.force_login(personas.employer)
    response = client.post(reverse("employers:pledge_create"), pledge_data(**overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'data-testid="form-errors"' in html
    assert not Pledge.objects.exists()


def test_a_non_tech_occupation_cannot_be_pledged(client, personas):
    not_tech = Occupation.objects.get(soc_code=NOT_TECH)
    client.force_login(personas.employer)
    html = client.get(reverse("employers:pledge_create")).content.decode()
    assert not_tech.title_en not in html
    response = client.post(
        reverse("employers:pledge_create"), pledge_data(occupations=[not_tech.pk])
    )
    assert response.status_code == 400
    assert not Pledge.objects.exists()


def test_a_pending_organization_sees_why_it_cannot_pledge_yet(client, personas):
    client.force_login(personas.pending_employer)
    response = client.get(reverse("employers:pledge_create"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="pledge-refused"' in html
    assert "approves Pending Employer" in html
    assert 'name="hires"' not in html  # no form to fill in
    response = client.post(reverse("employers:pledge_create"), pledge_data())
    assert response.status_code == 400
    assert "approves Pending Employer" in response.content.decode()
    assert not Pledge.objects.exists()
    # Their (empty) pledges page explains it too, without the button.
    html = client.get(reverse("employers:pledges")).content.decode()
    assert "it opens once Workforce Solutions Borderplex approves Pending Employer" in html
    assert reverse("employers:pledge_create") not in html


# ---------------------------------------------------------------------------
# Changing a pledge
# ---------------------------------------------------------------------------
def test_a_running_pledge_is_changed_and_signed_again(client, personas):
    pledge = make_pledge(personas.orgs.employer, hires=10, signed_by=personas.employer)
    client.force_login(personas.employer_member)
    html = client.get(reverse("employers:pledge_edit", args=[pledge.pk])).content.decode()
    assert 'value="10"' in html  # the current numbers are filled in
    assert html.count("checked") == 2  # both occupations ticked; the confirmation is not
    response = client.post(
        reverse("employers:pledge_edit", args=[pledge.pk]),
        pledge_data(
            hires="15",
            occupations=[Occupation.objects.get(soc_code=DEVELOPERS).pk],
            by_date=later(300),
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("employers:pledges")
    pledge.refresh_from_db()
    assert pledge.hires == 15
    assert pledge.by_date.isoformat() == later(300)
    assert list(pledge.occupations.values_list("soc_code", flat=True)) == [DEVELOPERS]
    assert pledge.signed_by == personas.employer_member


def test_a_pledge_due_today_keeps_its_date_when_changed(client, personas):
    today = timezone.localdate()
    pledge = make_pledge(personas.orgs.employer, hires=3, by_date=today)
    client.force_login(personas.employer)
    response = client.post(
        reverse("employers:pledge_edit", args=[pledge.pk]),
        pledge_data(hires="4", by_date=today.isoformat()),
    )
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.hires == 4 and pledge.by_date == today


def test_bad_changes_are_refused_and_nothing_changes(client, personas):
    pledge = make_pledge(personas.orgs.employer, hires=10)
    client.force_login(personas.employer)
    for overrides in [{"hires": "0"}, {"hires": "5000"}, {"occupations": None}]:
        response = client.post(
            reverse("employers:pledge_edit", args=[pledge.pk]), pledge_data(**overrides)
        )
        assert response.status_code == 400, overrides
    response = client.post(
        reverse("employers:pledge_edit", args=[pledge.pk]), pledge_data(by_date="2019-06-30")
    )
    assert response.status_code == 400
    assert "Choose a date after today." in response.content.decode()
    pledge.refresh_from_db()
    assert pledge.hires == 10 and pledge.occupations.count() == 2


def test_an_ended_pledge_cannot_be_changed(client, personas):
    ended = make_pledge(
        personas.orgs.employer, hires=6, by_date=timezone.localdate() - timedelta(days=1)
    )
    client.force_login(personas.employer)
    url = reverse("employers:pledge_edit", args=[ended.pk])
    # Looking is not an error (200); a change sent anyway is refused (400).
    for response, status in [
        (client.get(url), 200),
        (client.post(url, pledge_data(hires="60")), 400),
    ]:
        assert response.status_code == status
        html = response.content.decode()
        assert 'data-testid="pledge-ended"' in html
        assert "has ended, so it can no longer be changed" in html
        assert reverse("employers:pledge_create") in html
    ended.refresh_from_db()
    assert ended.hires == 6


def test_hires_made_from_an_application_count_toward_the_pledge(client, personas):
    """The pledge's progress follows hires recorded through the form, once staff verify."""
    org = personas.orgs.employer
    pledge = make_pledge(org, hires=2)
    application = make_application(employer=org)
    client.force_login(personas.employer)
    response = client.post(
        reverse("employers:hire_create") + f"?application={application.pk}",
        {
            "occupation": application.job.occupation_id,
            "start_date": timezone.localdate().isoformat(),
            "wage": "21.00",
            "wage_unit": "hour",
            "pledge": pledge.pk,  # no longer a field: ignored
        },
    )
    assert response.status_code == 302
    hire = Hire.objects.get()
    assert hire.pledge is None
    html = client.get(reverse("employers:pledges")).content.decode()
    assert "0 of 2 verified (0%)" in html
    assert 'data-testid="total-waiting">1<' in html

    client.force_login(personas.staff)
    assert client.post(reverse("employers:hire_verify", args=[hire.pk])).status_code == 302
    hire.refresh_from_db()
    assert hire.pledge == pledge
    client.force_login(personas.employer)
    html = client.get(reverse("employers:pledges")).content.decode()
    assert "1 of 2 verified (50%)" in html
    assert 'data-testid="total-waiting">0<' in html


# ---------------------------------------------------------------------------
# How far ahead, and the hint for a date that isn't one
# ---------------------------------------------------------------------------
def test_a_pledge_may_look_three_years_ahead_and_no_further(client, personas):
    client.force_login(personas.employer)
    response = client.post(
        reverse("employers:pledge_create"), pledge_data(by_date=later(PLEDGE_MAX_DAYS_AHEAD))
    )
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    # Moving it further is refused, and so is keeping a date like 9999-12-31.
    for by_date in [later(PLEDGE_MAX_DAYS_AHEAD + 1), "9999-12-31"]:
        response = client.post(
            reverse("employers:pledge_edit", args=[pledge.pk]), pledge_data(by_date=by_date)
        )
        assert response.status_code == 400, by_date
        assert "Choose a date on or before" in response.content.decode()
    pledge.refresh_from_db()
    assert pledge.by_date.isoformat() == later(PLEDGE_MAX_DAYS_AHEAD)


def test_the_hint_for_a_date_that_isnt_one_is_a_date_a_pledge_could_choose(client, personas):
    client.force_login(personas.employer)
    response = client.post(reverse("employers:pledge_create"), pledge_data(by_date="soon"))
    assert response.status_code == 400
    html = response.content.decode()
    example = re.search(r"Enter a real date, for example (\d{4}-\d{2}-\d{2})\.", html)
    assert example, "no example date"
    example = date.fromisoformat(example[1])
    assert (
        timezone.localdate()
        < example
        <= timezone.localdate() + timedelta(days=PLEDGE_MAX_DAYS_AHEAD)
    )
    assert not Pledge.objects.exists()


def test_save_pledge_refuses_a_date_too_far_ahead(personas):
    with pytest.raises(ValidationError) as caught:
        save_pledge(
            employer=personas.orgs.employer,
            data={"hires": 5, "by_date": date(9999, 12, 31)},
            occupations=Occupation.objects.filter(soc_code=DEVELOPERS),
            signed_by=personas.employer,
        )
    assert "on or before" in caught.value.message_dict["by_date"][0]
    assert not Pledge.objects.exists()
