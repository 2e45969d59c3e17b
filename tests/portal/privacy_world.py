"""A person with something in every app, for the export and erasure tests: Lupe, a job
seeker who applied (one application open, one that led to a verified hire, and a second
hire elsewhere: one person, two jobs), completed a training and applied to another, was
referred by a partner, holds the last seat of tomorrow's info session, saved a job alert,
was invited to apply, answered the voluntary questions and uploaded a resume."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from apps.accounts.models import Organization, User
from apps.employers.models import Application, Hire, HireStatus
from apps.employers.services.applications import add_note, apply_to_job, move_application
from apps.matching.models import JobAlert, JobInvitation
from apps.notifications.models import Preference
from apps.partners.models import RSVP, Event, Referral, RSVPStatus
from apps.seekers import services as seeker_services
from apps.seekers.services import profile_for
from apps.skills.models import Occupation
from apps.trainings import services as training_services
from apps.trainings.models import Enrollment
from tests.factories import OrganizationFactory, UserFactory, member_of
from tests.factories.hires import (
    complete_training,
    make_application,
    make_hire,
    make_job,
    training_cohort,
)
from tests.factories.partners import EventFactory, ReferralFactory, RSVPFactory
from tests.factories.pipeline import PDF, seeker
from tests.factories.trainings import published_cohort
from tests.seekers.helpers import pdf_upload

DEVELOPERS = "15-1252"
ANSWERS = {
    "veteran": "yes",
    "birth_year": 1996,
    "long_term_unemployed": "no",
    "education": "some_college",
    "sex": "female",
    "hispanic_latino": "yes",
    "race": ["white", "american_indian"],
}


@dataclass
class World:
    lupe: User
    open_application: Application
    hired_application: Application
    hires: list[Hire]
    open_enrollment: Enrollment
    completed_enrollment: Enrollment
    referral: Referral
    event: Event
    waiting: User  # on the event's waitlist behind Lupe
    teammate: User  # the employer's member who moved Lupe's application


def person_with_everything(personas, name=("Lupe", "Ortiz"), email="lupe@people.example"):
    employer = personas.orgs.employer
    lupe = seeker(
        first_name=name[0],
        last_name=name[1],
        email=email,
        skills=["python", "sql", "linux"],
        occupations=Occupation.objects.filter(soc_code=DEVELOPERS),
    )
    profile = profile_for(lupe)
    seeker_services.save_resume(profile=profile, upload=pdf_upload("Lupe CV.pdf", PDF))
    seeker_services.save_demographics(user=lupe, fields=dict(ANSWERS))

    # Applications: one open (the team reviews it and keeps a private note), one hired.
    job = make_job(employer, title="Help Desk Technician")
    open_application = apply_to_job(seeker=lupe, job=job, note="I can start next week.")
    move_application(application=open_application, to="reviewing", actor=personas.employer_member)
    add_note(application=open_application, author=personas.employer, text="Great on the phone.")
    hired_application = make_application(employer=employer, seeker=lupe, status="hired")
    first = make_hire(
        employer,
        application=hired_application,
        status=HireStatus.VERIFIED,
        reviewer=personas.staff,
        start_days_ago=20,
    )
    # A second job, at another employer: still one person for the goal.
    elsewhere = OrganizationFactory(name=f"Franklin Mountain Health IT for {name[0]}")
    second = make_hire(
        elsewhere,
        application=make_application(employer=elsewhere, seeker=lupe, status="hired"),
        status=HireStatus.VERIFIED,
        reviewer=personas.staff,
        start_days_ago=5,
    )

    # Trainings: one completed (verified skills), one applied for.
    completed = complete_training(lupe, *training_cohort(title=f"Python Evenings {name[0]}"))
    later = published_cohort(title=f"Cloud Basics {name[0]}", days_ahead=40)
    open_enrollment = training_services.apply(
        seeker=lupe, cohort=later, note="Evenings work best for me."
    )

    referral = ReferralFactory(
        partner=personas.orgs.partner,
        referred_by=personas.partner,
        name="Lupe Ortiz",
        email=lupe.email,
        note="Call me when you sign up!",
        person=lupe,
    )
    event = EventFactory(organization=personas.orgs.partner, capacity=1)
    RSVPFactory(event=event, user=lupe, status=RSVPStatus.GOING)
    waiting = UserFactory(email=f"waiting-for-{name[0].lower()}@people.example")
    RSVPFactory(event=event, user=waiting, status=RSVPStatus.WAITLIST)
    JobAlert.objects.create(user=lupe, query="q=python", q="python")
    JobInvitation.objects.create(
        job=make_job(employer, title="Junior Developer"),
        seeker=lupe,
        invited_by=personas.employer,
        algorithm_version="1",
    )
    Preference.objects.create(user=lupe, category="job_matches", frequency="weekly")
    return World(
        lupe=lupe,
        open_application=open_application,
        hired_application=hired_application,
        hires=[first, second],
        open_enrollment=open_enrollment,
        completed_enrollment=completed,
        referral=referral,
        event=event,
        waiting=waiting,
        teammate=personas.employer_member,
    )


def past_event_rsvp(user, partner: Organization) -> RSVP:
    start = timezone.now() - timedelta(days=7)
    event = EventFactory(organization=partner, starts_at=start, ends_at=start + timedelta(hours=2))
    return RSVPFactory(event=event, user=user, status=RSVPStatus.GOING, attended=True)


__all__ = ["World", "member_of", "past_event_rsvp", "person_with_everything"]
