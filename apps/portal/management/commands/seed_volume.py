"""Load a realistic volume of fictional data, to see the portal at the size of a real program.

    DJANGO_DEBUG=true manage.py seed_volume [--seekers 3000] [--employers 60] [--providers 20]

Thousands of job seekers with profiles and skills, employers with jobs, applicants in every
stage, pledges and hires since 2017, providers with programs, cohorts and rosters. Rows are
written in bulk (a few seconds for the defaults on PostgreSQL), with the same invariants the
services keep: search documents, matching's index of open jobs, one application per job and
person, one hire per person, status histories. Every run adds a new batch (its own e-mail
addresses); nothing is deleted.

Every login it makes shares the demo password, so it runs only with DJANGO_DEBUG=true, like
seed_demo. The owners of the first employer and provider of a run are printed to log in with.
"""

import itertools
import random
import time
from datetime import date, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from apps.accounts.models import Membership, Organization, Role, User
from apps.employers.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    Hire,
    HireStatus,
    Job,
    JobStatus,
    PayUnit,
    Pledge,
    RejectionReason,
)
from apps.employers.services import jobs as employer_services
from apps.matching import services as matching_services
from apps.portal.management.commands.seed_demo import DEMO_PASSWORD
from apps.seekers.models import Education, SeekerProfile, SeekerSkill
from apps.skills.models import Occupation, Skill
from apps.skills.vocabulary import (
    JOB_SCHEDULES,
    PROGRAM_SCHEDULES,
    EmploymentType,
    Schedule,
    WorkSetting,
    values_of,
)
from apps.trainings import services as training_services
from apps.trainings.models import (
    Cohort,
    Enrollment,
    EnrollmentEvent,
    EnrollmentStatus,
    Program,
    ProgramStatus,
    TeachingLanguage,
)

# Where seekers want to work: any of the three, or just one of them.
SEEKER_SETTINGS = [
    list(WorkSetting),
    [WorkSetting.ONSITE],
    [WorkSetting.HYBRID],
    [WorkSetting.REMOTE],
]

FIRST = [
    "María", "José", "Guadalupe", "Juan", "Ana", "Luis", "Rosa", "Carlos", "Alejandra",
    "Jesús", "Daniela", "Miguel", "Sofía", "Francisco", "Valeria", "Jorge", "Andrea",
    "Ricardo", "Fernanda", "Antonio", "Emily", "James", "Ashley", "Michael", "Jessica",
    "David", "Sarah", "Christopher", "Brianna", "Joshua", "Aaliyah", "Tyler", "Kimberly",
]  # fmt: skip
LAST = [
    "García", "Hernández", "Martínez", "López", "González", "Rodríguez", "Pérez", "Sánchez",
    "Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Reyes", "Morales", "Ortiz",
    "Chávez", "Ruiz", "Mendoza", "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller",
    "Davis", "Wilson", "Anderson", "Thomas", "Moore", "Jackson",
]  # fmt: skip
COMPANY_A = [
    "Franklin", "Mesa", "Rio", "Sun City", "Desert", "Borderplex", "Chihuahuan", "Scenic",
    "Mission", "Paso", "Upper Valley", "Socorro", "Horizon", "Sierra", "Ascarate", "Montana",
]  # fmt: skip
COMPANY_B = [
    "Data", "Cloud", "Networks", "Software", "Health IT", "Logistics Tech", "Cyber",
    "Systems", "Analytics", "Digital", "Robotics", "Fintech",
]  # fmt: skip
COMPANY_C = ["LLC", "Inc.", "Group", "Labs", "Co.", "Partners"]
SCHOOLS = [
    "Academy", "Institute", "Tech School", "Learning Center", "Coding School", "College",
]  # fmt: skip
HEADLINES = [
    "Help desk technician learning cloud",
    "Veteran moving into cybersecurity",
    "Self-taught web developer",
    "Bilingual IT support specialist",
    "Data analyst with Excel and SQL",
    "Técnica de soporte bilingüe",
    "Desarrollador web en formación",
    "Network technician, CompTIA A+",
    "Career changer from logistics to IT",
    "Recent graduate looking for a first tech job",
]
ZIPS = [f"799{n:02d}" for n in (1, 2, 3, 4, 5, 7, 12, 15, 22, 24, 25, 27, 30, 32, 34, 35, 36, 38)]
JOB_TITLES = {
    "15-1232": ["Help Desk Technician", "IT Support Specialist", "Desktop Support Analyst"],
    "15-1252": ["Software Developer", "Junior Web Developer", "Back-End Developer"],
    "15-1212": ["Security Analyst", "SOC Analyst I", "Cybersecurity Technician"],
    "15-1244": ["Network Administrator", "Systems Administrator", "Network Technician"],
    "15-2051": ["Data Analyst", "Business Intelligence Analyst", "Reporting Analyst"],
}
DESCRIPTION = (
    "Join a growing El Paso team. You will work with experienced colleagues, learn on the "
    "job and grow with us. We hire for skills: no degree required. Bilingual English and "
    "Spanish is a plus. Benefits include health insurance, paid time off and training.\n\n"
    "What you will do: support the people who use our systems, keep our tools running, "
    "document what you fix and learn something new every week."
)
PROGRAM_TOPICS = [
    ("IT Support Fundamentals", "15-1232"),
    ("Full-Stack Web Development", "15-1252"),
    ("Cybersecurity Analyst Bootcamp", "15-1212"),
    ("Network and Cloud Administration", "15-1244"),
    ("Data Analytics with SQL and Python", "15-2051"),
]
# How applications end up, weighted: most stay early in the pipeline, few are hired.
APPLICATION_OUTCOMES = [
    (ApplicationStatus.SUBMITTED, 30),
    (ApplicationStatus.REVIEWING, 20),
    (ApplicationStatus.INTERVIEW, 12),
    (ApplicationStatus.OFFER, 4),
    (ApplicationStatus.HIRED, 8),
    (ApplicationStatus.REJECTED, 20),
    (ApplicationStatus.WITHDRAWN, 6),
]
ENROLLMENT_OUTCOMES = [
    (EnrollmentStatus.APPLIED, 15),
    (EnrollmentStatus.ACCEPTED, 10),
    (EnrollmentStatus.ENROLLED, 20),
    (EnrollmentStatus.COMPLETED, 40),
    (EnrollmentStatus.DECLINED, 5),
    (EnrollmentStatus.WITHDRAWN, 10),
]
BATCH = 2000


