"""The demo tells the 2016–2020 story: the staff login sees the goal reached with a monthly
curve, pledges beside it, and the public page shows the same headline."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from apps.accounts.models import User
from apps.goals.models import GoalSnapshot

from .builders import reboot_goal

pytestmark = pytest.mark.django_db


def test_seed_demo_tells_the_story(client, settings):
    settings.DEBUG = True
    settings.STAFF_MFA_REQUIRED = False  # as in `make run`
    goal = reboot_goal()  # the migration's row (a transactional test may have flushed it)
    call_command("seed_demo", stdout=None)
    latest = GoalSnapshot.objects.filter(goal=goal).latest("day")
    assert 400 <= latest.people <= 430
    assert latest.status == "reached"
    assert "2020-09-01" <= latest.reached_on.isoformat() <= "2020-12-31"
    assert latest.pledged > 0 and 0 < latest.pledge_filled < latest.pledged
    assert latest.backlog > 0
    months = latest.data["months"]
    assert len(months) == 49
    new = [m["new_people"] for m in months]
    assert sum(new[:12]) < sum(new[12:24]) < sum(new[24:36])  # the program gathered pace
    # History: a snapshot at each month's end, and today's.
    assert GoalSnapshot.objects.filter(goal=goal).count() >= 49
    # The staff login and the public page see the same headline.
    client.force_login(User.objects.get(email="staff@demo.rebootelpaso.example"))
    assert client.get(reverse("goals:dashboard")).context["headline"]["people"] == latest.people
    client.logout()
    assert json.loads(client.get(reverse("progress_feed")).content)["people_hired"] == latest.people
