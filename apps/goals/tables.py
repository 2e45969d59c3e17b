"""The dashboard's tables, built once from a snapshot's data and used three ways: the HTML
table under each chart, the chart's own numbers (the same cells), and the CSV export.

Each number's definition lives here too (DEFINITIONS), shown one click away on the pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .metrics import AT_RISK_AT, ON_TRACK_AT

STATUS_LABELS = {
    "reached": _("Target reached"),
    "missed": _("Ended short of the target"),
    "on_track": _("On track"),
    "at_risk": _("At risk"),
    "off_track": _("Off track"),
    "not_started": _("Not started"),
}
STATUS_TAG_CLASSES = {
    "reached": "bg-success-darker",
    "on_track": "bg-success-darker",
    "at_risk": "bg-gold text-ink",
    "off_track": "bg-secondary-darker",
    "missed": "bg-secondary-darker",
    "not_started": "bg-base-dark",
}
POPULATION_LABELS = {
    "veteran": _("Veterans"),
    "young": _("Ages 17–29 at hire"),
    "no_degree": _("No bachelor's degree"),
    "long_term_unemployed": _("Long-term unemployed"),
    "hispanic": _("Hispanic or Latino"),
    "women": _("Women"),
}
FUNNEL_LABELS = {
    "registered": _("Registered"),
    "profile_complete": _("Profile complete"),
    "engaged": _("Applied to a job or a training"),
    "completed_training": _("Completed a training"),
    "hired": _("Hired (counted)"),
}


def _status_rule() -> str:
    return _(
        "On-track rule: divide the percent of goal by the percent of time. %(on)s or more is "
        "on track, %(risk)s up to %(on)s is at risk, below %(risk)s is off track. A goal that "
        "reached its target says so; one that ended short says so."
    ) % {"on": f"{ON_TRACK_AT:.2f}", "risk": f"{AT_RISK_AT:.2f}"}


DEFINITIONS = {
    "people": _(
        "People hired: each person with at least one verified hire into a tech occupation "
        "whose start date is inside the goal's window, counted once however many such jobs "
        "they take. A person is their portal account; someone hired without an account is "
        "known by the email address the employer gave."
    ),
    "jobs_filled": _(
        "Jobs filled: every verified hire into a tech occupation with its start date inside "
        "the window, including a person's second job."
    ),
    "percent_of_goal": _("Percent of goal: people hired divided by the target."),
    "percent_of_time": _(
        "Percent of time: days of the window gone by (up to today) divided by all its days."
    ),
    "status": lazy(_status_rule, str)(),
    "pace": _(
        "Pace, in people per month: overall since the first day; trailing 3 and 6 months "
        "counts people whose first counted job started in the last 3 or 6 months. Required "
        "pace: the people still needed divided by the months left."
    ),
    "projected_on": _(
        "Projection: the day the target would be reached if people keep being hired at the "
        "trailing 6-month pace. A projection, not a promise."
    ),
    "reached_on": _(
        "Target reached on: the start date of the person who brought the count to the target."
    ),
    "pledges": _(
        "Pledged hires: the hires employers promised in pledges made by today and due on or "
        "after the goal's first day. Filled: counted hires linked to one of those pledges. "
        "Shown beside progress, never added to it."
    ),
    "backlog": _(
        "Waiting for verification: hires reported into a tech occupation with a start date "
        "in the window that staff have not yet verified or rejected; age of the oldest report."
    ),
    "months": _(
        "By month: people whose first counted job started that month, the running total, "
        "the straight pace line (where a steady pace from the first day to the target would "
        "be at the end of the month) and jobs filled that month."
    ),
    "occupations": _(
        "By occupation: people and jobs filled per tech occupation. A person hired into two "
        "occupations appears under both."
    ),
    "employers": _(
        "By employer: people and jobs filled per employer, with the hires it pledged and how "
        "many of its counted hires fill a pledge."
    ),
    "programs": _(
        "Placements from training: counted people who completed a program on or before the "
        "start of their first counted job. Training-related rate: those people divided by "
        "all people hired. Completion: people who completed divided by all who applied. "
        "Placement: people placed divided by people who completed."
    ),
    "partners": _(
        "By referring partner: people hired whom a community partner referred. Partner "
        "referrals are not recorded in the portal yet."
    ),
    "populations": _(
        "Focus populations, from the voluntary questions people answer: share of people hired "
        "who belong to the group, and the group's hire rate (hired ÷ registered in the group). "
        "People who did not answer, or who were hired without an account, are shown as not "
        "disclosed, never guessed. Age at hire is the year of hire minus the year of birth."
    ),
    "funnel": _(
        "Funnel: people who registered as job seekers, of them who completed a profile "
        "(headline, a target job, three skills), applied to a job or a training, completed a "
        "training, and were hired (counted)."
    ),
}


# Long breakdowns (employers, pledges, programs, occupations) show their first rows on the
# page, largest first, so the page stays the same size at any volume; the CSV has every row.
PAGE_ROWS = 15


@dataclass
class Table:
    slug: str
    title: str
    columns: list
    rows: list = field(default_factory=list)
    chart: dict | None = None  # {"type", "label_column", "series": [column indexes]}
    definition: str = ""
    empty: str = ""
    limit: int | None = None  # rows shown on the page (the CSV has them all)
    filter_name: str = ""  # rows link to the dashboard filtered by this (with `ids`)
    ids: list = field(default_factory=list)

    @property
    def shown_with_links(self) -> list:
        """(row, filter value or None) for the rows shown."""
        ids = self.ids or [None] * len(self.rows)
        return list(zip(self.shown, ids, strict=False))

    @property
    def shown(self) -> list:
        return self.rows if self.limit is None else self.rows[: self.limit]

    @property
    def hidden_count(self) -> int:
        return len(self.rows) - len(self.shown)

    @property
    def chart_data(self) -> dict | None:
        """The chart's numbers, taken from the cells of the table shown under it."""
        if not self.chart or not self.rows:
            return None
        label_at = self.chart["label_column"]
        return {
            "id": self.slug,
            "type": self.chart["type"],
            "labels": [str(row[label_at]) for row in self.shown],
            "datasets": [
                {"label": str(self.columns[i]), "data": [row[i] for row in self.shown]}
                for i in self.chart["series"]
            ],
        }


