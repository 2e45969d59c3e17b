"""What anyone may see of a goal's progress: the staff headline's numbers, aggregate only,
with every count under SUPPRESS_BELOW withheld (and the percentages that would reveal it)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from .models import GoalSnapshot

SUPPRESS_BELOW = 10


def _progress_page(language: str) -> str:
    with translation.override(language):
        return reverse("goals:progress")


def suppress(count: int | None) -> int | None:
    """A count shown in public, or None when it is under the threshold (0 included)."""
    if count is None or count < SUPPRESS_BELOW:
        return None
    return count


def headline_of(snapshot: GoalSnapshot, *, public: bool) -> dict:
    return headline(snapshot.data, goal=snapshot.goal, day=snapshot.day, public=public)


def headline(data: dict, *, goal, day, public: bool) -> dict:
    """The headline as templates/goals/_headline.html shows it (dates as dates);
    `public` withholds small counts."""
    head = dict(data["headline"])
    head["pace"] = dict(head["pace"])
    head["suppressed"] = []
    if public:
        for key in ("people", "jobs_filled", "final_people"):
            if head.get(key) is not None and suppress(head[key]) is None:
                head[key] = None
                head["suppressed"].append(key)
        if head["people"] is None:
            head["percent_of_goal"] = None
            head["on_track_index"] = None
        # Paces are counts of people per month: below the threshold they reveal small cells.
        for key in ("trailing_3", "trailing_6", "overall"):
            if head["pace"][key] is not None and head["pace"][key] * 3 < SUPPRESS_BELOW:
                head["pace"][key] = None
    head["goal"] = goal
    head["day"] = day
    for key in ("projected_on", "reached_on"):
        head[f"{key}_date"] = date.fromisoformat(head[key]) if head[key] else None
    return head


def by_year(snapshot: GoalSnapshot) -> list[dict]:
    """People whose first counted job started in each year, and the running total."""
    years: dict[int, int] = {}
    for month in snapshot.data["months"]:
        year = int(month["month"][:4])
        years[year] = years.get(year, 0) + month["new_people"]
    rows, total = [], 0
    for year, people in sorted(years.items()):
        total += people
        rows.append(
            {"year": year, "people_hired": suppress(people), "running_total": suppress(total)}
        )
    return rows


def feed(snapshot: GoalSnapshot, *, base_url: str) -> dict:
    """The JSON feed (docs/goals.md lists its fields)."""
    goal, head = snapshot.goal, headline_of(snapshot, public=True)
    return {
        "goal": {
            "name": goal.name,
            "target": goal.target,
            "start": goal.start.isoformat(),
            "end": goal.end.isoformat(),
            "counting_rule": {"en": goal.counting_rule_en, "es": goal.counting_rule_es},
        },
        "as_of": snapshot.day.isoformat(),
        "computed_at": snapshot.computed_at.isoformat(),
        "people_hired": head["people"],
        "jobs_filled": head["jobs_filled"],
        "percent_of_goal": head["percent_of_goal"],
        "percent_of_time": head["percent_of_time"],
        "status": head["status"],
        "projected_on": head["projected_on"],
        "reached_on": head["reached_on"],
        "by_year": by_year(snapshot),
        "suppressed_below": SUPPRESS_BELOW,
        # The feed has no language: its page in English, and in each language.
        "page": base_url + _progress_page(settings.LANGUAGE_CODE),
        "pages": {code: base_url + _progress_page(code) for code, _name in settings.LANGUAGES},
    }