class Command(BaseCommand):
    help = "Load thousands of fictional seekers, jobs, applications, programs and hires."

    def add_arguments(self, parser):
        parser.add_argument("--seekers", type=int, default=3000)
        parser.add_argument("--employers", type=int, default=60)
        parser.add_argument("--jobs-per-employer", type=int, default=8)
        parser.add_argument("--providers", type=int, default=20)
        parser.add_argument("--seed", type=int, default=None, help="for a repeatable run")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_volume only runs with DJANGO_DEBUG=true: its logins share the demo password."
            )
        for name in ("seekers", "employers", "jobs_per_employer", "providers"):
            if not 1 <= options[name] <= 100_000:
                raise CommandError(f"--{name.replace('_', '-')} must be between 1 and 100000.")
        self.random = random.Random(options["seed"])
        self.run = f"{self.random.getrandbits(24):06x}"
        self.today = timezone.localdate()
        self.password = make_password(DEMO_PASSWORD)  # hashed once, shared by every login
        self.staff = User.objects.filter(role=Role.STAFF).first()
        self.occupations = {o.soc_code: o for o in Occupation.objects.filter(is_tech=True)}
        self.skills = list(Skill.objects.all())
        if not self.skills or not all(code in self.occupations for code in JOB_TITLES):
            raise CommandError("The skills taxonomy is missing: run `manage.py migrate` first.")

        started = time.monotonic()
        with transaction.atomic():
            employers = self._organizations(Organization.Kind.EMPLOYER, options["employers"])
            providers = self._organizations(Organization.Kind.PROVIDER, options["providers"])
            seekers = self._seekers(options["seekers"])
            cohorts = self._programs(providers)
            completed = self._enrollments(seekers, cohorts)
            jobs = self._jobs(employers, options["jobs_per_employer"])
            hired = self._applications(seekers, jobs)
            self._pledges(employers)
            hires = self._hires(hired, completed)
            # Written in bulk without `job_published`: matching's index of open jobs is
            # rebuilt once, as its nightly task does.
            matching_services.index_open_jobs()
        counts = {
            "seekers": len(seekers),
            "employers": len(employers),
            "jobs": len(jobs),
            "applications": Application.objects.filter(job__in=jobs).count(),
            "providers": len(providers),
            "cohorts": len(cohorts),
            "enrollments": Enrollment.objects.filter(cohort__in=cohorts).count(),
            "hires": hires,
        }
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded batch {self.run} in {time.monotonic() - started:.0f} s: "
                + ", ".join(f"{n} {what}" for what, n in counts.items())
            )
        )
        self.stdout.write(
            f"Log in (password {DEMO_PASSWORD}) as {employers[0][1].email} (employer), "
            f"{providers[0][1].email} (provider) or {seekers[0].email} (seeker)."
        )

    # ------------------------------------------------------------------
    # People and organizations
    # ------------------------------------------------------------------
    def _users(self, role: Role, emails: list[str]) -> list[User]:
        users = []
        for email in emails:
            users.append(
                User(
                    email=email,
                    first_name=self.random.choice(FIRST),
                    last_name=self.random.choice(LAST),
                    role=role,
                    preferred_language="es" if self.random.random() < 0.55 else "en",
                    password=self.password,
                )
            )
        User.objects.bulk_create(users, batch_size=BATCH)
        users = list(User.objects.filter(email__in=emails).order_by("pk"))
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
            batch_size=BATCH,
        )
        return users

    def _organization_names(self, kind, count: int) -> list[str]:
        """Plausible names not taken yet; a number is added once the combinations run out."""
        if kind == Organization.Kind.EMPLOYER:
            parts = [COMPANY_A, COMPANY_B, COMPANY_C]
        else:
            parts = [COMPANY_A, SCHOOLS]
        combinations = [" ".join(words) for words in itertools.product(*parts)]
        self.random.shuffle(combinations)
        taken = set(Organization.objects.filter(kind=kind).values_list("name", flat=True))
        names, n = [], 1
        while len(names) < count:
            for name in combinations:
                candidate = name if n == 1 else f"{name} {n}"
                if candidate not in taken:
                    names.append(candidate)
                    taken.add(candidate)
                    if len(names) == count:
                        break
            n += 1
        return names

    def _organizations(self, kind, count: int) -> list[tuple[Organization, User]]:
        names = self._organization_names(kind, count)
        now = timezone.now()
        Organization.objects.bulk_create(
            [
                Organization(
                    name=name,
                    slug=Organization.unique_slug_for(name),
                    kind=kind,
                    status=Organization.Status.APPROVED,
                    description="A fictional organization made by seed_volume.",
                    reviewed_at=now,
                )
                for name in names
            ]
        )
        organizations = list(Organization.objects.filter(kind=kind, name__in=names).order_by("pk"))
        owners = self._users(
            Role.EMPLOYER if kind == Organization.Kind.EMPLOYER else Role.PROVIDER,
            [f"{kind}-{self.run}-{n}@volume.example" for n in range(count)],
        )
        Membership.objects.bulk_create(
            [
                Membership(user=owner, organization=org, role=Membership.Role.OWNER)
                for org, owner in zip(organizations, owners, strict=True)
            ]
        )
        return list(zip(organizations, owners, strict=True))

    def _availability(self) -> list:
        odds = [(Schedule.DAY, 0.7), (Schedule.EVENING, 0.5), (Schedule.WEEKEND, 0.3)]
        return [member for member, chance in odds if self.random.random() < chance]

    def _seekers(self, count: int) -> list[User]:
        users = self._users(
            Role.SEEKER, [f"seeker-{self.run}-{n}@volume.example" for n in range(count)]
        )
        profiles = SeekerProfile.objects.bulk_create(
            [
                SeekerProfile(
                    user=user,
                    headline=self.random.choice(HEADLINES),
                    zip_code=self.random.choice(ZIPS),
                    work_settings=self.random.choice(SEEKER_SETTINGS),
                    availability=self._availability(),
                    education=self.random.choice(["", *Education.values]),
                    discoverable=self.random.random() < 0.5,
                )
                for user in users
            ],
            batch_size=BATCH,
        )
        occupations = list(self.occupations.values())
        targets, skills = [], []
        through = SeekerProfile.target_occupations.through
        for profile in profiles:
            for occupation in self.random.sample(occupations, self.random.randint(1, 2)):
                targets.append(through(seekerprofile_id=profile.pk, occupation_id=occupation.pk))
            for skill in self.random.sample(self.skills, self.random.randint(2, 10)):
                skills.append(
                    SeekerSkill(profile=profile, skill=skill, level=self.random.randint(1, 4))
                )
        through.objects.bulk_create(targets, batch_size=BATCH)
        SeekerSkill.objects.bulk_create(skills, batch_size=BATCH)
        return users

    # ------------------------------------------------------------------
    # Trainings
    # ------------------------------------------------------------------
    def _slug(self, title: str) -> str:
        return f"{slugify(title)[:180]}-{self.random.getrandbits(48):012x}"

    def _programs(self, providers) -> list[Cohort]:
        programs, socs = [], []
        for provider, _owner in providers:
            for title, soc in self.random.sample(PROGRAM_TOPICS, 3):
                cost = Decimal(self.random.choice([0, 450, 1200, 3500, 7800]))
                socs.append(soc)
                programs.append(
                    Program(
                        provider=provider,
                        title=f"{title} · {provider.name}",
                        slug=self._slug(title),
                        summary=f"{title}, evenings and weekends, in English and Spanish.",
                        description=DESCRIPTION,
                        total_cost=cost,
                        cost_after_aid=Decimal(0) if cost else None,
                        wioa_eligible=bool(cost) and self.random.random() < 0.6,
                        scholarships=bool(cost) and self.random.random() < 0.4,
                        format=self.random.choice(WorkSetting.values),
                        schedule=self.random.choice(values_of(PROGRAM_SCHEDULES)),
                        length_weeks=self.random.choice([6, 10, 12, 16, 24]),
                        hours_per_week=self.random.choice([6, 10, 15, 20, 40]),
                        language=self.random.choice(TeachingLanguage.values),
                        credential=self.random.choice(["", "CompTIA A+", "Certificate"]),
                        status=ProgramStatus.PUBLISHED,
                        published_at=timezone.now(),
                    )
                )
        programs = Program.objects.bulk_create(programs)
        cohorts = []
        for program, soc in zip(programs, socs, strict=True):
            program.occupations.add(self.occupations[soc])
            program.skills.add(*self.random.sample(self.skills, self.random.randint(4, 8)))
            training_services.refresh_search(program)
            # A class that finished, one under way and one still taking applications.
            for offset in (-200, -30, 45):
                start = self.today + timedelta(days=offset)
                cohorts.append(
                    Cohort(
                        program=program,
                        start_date=start,
                        end_date=start + timedelta(weeks=program.length_weeks),
                        enrollment_deadline=start - timedelta(days=7),
                        seats=self.random.choice([15, 20, 25, 30]),
                        location="El Paso, TX",
                    )
                )
        return Cohort.objects.bulk_create(cohorts)

    def _enrollments(self, seekers, cohorts) -> dict[int, Enrollment]:
        """About a third of the seekers enroll somewhere. Returns completions by seeker id."""
        enrollments = []
        for seeker in self.random.sample(seekers, len(seekers) // 3):
            cohort = self.random.choice(cohorts)
            status = self._weighted(ENROLLMENT_OUTCOMES)
            if cohort.start_date > self.today and status in ("enrolled", "completed"):
                status = EnrollmentStatus.ACCEPTED  # the class hasn't started
            elif cohort.end_date >= self.today and status == "completed":
                status = EnrollmentStatus.ENROLLED  # the class is under way
            enrollments.append(
                Enrollment(
                    cohort=cohort,
                    seeker=seeker,
                    status=status,
                    credential_earned=(self.random.random() < 0.8)
                    if status == "completed"
                    else None,
                )
            )
        enrollments = Enrollment.objects.bulk_create(enrollments, batch_size=BATCH)
        EnrollmentEvent.objects.bulk_create(
            [
                EnrollmentEvent(enrollment=e, to_status=EnrollmentStatus.APPLIED, actor=e.seeker)
                for e in enrollments
            ]
            + [
                EnrollmentEvent(enrollment=e, from_status="applied", to_status=e.status)
                for e in enrollments
                if e.status != EnrollmentStatus.APPLIED
            ],
            batch_size=BATCH,
        )
        return {e.seeker_id: e for e in enrollments if e.status == EnrollmentStatus.COMPLETED}

    # ------------------------------------------------------------------
    # Employers
    # ------------------------------------------------------------------
    def _jobs(self, employers, per_employer: int) -> list[Job]:
        jobs = []
        now = timezone.now()
        for employer, owner in employers:
            for _ in range(per_employer):
                soc = self.random.choice(list(JOB_TITLES))
                title = self.random.choice(JOB_TITLES[soc])
                pay = self.random.randint(14, 38)
                status = self.random.choices(
                    [JobStatus.PUBLISHED, JobStatus.CLOSED, JobStatus.DRAFT], [75, 15, 10]
                )[0]
                published = status != JobStatus.DRAFT
                jobs.append(
                    Job(
                        employer=employer,
                        created_by=owner,
                        title=title,
                        slug=self._slug(title),
                        occupation=self.occupations[soc],
                        description=DESCRIPTION,
                        pay_min=Decimal(pay),
                        pay_max=Decimal(pay + self.random.randint(0, 8)),
                        pay_unit=PayUnit.HOUR,
                        work_setting=self.random.choice(WorkSetting.values),
                        schedule=self.random.choice(values_of(JOB_SCHEDULES)),
                        employment_type=self.random.choice(EmploymentType.values),
                        openings=self.random.randint(1, 5),
                        closes_on=self.today + timedelta(days=self.random.randint(7, 90)),
                        status=status,
                        submitted_at=now if published else None,
                        reviewed_by=self.staff if published else None,
                        reviewed_at=now if published else None,
                        published_at=now - timedelta(days=self.random.randint(0, 60))
                        if published
                        else None,
                        closed_at=now if status == JobStatus.CLOSED else None,
                    )
                )
        jobs = Job.objects.bulk_create(jobs, batch_size=BATCH)
        for job in jobs:
            required = self.random.sample(self.skills, self.random.randint(3, 6))
            job.required_skills.add(*required)
            job.preferred_skills.add(
                *[s for s in self.random.sample(self.skills, 4) if s not in required]
            )
            employer_services.refresh_search(job)
        return jobs

    def _applications(self, seekers, jobs) -> list[Application]:
        """Most seekers apply to a few jobs. Returns the applications that ended in a hire."""
        open_jobs = [j for j in jobs if j.status != JobStatus.DRAFT]
        applications, hired_people = [], set()
        for seeker in seekers:
            for job in self.random.sample(
                open_jobs, min(len(open_jobs), self.random.randint(0, 4))
            ):
                status = self._weighted(APPLICATION_OUTCOMES)
                if status == ApplicationStatus.HIRED and seeker.pk in hired_people:
                    status = ApplicationStatus.REJECTED  # one job per person is enough
                if status == ApplicationStatus.HIRED:
                    hired_people.add(seeker.pk)
                applications.append(
                    Application(
                        job=job,
                        seeker=seeker,
                        status=status,
                        rejection_reason=self.random.choice(RejectionReason.values)
                        if status == ApplicationStatus.REJECTED
                        else "",
                    )
                )
        applications = Application.objects.bulk_create(applications, batch_size=BATCH)
        ApplicationEvent.objects.bulk_create(
            [
                ApplicationEvent(application=a, to_status="submitted", actor=a.seeker)
                for a in applications
            ]
            + [
                ApplicationEvent(
                    application=a,
                    from_status="submitted",
                    to_status=a.status,
                    reason=a.rejection_reason,
                )
                for a in applications
                if a.status != ApplicationStatus.SUBMITTED
            ],
            batch_size=BATCH,
        )
        return [a for a in applications if a.status == ApplicationStatus.HIRED]

    def _pledges(self, employers) -> None:
        occupations = list(self.occupations.values())
        pledges = []
        for employer, owner in employers:
            if self.random.random() < 0.6:
                pledges.append(
                    Pledge(
                        employer=employer,
                        hires=self.random.choice([2, 5, 10, 15, 25]),
                        by_date=date(2020, 12, 31),
                        signed_by=owner,
                    )
                )
        for pledge in Pledge.objects.bulk_create(pledges):
            pledge.occupations.add(*self.random.sample(occupations, 2))

    def _hires(self, hired: list[Application], completed: dict[int, Enrollment]) -> int:
        """Each hired applicant becomes a hire since 2017: most verified, some waiting."""
        owners = dict(
            Membership.objects.filter(
                organization__in={a.job.employer_id for a in hired}
            ).values_list("organization_id", "user_id")
        )
        now = timezone.now()
        hires = []
        for application in hired:
            job = application.job
            status = self.random.choices([HireStatus.VERIFIED, HireStatus.REPORTED], [85, 15])[0]
            start = date(2017, 1, 1) + timedelta(days=self.random.randint(0, 1460))
            hires.append(
                Hire(
                    employer_id=job.employer_id,
                    application=application,
                    job=job,
                    seeker=application.seeker,
                    occupation_id=job.occupation_id,
                    start_date=start,
                    wage=job.pay_min,
                    wage_unit=job.pay_unit,
                    training_enrollment=completed.get(application.seeker_id),
                    status=status,
                    reported_by_id=owners.get(job.employer_id),
                    decided_by=self.staff if status == HireStatus.VERIFIED else None,
                    decided_at=now if status == HireStatus.VERIFIED else None,
                )
            )
        return len(Hire.objects.bulk_create(hires, batch_size=BATCH))

    def _weighted(self, outcomes):
        values, weights = zip(*outcomes, strict=True)
        return self.random.choices(values, weights)[0]
