"""The demo's 2016–2020 story (seed_demo calls it): about 410 people hired into tech jobs
between December 2016 and December 2020, slowly at first, faster from 2018, a dip in the
spring of 2020, the 400th person in late 2020; pledges beside them; people who registered,
trained and were hired, with voluntary demographics; a few hires waiting for verification.

Everything is bulk-inserted (a few dozen queries) and deterministic. The organizations and
people are fictional.
"""

from __future__ import annotations

import math
import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.db.models import Case, DateTimeField, Value, When
from django.utils import timezone

from apps.accounts.models import Organization, Role, User
from apps.employers.models import Hire, HireStatus, Pledge
from apps.seekers.models import Demographics, SeekerProfile
from apps.skills.models import Occupation
from apps.trainings.models import Cohort, Enrollment, EnrollmentEvent, EnrollmentStatus

DENVER = ZoneInfo("America/Denver")
FIRST_MONTH = date(2016, 12, 1)
MONTHS = 49  # December 2016 → December 2020
PEOPLE = 412
HIRING_EMPLOYERS = [
    # Fictional employers that hired through the program (besides the demo logins' ones).
    ("Mesa Street Networks", "Managed networks for El Paso businesses."),
    ("Paso del Norte Cloud", "Cloud hosting and support for the border region."),
    ("Cielo Vista Data", "Data services for hospitals and clinics."),
    ("Ysleta Tech Services", "Help desk and field IT for schools."),
    ("Transmountain Software", "Logistics software for cross-border trade."),
]
# (SOC code, weight): the tech occupations people were hired into.
OCCUPATION_MIX = [
    ("15-1232", 34),
    ("15-1252", 18),
    ("15-1231", 12),
    ("15-1244", 8),
    ("15-1254", 8),
    ("15-2051", 7),
    ("15-1212", 6),
    ("15-1211", 4),
    ("15-1299", 3),
]
PLEDGES = [
    # employer, hires, SOC codes, made on, by
    (
        "Mesa Street Networks",
        40,
        ["15-1231", "15-1232", "15-1244"],
        date(2017, 2, 1),
        date(2020, 12, 31),
    ),
    (
        "Paso del Norte Cloud",
        50,
        ["15-1232", "15-1244", "15-1252"],
        date(2017, 5, 1),
        date(2020, 6, 30),
    ),
    ("Cielo Vista Data", 25, ["15-2051", "15-1211"], date(2018, 1, 15), date(2020, 12, 31)),
    ("Ysleta Tech Services", 30, ["15-1232"], date(2017, 9, 1), date(2019, 12, 31)),
]
FIRST = [
    "Ana",
    "Luis",
    "Sofía",
    "Carlos",
    "Valeria",
    "Diego",
    "Camila",
    "Jorge",
    "Daniela",
    "Miguel",
    "Paola",
    "Andrés",
    "Karen",
    "José",
    "Mónica",
    "Ricardo",
    "Brenda",
    "Javier",
    "Alejandra",
    "Óscar",
    "Erica",
    "Marcus",
    "Jasmine",
    "Tyler",
]
LAST = [
    "Gómez",
    "Pérez",
    "Ramírez",
    "Torres",
    "Flores",
    "Chávez",
    "Ruiz",
    "Morales",
    "Castillo",
    "Vargas",
    "Reyes",
    "Silva",
    "Ortega",
    "Núñez",
    "Medina",
    "Aguilar",
    "Johnson",
    "Williams",
]


def monthly_people(total: int = PEOPLE) -> list[int]:
    """People hired per month: an S-curve (a slow first year, a steady stride from 2018),
    with hiring halved in April–May 2020; the counts add up to `total`."""
    weights = []
    for m in range(MONTHS):
        weight = 1.5 + 10 / (1 + math.exp(-(m - 16) / 4.5))
        if m in (40, 41):  # April and May 2020
            weight *= 0.45
        weights.append(weight)
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    remainders = sorted(range(MONTHS), key=lambda m: weights[m] * scale - counts[m], reverse=True)
    for m in remainders[: total - sum(counts)]:
        counts[m] += 1
    return counts


def _month(m: int) -> date:
    year, month = divmod(FIRST_MONTH.year * 12 + FIRST_MONTH.month - 1 + m, 12)
    return date(year, month + 1, 1)


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=DENVER)


def _set_times(model, field_name: str, times: dict[int, datetime]) -> None:
    """One UPDATE setting a datetime per row (bulk_create leaves auto_now_add at now)."""
    if not times:
        return
    model.objects.filter(pk__in=times).update(
        **{
            field_name: Case(
                *[When(pk=pk, then=Value(moment)) for pk, moment in times.items()],
                output_field=DateTimeField(),
            )
        }
    )


