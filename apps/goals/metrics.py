"""The goal's numbers as pure functions of plain rows: no database, no clock, no language.

selectors.load_inputs() reads the rows (a fixed number of queries); compute() turns them
into the JSON-ready dictionary a GoalSnapshot stores and every page shows. docs/goals.md
defines each number in words; tests/goals/test_metrics.py pins them on small data.

Counting rule (decided): a hire counts when it is verified, its occupation is a tech
occupation, and its start date lies inside the goal's window (inclusive, America/Denver
local dates). As of a day D, a hire counts when it was verified on or before D and its
start date is on or before D. The headline counts people: one person counts once, on the
start date of their first counted hire, however many counted hires they have ("jobs filled"
counts every counted hire). A person is their portal account; a hire of someone without an
account is identified by its lower-cased external email, else by the hire itself.
"""

from __future__ import annotations

import calendar
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

AVERAGE_MONTH_DAYS = 365.25 / 12
# The on-track rule: index = % of goal reached ÷ % of the window's time elapsed.
ON_TRACK_AT = 1.0  # at or above: on track
AT_RISK_AT = 0.8  # at or above (and below ON_TRACK_AT): at risk; below: off track
YOUNG_AGES = (17, 29)  # "young adults": age at hire (year of hire − year of birth)
FOCUS_POPULATIONS = ["veteran", "young", "no_degree", "long_term_unemployed", "hispanic", "women"]
NO_DEGREE = {"none", "high_school", "some_college", "certificate", "associate"}
DEGREE = {"bachelor", "graduate"}
FUNNEL = ["registered", "profile_complete", "engaged", "completed_training", "hired"]


@dataclass(frozen=True)
class GoalFacts:
    target: int
    start: date
    end: date


@dataclass(frozen=True)
class HireRow:
    """One reported hire into a tech occupation with its start date inside the window."""

    id: int
    person: str  # see person_key()
    start: date
    reported_on: date
    decided_on: date | None
    status: str  # reported | verified | rejected (today's status)
    occupation_id: int
    employer_id: int
    seeker_id: int | None = None
    pledge_id: int | None = None
    program_id: int | None = None  # the training the hire was linked to when reported

    def counts_on(self, day: date) -> bool:
        return (
            self.status == "verified"
            and self.decided_on is not None
            and self.decided_on <= day
            and self.start <= day
        )

    def waiting_on(self, day: date) -> bool:
        """Reported and not yet decided at the end of `day` (the verification backlog)."""
        return self.reported_on <= day and (self.decided_on is None or self.decided_on > day)


@dataclass(frozen=True)
class PledgeRow:
    id: int
    employer_id: int
    hires: int
    made_on: date
    by_date: date


class Demographic(NamedTuple):  # a tuple: hashed quickly, many times, in populations()
    veteran: str = ""
    birth_year: int | None = None
    long_term_unemployed: str = ""
    education: str = ""
    sex: str = ""
    hispanic_latino: str = ""


@dataclass(frozen=True)
class Registrant:
    seeker_id: int
    joined_on: date
    profile_complete: bool = False
    engaged_on: date | None = None  # first application or training application
    completed_on: date | None = None  # first training completed


@dataclass(frozen=True)
class Completion:
    program_id: int
    seeker_id: int
    completed_on: date


@dataclass
class Inputs:
    hires: list[HireRow] = field(default_factory=list)
    pledges: list[PledgeRow] = field(default_factory=list)
    demographics: dict[int, Demographic] = field(default_factory=dict)
    registrants: list[Registrant] = field(default_factory=list)
    completions: list[Completion] = field(default_factory=list)
    enrollments_by_program: dict[int, int] = field(default_factory=dict)
    occupations: dict[int, tuple[str, str, str]] = field(default_factory=dict)  # soc, en, es
    employers: dict[int, str] = field(default_factory=dict)
    programs: dict[int, tuple[str, str]] = field(default_factory=dict)  # title, provider


