"""Every kind of message the portal sends, and the category a person controls it by.

Domain apps name a kind when they call `notify()`; this module imports none of them.
Templates for a kind live in templates/emails/<kind>_subject.txt, <kind>.txt and
<kind>.html and read only the context given to `notify()`, plus the person's `name`,
`email` and `unsubscribe_url` (see rendering.py) and `preferences_url`, `has_account`.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    ACCOUNT = "account", _("Your account and organization")
    APPLICATIONS = "applications", _("Job applications")
    TRAININGS = "trainings", _("Trainings and enrollments")
    JOB_MATCHES = "job_matches", _("Jobs and trainings that match you")
    REFERRALS = "referrals", _("Referrals")
    PROGRAM_NEWS = "program_news", _("Program news and events")


class Frequency(models.TextChoices):
    INSTANT = "instant", _("Right away")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    OFF = "off", _("Off")


CATEGORY_HELP = {
    Category.ACCOUNT: _("Approvals of your organization, invitations, changes to your account."),
    Category.APPLICATIONS: _("Each change in the status of a job application."),
    Category.TRAININGS: _("Decisions on your enrollments and news about your classes."),
    Category.JOB_MATCHES: _("New jobs and trainings that fit your skills."),
    Category.REFERRALS: _("What happens to the people you referred."),
    Category.PROGRAM_NEWS: _("Info sessions, hiring fairs and news from Reboot El Paso."),
}

# The categories each role hears about (a person's role is a plain string here: this app
# imports no other). Staff, and any role not listed, see them all.
ROLE_CATEGORIES = {
    "seeker": [
        Category.APPLICATIONS,
        Category.TRAININGS,
        Category.JOB_MATCHES,
        Category.PROGRAM_NEWS,
        Category.ACCOUNT,
    ],
    "employer": [Category.ACCOUNT, Category.APPLICATIONS, Category.PROGRAM_NEWS],
    "provider": [Category.ACCOUNT, Category.TRAININGS, Category.PROGRAM_NEWS],
    "partner": [Category.ACCOUNT, Category.REFERRALS, Category.PROGRAM_NEWS],
}


def categories_for(role: str) -> list[str]:
    return ROLE_CATEGORIES.get(role, list(Category))


DEFAULT_FREQUENCY = {
    Category.ACCOUNT: Frequency.INSTANT,
    Category.APPLICATIONS: Frequency.INSTANT,
    Category.TRAININGS: Frequency.INSTANT,
    Category.JOB_MATCHES: Frequency.DAILY,
    Category.REFERRALS: Frequency.INSTANT,
    Category.PROGRAM_NEWS: Frequency.WEEKLY,
}


@dataclass(frozen=True)
class Kind:
    name: str
    category: str
    label: str  # for staff: what the message is about
    # Rendered by its caller (allauth's account emails): no templates here, sent whatever
    # the person's choices, never in the inbox or a digest, no unsubscribe link.
    rendered_by_caller: bool = False


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in [
        Kind("organization_approved", Category.ACCOUNT, _("Organization approved")),
        Kind("organization_rejected", Category.ACCOUNT, _("Organization not approved")),
        Kind("invitation", Category.ACCOUNT, _("Invitation to a team")),
        Kind("enrollment_received", Category.TRAININGS, _("New enrollment application")),
        Kind("enrollment_status", Category.TRAININGS, _("Enrollment decision")),
        Kind("class_rescheduled", Category.TRAININGS, _("Class start date moved")),
        Kind("application_received", Category.APPLICATIONS, _("New job application")),
        Kind("application_status", Category.APPLICATIONS, _("Application status change")),
        Kind("application_withdrawn", Category.APPLICATIONS, _("Application withdrawn")),
        Kind("job_published", Category.ACCOUNT, _("Job published")),
        Kind("job_sent_back", Category.ACCOUNT, _("Job sent back for changes")),
        Kind("hire_verified", Category.ACCOUNT, _("Hire verified")),
        Kind("hire_rejected", Category.ACCOUNT, _("Hire not verified")),
        Kind("hire_reminder", Category.ACCOUNT, _("Reminder to report hires")),
        Kind("hires_waiting", Category.ACCOUNT, _("Hires waiting for verification")),
        Kind(
            "account_confirmation",
            Category.ACCOUNT,
            _("Email address confirmation"),
            rendered_by_caller=True,
        ),
        Kind("password_reset", Category.ACCOUNT, _("Password reset"), rendered_by_caller=True),
        Kind(
            "account_security",
            Category.ACCOUNT,
            _("Account security notice"),
            rendered_by_caller=True,
        ),
        Kind("job_match", Category.JOB_MATCHES, _("A new job that matches you")),
        Kind("job_alert", Category.JOB_MATCHES, _("A new job for a saved search")),
        Kind("training_match", Category.JOB_MATCHES, _("A new class that closes a skill gap")),
        Kind("job_invitation", Category.JOB_MATCHES, _("Invitation to apply to a job")),
        Kind("referral_invitation", Category.ACCOUNT, _("Invitation from a community partner")),
        Kind("event_reminder", Category.ACCOUNT, _("Reminder of an event tomorrow")),
        Kind("event_seat", Category.ACCOUNT, _("A seat at an event opened up")),
    ]
}
# The kinds rendered from templates/emails/ (every kind but the caller-rendered ones).
TEMPLATE_KINDS = sorted(name for name, kind in KINDS.items() if not kind.rendered_by_caller)


def kind_label(name: str) -> str:
    """A kind's label, or its name if it is no longer sent (old rows)."""
    kind = KINDS.get(name)
    return kind.label if kind else name


def rendered_by_caller(name: str) -> bool:
    kind = KINDS.get(name)
    return kind is not None and kind.rendered_by_caller


def get_kind(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(f"Unknown notification kind {name!r}: add it to KINDS") from None
