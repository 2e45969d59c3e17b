"""Small builders for the goals tests: the seeded goal, and hires in any state on any date.

Hires are created directly (not through employers' services) so a test can put a start date
and a verification time exactly where it needs them, years in the past included.
"""

import uuid
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from apps.employers.models import Hire, HireStatus
from apps.goals.models import Goal
from apps.skills.models import Occupation

DENVER = ZoneInfo("America/Denver")
DEVELOPERS = "15-1252"
NOT_TECH = "43-4051"


def reboot_goal() -> Goal:
    """The goal the data migration seeds (transactional tests flush it: made again here)."""
    goal, _ = Goal.objects.get_or_create(
        name="Reboot El Paso",
        defaults={
            "target": 400,
            "start": date(2016, 12, 1),
            "end": date(2020, 12, 31),
            "counting_rule_en": "A verified tech hire starting inside the window counts.",
            "counting_rule_es": "Cuenta una contratación tecnológica verificada.",
        },
    )
    return goal


def small_goal(**fields) -> Goal:
    values = {
        "name": "Small goal",
        "target": 10,
        "start": date(2020, 1, 1),
        "end": date(2020, 12, 31),
        "counting_rule_en": "Verified tech hires count.",
        "counting_rule_es": "Cuentan las contrataciones verificadas.",
        **fields,
    }
    return Goal.objects.create(**values)


def denver(day: date, at: time = time(12, 0)) -> datetime:
    return datetime.combine(day, at, tzinfo=DENVER)


def hire(
    employer,
    start: date,
    *,
    seeker=None,
    email: str | None = None,
    status: str = HireStatus.VERIFIED,
    decided_at: datetime | None = None,
    reported_at: datetime | None = None,
    soc: str = DEVELOPERS,
    pledge=None,
    training_enrollment=None,
) -> Hire:
    if seeker is None and email is None:
        email = f"person-{uuid.uuid4().hex[:8]}@people.example"
    row = Hire.objects.create(
        employer=employer,
        seeker=seeker,
        external_name="" if seeker else "Pat Example",
        external_email="" if seeker else email,
        occupation=Occupation.objects.get(soc_code=soc),
        start_date=start,
        wage=Decimal("20.00"),
        wage_unit="hour",
        status=status,
        pledge=pledge,
        training_enrollment=training_enrollment,
        decided_at=None if status == HireStatus.REPORTED else (decided_at or denver(start)),
        rejection_reason="Could not confirm." if status == HireStatus.REJECTED else "",
    )
    if reported_at is not None:
        Hire.objects.filter(pk=row.pk).update(created_at=reported_at)
    return row