def person_key(*, hire_id: int, seeker_id: int | None, external_email: str) -> str:
    if seeker_id:
        return f"seeker:{seeker_id}"
    if external_email:
        return f"email:{external_email.strip().lower()}"
    return f"hire:{hire_id}"


# ---------------------------------------------------------------------------
# Small date and number helpers
# ---------------------------------------------------------------------------
def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (clamped to the month's last day)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def month_starts(first: date, last: date) -> list[date]:
    months, current = [], first.replace(day=1)
    while current <= last:
        months.append(current)
        current = (current + timedelta(days=32)).replace(day=1)
    return months


def percent(part: float, whole: float) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


# ---------------------------------------------------------------------------
# People and pace
# ---------------------------------------------------------------------------
def first_starts(hires: list[HireRow], goal: GoalFacts, day: date) -> dict[str, date]:
    """Each counted person's first counted start date."""
    first: dict[str, date] = {}
    for hire in hires:
        if not (goal.start <= hire.start <= goal.end and hire.counts_on(day)):
            continue
        if hire.person not in first or hire.start < first[hire.person]:
            first[hire.person] = hire.start
    return first


def reached_on(first: dict[str, date], target: int) -> date | None:
    """The start date of the person who brought the count to the target."""
    if len(first) < target:
        return None
    return sorted(first.values())[target - 1]


def elapsed_days(goal: GoalFacts, day: date) -> int:
    """Days of the window gone by at the end of `day` (0 before it starts)."""
    last = min(day, goal.end)
    return max(0, (last - goal.start).days + 1)


def total_days(goal: GoalFacts) -> int:
    return (goal.end - goal.start).days + 1


def trailing_pace(first: dict[str, date], goal: GoalFacts, day: date, months: int) -> float:
    """People per month over the last `months` months up to `day` (or the goal's end)."""
    last = min(day, goal.end)
    since = months_before(last, months)
    return sum(1 for start in first.values() if since < start <= last) / months


def status_for(*, people: int, goal: GoalFacts, day: date, pct_goal: float, pct_time: float) -> str:
    if people >= goal.target:
        return "reached"
    if day < goal.start:
        return "not_started"
    if day > goal.end:
        return "missed"
    index = pct_goal / pct_time if pct_time else 0
    if index >= ON_TRACK_AT:
        return "on_track"
    if index >= AT_RISK_AT:
        return "at_risk"
    return "off_track"


def headline(first: dict[str, date], jobs: int, goal: GoalFacts, day: date) -> dict:
    people = len(first)
    elapsed, total = elapsed_days(goal, day), total_days(goal)
    pct_goal = 100 * people / goal.target
    pct_time = 100 * elapsed / total
    reached = reached_on(first, goal.target)
    finished = day > goal.end
    elapsed_months = elapsed / AVERAGE_MONTH_DAYS
    remaining_days = (goal.end - day).days
    remaining_people = max(0, goal.target - people)
    pace_3 = trailing_pace(first, goal, day, 3)
    pace_6 = trailing_pace(first, goal, day, 6)
    required = None
    if not finished and remaining_people and remaining_days > 0:
        required = remaining_people / (remaining_days / AVERAGE_MONTH_DAYS)
    projected = None
    if not reached and not finished and pace_6 > 0 and day >= goal.start:
        projected = day + timedelta(days=round(remaining_people / pace_6 * AVERAGE_MONTH_DAYS))
    return {
        "people": people,
        "jobs_filled": jobs,
        "target": goal.target,
        "remaining": remaining_people,
        "percent_of_goal": round(pct_goal, 1),
        "percent_of_time": round(pct_time, 1),
        "on_track_index": _round(pct_goal / pct_time, 2) if pct_time else None,
        "status": status_for(
            people=people, goal=goal, day=day, pct_goal=pct_goal, pct_time=pct_time
        ),
        "pace": {
            "overall": _round(people / elapsed_months if elapsed_months else None),
            "trailing_3": round(pace_3, 1),
            "trailing_6": round(pace_6, 1),
            "required": _round(required),
        },
        "projected_on": projected.isoformat() if projected else None,
        "projection_after_end": bool(projected and projected > goal.end),
        "reached_on": reached.isoformat() if reached else None,
        "finished": finished,
        "final_people": people if finished else None,
    }


# ---------------------------------------------------------------------------
# Breakdowns
# ---------------------------------------------------------------------------
def by_month(first: dict[str, date], counted: list[HireRow], goal: GoalFacts, day: date) -> list:
    """Every month of the window up to `day`: new people, cumulative people, jobs filled, and
    the straight pace line (where the count would be at a steady pace to the target)."""
    if day < goal.start:
        return []
    new_people: dict[date, int] = defaultdict(int)
    jobs: dict[date, int] = defaultdict(int)
    for start in first.values():
        new_people[start.replace(day=1)] += 1
    for hire in counted:
        jobs[hire.start.replace(day=1)] += 1
    rows, people, jobs_total = [], 0, 0
    total = total_days(goal)
    for month in month_starts(goal.start, min(day, goal.end)):
        month_end = month.replace(day=calendar.monthrange(month.year, month.month)[1])
        people += new_people[month]
        jobs_total += jobs[month]
        elapsed = (min(month_end, goal.end) - goal.start).days + 1
        rows.append(
            {
                "month": month.strftime("%Y-%m"),
                "new_people": new_people[month],
                "people": people,
                "jobs": jobs[month],
                "jobs_cumulative": jobs_total,
                "pace_line": round(goal.target * elapsed / total, 1),
                "target": goal.target,
            }
        )
    return rows


def _people_and_jobs(counted: list[HireRow], key) -> dict:
    people: dict = defaultdict(set)
    jobs: dict = defaultdict(int)
    for hire in counted:
        people[key(hire)].add(hire.person)
        jobs[key(hire)] += 1
    return {k: (len(people[k]), jobs[k]) for k in jobs}


def by_occupation(counted: list[HireRow], inputs: Inputs) -> list:
    rows = []
    for occupation_id, (people, jobs) in _people_and_jobs(
        counted, lambda h: h.occupation_id
    ).items():
        soc, en, es = inputs.occupations.get(occupation_id, ("", str(occupation_id), ""))
        rows.append(
            {
                "id": occupation_id,
                "soc": soc,
                "label_en": en,
                "label_es": es or en,
                "people": people,
                "jobs": jobs,
            }
        )
    return sorted(rows, key=lambda r: (-r["people"], r["soc"]))


def pledges(counted: list[HireRow], inputs: Inputs, goal: GoalFacts, day: date) -> dict:
    """Pledges made by `day` whose date falls on or after the goal's start, with the counted
    hires that fill them (Hire.pledge). Shown beside progress, never added to it."""
    relevant = {
        p.id: p
        for p in inputs.pledges
        if p.made_on <= day and p.by_date >= goal.start and p.made_on <= goal.end
    }
    pledged: dict[int, int] = defaultdict(int)
    filled: dict[int, int] = defaultdict(int)
    for pledge in relevant.values():
        pledged[pledge.employer_id] += pledge.hires
    for hire in counted:
        if hire.pledge_id in relevant:
            filled[relevant[hire.pledge_id].employer_id] += 1
    employers = [
        {
            "id": employer_id,
            "name": inputs.employers.get(employer_id, ""),
            "pledged": pledged[employer_id],
            "filled": filled[employer_id],
            "percent": percent(filled[employer_id], pledged[employer_id]),
        }
        for employer_id in pledged
    ]
    employers.sort(key=lambda r: (-r["pledged"], r["name"]))
    total_pledged, total_filled = sum(pledged.values()), sum(filled.values())
    return {
        "pledges": len(relevant),
        "pledged": total_pledged,
        "filled": total_filled,
        "percent": percent(total_filled, total_pledged),
        "employers": employers,
    }


def by_employer(counted: list[HireRow], inputs: Inputs, pledge_rows: list) -> list:
    pledge_by_employer = {row["id"]: row for row in pledge_rows}
    counts = _people_and_jobs(counted, lambda h: h.employer_id)
    rows = []
    for employer_id in set(counts) | set(pledge_by_employer):
        people, jobs = counts.get(employer_id, (0, 0))
        pledge = pledge_by_employer.get(employer_id, {})
        rows.append(
            {
                "id": employer_id,
                "name": inputs.employers.get(employer_id, ""),
                "people": people,
                "jobs": jobs,
                "pledged": pledge.get("pledged", 0),
                "pledge_filled": pledge.get("filled", 0),
            }
        )
    return sorted(rows, key=lambda r: (-r["people"], r["name"]))


def backlog(hires: list[HireRow], goal: GoalFacts, day: date) -> dict:
    waiting = [h for h in hires if goal.start <= h.start <= goal.end and h.waiting_on(day)]
    oldest = min((h.reported_on for h in waiting), default=None)
    return {"count": len(waiting), "oldest_days": (day - oldest).days if oldest else None}


def by_program(first: dict[str, date], counted: list[HireRow], inputs: Inputs, day: date) -> dict:
    """Placements from training: counted people who completed a program on or before the
    start date of their first counted hire (or whose hire was linked to a training)."""
    completed: dict[int, list[Completion]] = defaultdict(list)
    completers: dict[int, set] = defaultdict(set)
    for completion in inputs.completions:
        if completion.completed_on <= day:
            completed[completion.seeker_id].append(completion)
            completers[completion.program_id].add(completion.seeker_id)
    placed: dict[int, set] = defaultdict(set)
    trained_people: set[str] = set()
    for hire in counted:
        programs = set()
        if hire.program_id:
            programs.add(hire.program_id)
        if hire.seeker_id:
            start = first[hire.person]
            programs |= {c.program_id for c in completed[hire.seeker_id] if c.completed_on <= start}
        for program_id in programs:
            placed[program_id].add(hire.person)
        if programs:
            trained_people.add(hire.person)
    rows = []
    for program_id in set(placed) | set(completers):
        title, provider = inputs.programs.get(program_id, (str(program_id), ""))
        enrolled = inputs.enrollments_by_program.get(program_id, 0)
        done = len(completers[program_id])
        rows.append(
            {
                "id": program_id,
                "title": title,
                "provider": provider,
                "enrolled": enrolled,
                "completers": done,
                "completion_percent": percent(done, enrolled),
                "placed": len(placed[program_id]),
                "placement_percent": percent(len(placed[program_id]), done),
            }
        )
    rows.sort(key=lambda r: (-r["placed"], r["title"]))
    return {
        "people_from_training": len(trained_people),
        "training_related_percent": percent(len(trained_people), len(first)),
        "rows": rows,
    }


@lru_cache(maxsize=1 << 17)
def in_population(key: str, demo: Demographic | None, *, year: int) -> bool | None:
    """True, False, or None when the person did not say (never guessed)."""
    if demo is None:
        return None
    answers = {
        "veteran": demo.veteran,
        "long_term_unemployed": demo.long_term_unemployed,
        "hispanic": demo.hispanic_latino,
    }
    if key in answers:
        return {"yes": True, "no": False}.get(answers[key])
    if key == "young":
        if demo.birth_year is None:
            return None
        return YOUNG_AGES[0] <= year - demo.birth_year <= YOUNG_AGES[1]
    if key == "no_degree":
        if demo.education in NO_DEGREE:
            return True
        return False if demo.education in DEGREE else None
    if key == "women":
        if demo.sex in ("", "prefer_not"):
            return None
        return demo.sex == "female"
    raise ValueError(key)


def populations(first: dict[str, date], counted: list[HireRow], inputs: Inputs, day: date) -> dict:
    """Focus populations: share of the people hired, and hire rate against registrants."""
    seeker_of = {h.person: h.seeker_id for h in counted}
    registrants = [r for r in inputs.registrants if r.joined_on <= day]
    registered_ids = {r.seeker_id for r in registrants}
    hired_registrants = {
        seeker_of[p] for p in first if seeker_of.get(p) and seeker_of[p] in registered_ids
    }
    # People grouped by their answers and the year (of hire; of joining for registrants):
    # each group is asked once per population, however many people are in it.
    demographics = inputs.demographics
    hired_groups: Counter = Counter()
    for person, start in first.items():
        seeker_id = seeker_of.get(person)
        demo = demographics.get(seeker_id) if seeker_id else None
        hired_groups[(demo, start.year, seeker_id in registered_ids)] += 1
    groups = Counter((demographics.get(r.seeker_id), r.joined_on.year) for r in registrants)
    rows = []
    for key in FOCUS_POPULATIONS:
        yes = no = undisclosed = hired_yes = 0
        for (demo, year, registered), count in hired_groups.items():
            answer = in_population(key, demo, year=year)
            if answer is None:
                undisclosed += count
            elif answer:
                yes += count
                hired_yes += count if registered else 0
            else:
                no += count
        reg_yes = reg_undisclosed = 0
        for (demo, year), count in groups.items():
            answer = in_population(key, demo, year=year)
            if answer is None:
                reg_undisclosed += count
            elif answer:
                reg_yes += count
        rows.append(
            {
                "key": key,
                "people": yes,
                "not_in": no,
                "not_disclosed": undisclosed,
                "share_percent": percent(yes, len(first)),
                "registrants": reg_yes,
                "registrants_not_disclosed": reg_undisclosed,
                "hired_registrants": hired_yes,
                "hire_rate_percent": percent(hired_yes, reg_yes),
            }
        )
    return {
        "registrants": len(registrants),
        "hired_registrants": len(hired_registrants),
        "hire_rate_percent": percent(len(hired_registrants), len(registrants)),
        "rows": rows,
    }


def funnel(first: dict[str, date], counted: list[HireRow], inputs: Inputs, day: date) -> list:
    """Registered → profile complete → applied or enrolled → completed training → hired,
    among people who registered by `day`; each stage counts the people who reached it."""
    hired_seekers = {h.seeker_id for h in counted if h.seeker_id}
    counts = dict.fromkeys(FUNNEL, 0)
    for r in inputs.registrants:
        if r.joined_on > day:
            continue
        counts["registered"] += 1
        counts["profile_complete"] += r.profile_complete
        counts["engaged"] += bool(r.engaged_on and r.engaged_on <= day)
        counts["completed_training"] += bool(r.completed_on and r.completed_on <= day)
        counts["hired"] += r.seeker_id in hired_seekers
    return [
        {
            "stage": stage,
            "people": counts[stage],
            "percent": percent(counts[stage], counts["registered"]),
        }
        for stage in FUNNEL
    ]


# ---------------------------------------------------------------------------
# Everything
# ---------------------------------------------------------------------------
def compute(goal: GoalFacts, inputs: Inputs, day: date) -> dict:
    """Every number of the dashboard as of the end of `day`, JSON-ready."""
    in_window = [h for h in inputs.hires if goal.start <= h.start <= goal.end]
    counted = [h for h in in_window if h.counts_on(day)]
    first = first_starts(in_window, goal, day)
    pledge_summary = pledges(counted, inputs, goal, day)
    return {
        "day": day.isoformat(),
        "goal": {
            "target": goal.target,
            "start": goal.start.isoformat(),
            "end": goal.end.isoformat(),
        },
        "headline": headline(first, len(counted), goal, day),
        "pledges": pledge_summary,
        "backlog": backlog(inputs.hires, goal, day),
        "months": by_month(first, counted, goal, day),
        "occupations": by_occupation(counted, inputs),
        "employers": by_employer(counted, inputs, pledge_summary["employers"]),
        "programs": by_program(first, counted, inputs, day),
        "partners": [],  # referrals arrive with the partners app: zero state until then
        "populations": populations(first, counted, inputs, day),
        "funnel": funnel(first, counted, inputs, day),
    }