def _spanish() -> bool:
    return (get_language() or "en").startswith("es")


def headline_rows(data: dict) -> list:
    head, pace = data["headline"], data["headline"]["pace"]
    return [
        [_("People hired"), head["people"]],
        [_("Target"), head["target"]],
        [_("Jobs filled"), head["jobs_filled"]],
        [_("Percent of goal"), head["percent_of_goal"]],
        [_("Percent of time elapsed"), head["percent_of_time"]],
        [_("Status"), str(STATUS_LABELS[head["status"]])],
        [_("Pace, people per month (overall)"), pace["overall"]],
        [_("Pace, trailing 3 months"), pace["trailing_3"]],
        [_("Pace, trailing 6 months"), pace["trailing_6"]],
        [_("Required pace"), pace["required"]],
        [_("Projected date of reaching the target"), head["projected_on"] or ""],
        [_("Target reached on"), head["reached_on"] or ""],
        [_("Hires pledged"), data["pledges"]["pledged"]],
        [_("Pledged hires filled"), data["pledges"]["filled"]],
        [_("Hires waiting for verification"), data["backlog"]["count"]],
    ]


def build(data: dict, *, filtered: bool = False) -> list[Table]:
    """Every table of the dashboard, in page order."""
    spanish = _spanish()
    programs = data["programs"]
    populations = data["populations"]
    tables = [
        Table(
            "months",
            _("People hired by month"),
            [
                _("Month"),
                _("People hired (running total)"),
                _("Straight pace line"),
                _("Target"),
                _("New people"),
                _("Jobs filled"),
            ],
            [
                [m["month"], m["people"], m["pace_line"], m["target"], m["new_people"], m["jobs"]]
                for m in data["months"]
            ],
            chart={"type": "line", "label_column": 0, "series": [1, 2, 3]},
            definition=DEFINITIONS["months"],
            empty=_("The goal has not started yet."),
        ),
        Table(
            "occupations",
            _("By occupation"),
            [_("SOC code"), _("Occupation"), _("People hired"), _("Jobs filled")],
            [
                [r["soc"], r["label_es"] if spanish else r["label_en"], r["people"], r["jobs"]]
                for r in data["occupations"]
            ],
            chart={"type": "bar", "label_column": 1, "series": [2]},
            definition=DEFINITIONS["occupations"],
            limit=PAGE_ROWS,
            empty=_("No counted hires yet."),
        ),
        Table(
            "employers",
            _("By employer"),
            [
                _("Employer"),
                _("People hired"),
                _("Jobs filled"),
                _("Hires pledged"),
                _("Pledged hires filled"),
            ],
            [
                [r["name"], r["people"], r["jobs"], r["pledged"], r["pledge_filled"]]
                for r in data["employers"]
            ],
            chart={"type": "bar", "label_column": 0, "series": [1, 3]},
            definition=DEFINITIONS["employers"],
            limit=PAGE_ROWS,
            filter_name="employer",
            ids=[r["id"] for r in data["employers"]],
            empty=_("No counted hires or pledges yet."),
        ),
        Table(
            "pledges",
            _("Pledges and their fulfilment"),
            [_("Employer"), _("Hires pledged"), _("Pledged hires filled"), _("Fulfilment (%)")],
            [
                [r["name"], r["pledged"], r["filled"], r["percent"]]
                for r in data["pledges"]["employers"]
            ],
            definition=DEFINITIONS["pledges"],
            limit=PAGE_ROWS,
            empty=_("No pledges for this goal yet."),
        ),
        Table(
            "programs",
            _("By training program"),
            [
                _("Program"),
                _("Provider"),
                _("Applied"),
                _("Completed"),
                _("Completion (%)"),
                _("People placed"),
                _("Placement (%)"),
            ],
            [
                [
                    r["title"],
                    r["provider"],
                    r["enrolled"],
                    r["completers"],
                    r["completion_percent"],
                    r["placed"],
                    r["placement_percent"],
                ]
                for r in programs["rows"]
            ],
            chart={"type": "bar", "label_column": 0, "series": [5]},
            definition=DEFINITIONS["programs"],
            limit=PAGE_ROWS,
            empty=_("No training completions yet."),
        ),
        Table(
            "partners",
            _("By referring partner"),
            [_("Partner"), _("People referred"), _("People hired")],
            [[r["name"], r["referred"], r["hired"]] for r in data["partners"]],
            definition=DEFINITIONS["partners"],
            empty=_(
                "No referrals yet: partners' referrals arrive with the partners' part of the "
                "portal. This table fills in then."
            ),
        ),
        Table(
            "populations",
            _("Focus populations"),
            [
                _("Group"),
                _("People hired in the group"),
                _("Share of people hired (%)"),
                _("Not in the group"),
                _("Not disclosed"),
                _("Registered in the group"),
                _("Hire rate in the group (%)"),
            ],
            [
                [
                    POPULATION_LABELS[r["key"]],
                    r["people"],
                    r["share_percent"],
                    r["not_in"],
                    r["not_disclosed"],
                    "" if filtered else r["registrants"],
                    "" if filtered else r["hire_rate_percent"],
                ]
                for r in populations["rows"]
            ],
            chart={"type": "bar", "label_column": 0, "series": [2]},
            definition=DEFINITIONS["populations"],
            empty=_("No counted hires yet."),
        ),
        Table(
            "funnel",
            _("From registration to hire"),
            [_("Stage"), _("People"), _("Percent of registered")],
            [[FUNNEL_LABELS[r["stage"]], r["people"], r["percent"]] for r in data["funnel"]]
            if not filtered
            else [],
            chart={"type": "bar", "label_column": 0, "series": [1]},
            definition=DEFINITIONS["funnel"],
            empty=_("The funnel counts every registered person, so it is not filtered."),
        ),
    ]
    return tables


def table_by_slug(data: dict, slug: str, *, filtered: bool = False) -> Table | None:
    if slug == "headline":
        return Table("headline", _("Headline"), [_("Measure"), _("Value")], headline_rows(data))
    return next((t for t in build(data, filtered=filtered) if t.slug == slug), None)


TABLE_SLUGS = [
    "headline",
    "months",
    "occupations",
    "employers",
    "pledges",
    "programs",
    "partners",
    "populations",
    "funnel",
]
