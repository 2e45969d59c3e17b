"""How well a seeker fits a job, and which trainings close a seeker's gap: pure functions.

Inputs are plain facts (skill ids, occupation ids, vocabulary bits), never a model row, so
the rules are tested without a database and nothing else can creep in. What is deliberately
NOT an input: demographics, ZIP code, name, age, education: a match is made of skills and
the person's own stated preferences only.

A job score is 0–100 points:

- required skills, 60 points: the share of the job's required skills the seeker has, a
  verified skill (earned in a completed training) counting VERIFIED, a self-reported one
  SELF_REPORTED (out of VERIFIED);
- preferred skills, 15 points: the same share over the nice-to-have skills (a job with none
  gives the 15 points: nothing it prefers is missing);
- occupation, 15 points: the job's occupation is one the seeker targets, or one a training
  they completed prepares for;
- logistics, 10 points: 5 when the job's work setting is among the seeker's, 5 when its
  schedule fits their availability (a flexible or self-paced schedule fits everyone; an
  availability left blank is not held against anyone).

The same arithmetic runs in PostgreSQL for the fan-out and the lists (see sql.py); a test
checks both agree. Change the weights or rules → bump ALGORITHM_VERSION (stored with alerts).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from apps.skills.vocabulary import FITS_ANY_AVAILABILITY

ALGORITHM_VERSION = "2026.1"

REQUIRED_POINTS = 60
PREFERRED_POINTS = 15
OCCUPATION_POINTS = 15
SETTING_POINTS = 5
SCHEDULE_POINTS = 5

VERIFIED = 10
SELF_REPORTED = 7

STRONG = 75
GOOD = 50
POSSIBLE = 30
# Alerts go out for matches at least this good.
ALERT_THRESHOLD = GOOD

FITS_ANY_BITS = sum(member.bit for member in FITS_ANY_AVAILABILITY)


class Band:
    STRONG = "strong"
    GOOD = "good"
    POSSIBLE = "possible"
    NONE = ""


def band_of(score: float) -> str:
    if score >= STRONG:
        return Band.STRONG
    if score >= GOOD:
        return Band.GOOD
    if score >= POSSIBLE:
        return Band.POSSIBLE
    return Band.NONE


@dataclass(frozen=True)
class SeekerFacts:
    """skills: skill id → verified? · occupations: targets and completed trainings' ones."""

    skills: dict = field(default_factory=dict)
    occupations: frozenset = frozenset()
    work_settings: int = 0  # a WorkSetting bitmask
    availability: int = 0  # a Schedule bitmask

    @property
    def is_empty(self) -> bool:
        return not self.skills and not self.occupations


@dataclass(frozen=True)
class JobFacts:
    required: frozenset
    preferred: frozenset = frozenset()
    occupation: int | None = None
    work_setting: int = 0  # the job's WorkSetting bit
    schedule: int = 0  # the job's Schedule bit


@dataclass(frozen=True)
class JobMatch:
    score: float
    band: str
    matched_required: tuple
    missing_required: tuple
    matched_preferred: tuple
    occupation_fits: bool
    setting_fits: bool
    schedule_fits: bool

    @property
    def points(self) -> int:
        return int(self.score + 0.5)


def _coverage(wanted: frozenset, skills: dict) -> float:
    if not wanted:
        return 1.0
    weight = sum(VERIFIED if skills[s] else SELF_REPORTED for s in wanted if s in skills)
    return weight / (VERIFIED * len(wanted))


def schedule_fits(job_schedule: int, availability: int) -> bool:
    return not availability or bool(job_schedule & (availability | FITS_ANY_BITS))


def score_job(seeker: SeekerFacts, job: JobFacts) -> JobMatch:
    occupation_fits = job.occupation is not None and job.occupation in seeker.occupations
    setting_fits = bool(seeker.work_settings & job.work_setting)
    fits_schedule = schedule_fits(job.schedule, seeker.availability)
    score = (
        REQUIRED_POINTS * _coverage(job.required, seeker.skills)
        + PREFERRED_POINTS * _coverage(job.preferred, seeker.skills)
        + (OCCUPATION_POINTS if occupation_fits else 0)
        + (SETTING_POINTS if setting_fits else 0)
        + (SCHEDULE_POINTS if fits_schedule else 0)
    )
    return JobMatch(
        score=score,
        band=band_of(score),
        matched_required=tuple(sorted(s for s in job.required if s in seeker.skills)),
        missing_required=tuple(sorted(s for s in job.required if s not in seeker.skills)),
        matched_preferred=tuple(sorted(s for s in job.preferred if s in seeker.skills)),
        occupation_fits=occupation_fits,
        setting_fits=setting_fits,
        schedule_fits=fits_schedule,
    )


# ---------------------------------------------------------------------------
# Seeker ↔ training
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ProgramFacts:
    id: int
    skills: frozenset
    start_date: date | None  # the next cohort's
    format: int = 0  # a WorkSetting bit
    schedule: int = 0  # a Schedule bit
    price: Decimal = Decimal(0)  # after funding


@dataclass(frozen=True)
class ProgramMatch:
    program_id: int
    closes: tuple  # the gap skills it teaches, most wanted first
    gap_weight: int  # how many open-job requirements those skills stand for
    format_fits: bool
    schedule_fits: bool


def skill_gap(seeker: SeekerFacts, demand: dict) -> dict:
    """demand: skill id → how many open jobs (in the seeker's target occupations) require it.
    The gap: the demanded skills the seeker lacks, with their weight."""
    return {skill: count for skill, count in demand.items() if skill not in seeker.skills}


def rank_programs(seeker: SeekerFacts, gap: dict, programs: list) -> list:
    """Programs that teach at least one gap skill, the ones closing most of the gap first,
    then the soonest start, a schedule and format that fit, and the lowest price."""
    ranked = []
    for program in programs:
        closes = tuple(sorted((s for s in program.skills if s in gap), key=lambda s: (-gap[s], s)))
        if not closes:
            continue
        match = ProgramMatch(
            program_id=program.id,
            closes=closes,
            gap_weight=sum(gap[s] for s in closes),
            format_fits=bool(seeker.work_settings & program.format),
            schedule_fits=schedule_fits(program.schedule, seeker.availability),
        )
        ranked.append((match, program))
    ranked.sort(
        key=lambda pair: (
            -pair[0].gap_weight,
            pair[1].start_date or date.max,
            not pair[0].schedule_fits,
            not pair[0].format_fits,
            pair[1].price,
            pair[1].id,
        )
    )
    return [match for match, _ in ranked]