def seed_story(*, employers: list[Organization], staff: User, programs: list, password: str) -> int:
    """Create the story's rows unless hires exist already. Returns the hires created."""
    if Hire.objects.exists():
        return 0
    rng = random.Random(2016)
    employers = list(employers) + [
        Organization.objects.get_or_create(
            name=name,
            kind=Organization.Kind.EMPLOYER,
            defaults={
                "slug": Organization.unique_slug_for(name),
                "status": Organization.Status.APPROVED,
                "description": description,
                "reviewed_at": _at(date(2017, 1, 10)),
            },
        )[0]
        for name, description in HIRING_EMPLOYERS
    ]
    by_name = {e.name: e for e in employers}
    occupations = {o.soc_code: o for o in Occupation.objects.all()}
    mix = [(occupations[soc], weight) for soc, weight in OCCUPATION_MIX if soc in occupations]

    # Pledges (made years ago), with their occupations.
    pledges = []
    for name, hires, socs, made, by in PLEDGES:
        pledge = Pledge.objects.create(
            employer=by_name[name], hires=hires, by_date=by, signed_by=None
        )
        pledge.occupations.set([occupations[s] for s in socs if s in occupations])
        pledge.made_on, pledge.socs, pledge.left = made, set(socs), hires
        pledges.append(pledge)
    _set_times(Pledge, "created_at", {p.pk: _at(p.made_on) for p in pledges})

    # Who was hired when, into what, by whom.
    plan = []
    for m, count in enumerate(monthly_people()):
        first = _month(m)
        days = (_month(m + 1) - first).days
        for _ in range(count):
            start = first + timedelta(days=rng.randrange(days))
            occupation = rng.choices([o for o, _ in mix], weights=[w for _, w in mix])[0]
            plan.append((start, occupation, rng.choice(employers)))
    plan.sort(key=lambda row: row[0])

    # A third of the people registered on the portal first (with voluntary answers), and
    # some of them trained; the others were hired outside it.
    hashed = make_password(password)
    accounts = []
    for i, (start, _occupation, _employer) in enumerate(plan):
        if i % 3 == 0:
            accounts.append(
                User(
                    email=f"hired{i + 1}@demo.rebootelpaso.example",
                    first_name=FIRST[i % len(FIRST)],
                    last_name=LAST[(i * 7) % len(LAST)],
                    role=Role.SEEKER,
                    preferred_language=("es", "en")[i % 2],
                    password=hashed,
                    date_joined=_at(start - timedelta(days=60 + rng.randrange(240))),
                )
            )
    # People who registered and have not been hired (yet): the funnel's wider top.
    for i in range(260):
        joined = _month(rng.randrange(MONTHS)) + timedelta(days=rng.randrange(28))
        accounts.append(
            User(
                email=f"registered{i + 1}@demo.rebootelpaso.example",
                first_name=FIRST[(i * 5) % len(FIRST)],
                last_name=LAST[(i * 3) % len(LAST)],
                role=Role.SEEKER,
                preferred_language=("es", "en")[i % 2],
                password=hashed,
                date_joined=_at(joined),
            )
        )
    accounts = User.objects.bulk_create(accounts)
    hired_accounts = {
        int(u.email[5:].split("@")[0]) - 1: u for u in accounts if u.email.startswith("hired")
    }

    def answer(p_yes: float) -> str:
        roll = rng.random()
        if roll < 0.12:
            return ""  # skipped the question
        if roll < 0.18:
            return "prefer_not"
        return "yes" if rng.random() < p_yes else "no"

    demographics = []
    for user in accounts:
        year = user.date_joined.year
        demographics.append(
            Demographics(
                user=user,
                veteran=answer(0.14),
                birth_year=None if rng.random() < 0.15 else year - rng.choice(range(18, 52)),
                long_term_unemployed=answer(0.22),
                education=rng.choice(
                    [
                        "",
                        "high_school",
                        "some_college",
                        "some_college",
                        "certificate",
                        "associate",
                        "bachelor",
                        "prefer_not",
                    ]
                ),
                sex=rng.choice(["female", "male", "male", "female", "prefer_not", ""]),
                hispanic_latino=answer(0.82),
            )
        )
    Demographics.objects.bulk_create(demographics)
    SeekerProfile.objects.bulk_create(
        [
            SeekerProfile(user=user, headline="Ready for a tech job in El Paso" if i % 2 else "")
            for i, user in enumerate(accounts)
        ]
    )

    # Past classes: people completed them a few weeks before starting their job.
    enrollments, completed_on = [], {}
    if programs:
        cohorts = {}
        for year in range(2016, 2021):
            for program in programs:
                cohort, _ = Cohort.objects.get_or_create(
                    program=program,
                    start_date=date(year, 1, 15),
                    defaults={
                        "end_date": date(year, 5, 15),
                        "enrollment_deadline": date(year, 1, 8),
                        "seats": 200,
                        "location": "El Paso",
                    },
                )
                cohorts[(year, program.pk)] = cohort
        for i, user in hired_accounts.items():
            if i % 2:
                continue
            start = plan[i][0]
            program = programs[i % len(programs)]
            finished = start - timedelta(days=14 + rng.randrange(60))
            cohort = cohorts.get((finished.year, program.pk)) or cohorts[(2016, program.pk)]
            enrollments.append(
                Enrollment(
                    cohort=cohort,
                    seeker=user,
                    status=EnrollmentStatus.COMPLETED,
                    credential_earned=True,
                )
            )
            completed_on[user.pk] = finished
        enrollments = Enrollment.objects.bulk_create(enrollments)
        events = EnrollmentEvent.objects.bulk_create(
            [
                EnrollmentEvent(enrollment=e, from_status="enrolled", to_status="completed")
                for e in enrollments
            ]
        )
        _set_times(
            EnrollmentEvent,
            "created_at",
            {
                ev.pk: _at(completed_on[e.seeker_id])
                for ev, e in zip(events, enrollments, strict=True)
            },
        )
    enrollment_of = {e.seeker_id: e for e in enrollments}

    # The hires: verified a week or two after they started; pledges filled as they fit.
    hires, reported_at = [], {}
    for i, (start, occupation, employer) in enumerate(plan):
        user = hired_accounts.get(i)
        pledge = next(
            (
                p
                for p in sorted(pledges, key=lambda p: p.by_date)
                if p.employer_id == employer.pk
                and p.left > 0
                and p.made_on <= start <= p.by_date
                and occupation.soc_code in p.socs
            ),
            None,
        )
        if pledge is not None:
            pledge.left -= 1
        hires.append(
            Hire(
                employer=employer,
                seeker=user,
                external_name="" if user else f"{FIRST[i % len(FIRST)]} {LAST[i % len(LAST)]}",
                external_email="" if user else f"person{i + 1}@hired.demo.rebootelpaso.example",
                occupation=occupation,
                start_date=start,
                wage=Decimal(15 + rng.randrange(14)),
                wage_unit="hour",
                pledge=pledge,
                training_enrollment=enrollment_of.get(user.pk) if user else None,
                status=HireStatus.VERIFIED,
                decided_by=staff,
                decided_at=_at(start + timedelta(days=5 + rng.randrange(15)), 15),
            )
        )
        reported_at[i] = _at(start + timedelta(days=rng.randrange(4)))
    # Hires that don't count: outside tech, rejected, or still waiting (reported this week).
    today = timezone.localdate()
    extras = [
        ("43-4051", HireStatus.VERIFIED, date(2018, 6, 4), None),
        ("43-4051", HireStatus.VERIFIED, date(2019, 9, 16), None),
        (
            "15-1232",
            HireStatus.REJECTED,
            date(2019, 3, 4),
            "The employer could not confirm the start date.",
        ),
        ("15-1252", HireStatus.REJECTED, date(2020, 2, 10), "Reported twice by mistake."),
    ] + [
        ("15-1232", HireStatus.REPORTED, date(2020, 12, 1) + timedelta(days=3 * k), None)
        for k in range(7)
    ]
    for k, (soc, status, start, reason) in enumerate(extras):
        hires.append(
            Hire(
                employer=employers[k % len(employers)],
                external_name=f"{FIRST[k]} {LAST[k]}",
                external_email=f"other{k + 1}@hired.demo.rebootelpaso.example",
                occupation=occupations[soc],
                start_date=start,
                wage=Decimal(16),
                wage_unit="hour",
                status=status,
                decided_by=None if status == HireStatus.REPORTED else staff,
                decided_at=None
                if status == HireStatus.REPORTED
                else _at(start + timedelta(days=9)),
                rejection_reason=reason or "",
            )
        )
        reported_at[len(plan) + k] = (
            _at(today - timedelta(days=2 + 2 * k)) if status == HireStatus.REPORTED else _at(start)
        )
    hires = Hire.objects.bulk_create(hires)
    _set_times(Hire, "created_at", {h.pk: reported_at[i] for i, h in enumerate(hires)})
    return len(hires)
