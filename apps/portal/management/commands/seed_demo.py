"""Load demo data for a first look at the portal. Idempotent; refuses to run in production."""

from datetime import date, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from apps.accounts.models import Membership, Organization, Role, User
from apps.employers.models import Application, Job, Pledge
from apps.employers.services import applications as employer_applications
from apps.employers.services import jobs as employer_jobs
from apps.employers.services.pledges import refill_pledges
from apps.goals import snapshots
from apps.goals.demo import seed_story
from apps.goals.metrics import month_starts
from apps.goals.models import Goal
from apps.matching import demo as matching_demo
from apps.portal.demo_partners import seed_partners
from apps.seekers import services as seekers
from apps.skills.models import Occupation, Skill
from apps.trainings import services as trainings
from apps.trainings.models import Cohort, Enrollment, EnrollmentEvent, Program

DEMO_PASSWORD = "reboot-elpaso-demo"
DEMO_DOMAIN = "demo.rebootelpaso.example"

BOARD = (
    "Workforce Solutions Borderplex",
    "The workforce board for El Paso and the Borderplex region, which leads Reboot El Paso.",
)
PARTNERS = [
    ("The Borderplex Alliance", "Regional economic development organization."),
    ("City of El Paso", "The City's economic and workforce development department."),
    ("Progress 321", "Nonprofit building El Paso's technology community."),
    ("The Hub of Human Innovation", "El Paso's technology and startup incubator."),
    ("Cowork Oasis", "Coworking space and meeting place for El Paso's tech community."),
]
# Demo employers and trainers are fictional.
EMPLOYERS = [
    ("Sun City Software", Organization.Status.APPROVED, "Custom software for logistics firms."),
    ("Franklin Mountain Health IT", Organization.Status.APPROVED, "IT services for clinics."),
    ("Rio Bravo Data Services", Organization.Status.PENDING, ""),
]
PROVIDERS = [
    ("Borderland Community College", Organization.Status.APPROVED, "Certificates in IT."),
    ("Chihuahuan Desert Code Academy", Organization.Status.APPROVED, "Evening coding bootcamp."),
    ("Upper Valley Online Tech", Organization.Status.PENDING, ""),
]

NON_FIELDS = {"key", "provider", "skills", "occupations", "cohorts", "publish"}
# Cohorts: (weeks from today, seats, location). Negative weeks: a class already finished.
PROGRAMS = [
    {
        "key": "it-support",
        "provider": "Borderland Community College",
        "title": "IT Support Specialist Certificate (CompTIA A+)",
        "summary": "Become a help desk technician in one semester and sit the CompTIA A+ exams.",
        "description": "Hardware, Windows and macOS, networking basics, troubleshooting and "
        "customer service, with a lab of real computers to take apart. Includes exam vouchers "
        "for CompTIA A+ Core 1 and Core 2.",
        "credential": "CompTIA A+ certification",
        "total_cost": 2400,
        "cost_after_aid": 0,
        "wioa_eligible": True,
        "scholarships": True,
        "format": "onsite",
        "schedule": "day",
        "length_weeks": 16,
        "hours_per_week": 12,
        "language": "bilingual",
        "prerequisites": "High school diploma or GED.",
        "skills": [
            "help-desk",
            "technical-support",
            "windows-10-11",
            "computer-hardware-repair",
            "comptia-a-plus",
            "customer-service",
        ],
        "occupations": ["15-1232", "15-1231"],
        "cohorts": [(-30, 24, "Valle Verde Campus, Room B-210"), (4, 24, "Valle Verde Campus")],
        "publish": True,
    },
    {
        "key": "python-evenings",
        "provider": "Borderland Community College",
        "title": "Python Programming (Evenings)",
        "summary": "Learn to program in Python two evenings a week, from zero to small apps.",
        "description": "Variables, functions, files, data with pandas, and a final project that "
        "automates a real task. Taught in English with a bilingual teaching assistant.",
        "credential": "Certificate of completion",
        "total_cost": 1200,
        "cost_after_aid": 300,
        "scholarships": True,
        "payment_plan": True,
        "format": "hybrid",
        "schedule": "evening",
        "length_weeks": 12,
        "hours_per_week": 6,
        "language": "en",
        "skills": ["python", "git", "pandas", "sql"],
        "occupations": ["15-1252", "15-1251"],
        "cohorts": [(3, 20, "Transmountain Campus and online"), (16, 20, "Transmountain Campus")],
        "publish": True,
    },
    {
        "key": "web-bootcamp",
        "provider": "Chihuahuan Desert Code Academy",
        "title": "Full-Stack Web Development Bootcamp",
        "summary": "Twenty intense weeks of HTML, CSS, JavaScript, React and Django.",
        "description": "Build and deploy three web applications with a team, practise "
        "technical interviews, and meet El Paso employers on demo day.",
        "credential": "Bootcamp certificate",
        "total_cost": 9500,
        "cost_after_aid": 1500,
        "wioa_eligible": True,
        "payment_plan": True,
        "format": "onsite",
        "schedule": "evening",
        "length_weeks": 20,
        "hours_per_week": 15,
        "language": "en",
        "prerequisites": "Pass a short logic assessment; no coding experience needed.",
        "skills": ["html", "css", "javascript", "react", "django", "git"],
        "occupations": ["15-1254", "15-1252"],
        "cohorts": [(6, 18, "The Hub of Human Innovation, 500 W Overland Ave")],
        "publish": True,
    },
    {
        "key": "data-weekends",
        "provider": "Chihuahuan Desert Code Academy",
        "title": "Análisis de datos con Excel y SQL (fines de semana)",
        "summary": "Aprenda a limpiar, analizar y presentar datos con Excel, SQL y Power BI.",
        "description": "Clases en español los sábados, con proyectos de empresas de la región.",
        "credential": "Certificado de finalización",
        "total_cost": 0,
        "format": "remote",
        "schedule": "weekend",
        "length_weeks": 8,
        "hours_per_week": 5,
        "language": "es",
        "skills": ["microsoft-excel", "sql", "power-bi"],
        "occupations": ["15-2051"],
        "cohorts": [(2, 30, "Online")],
        "publish": True,
    },
    {
        "key": "cloud-online",
        "provider": "Upper Valley Online Tech",
        "title": "Cloud Foundations (AWS Cloud Practitioner)",
        "summary": "Self-paced preparation for the AWS Certified Cloud Practitioner exam.",
        "description": "Waiting for approval: prepared, not yet published.",
        "total_cost": 300,
        "format": "remote",
        "schedule": "self_paced",
        "length_weeks": 6,
        "hours_per_week": 4,
        "language": "en",
        "skills": ["aws", "aws-cloud-practitioner"],
        "occupations": ["15-1244"],
        "cohorts": [(1, 100, "Online")],
        "publish": True,  # refused: the provider is pending
    },
]
GRADUATES = [
    ("Ana", "Gómez"),
    ("Luis", "Pérez"),
    ("Sofía", "Ramírez"),
    ("Carlos", "Torres"),
    ("Valeria", "Flores"),
    ("Diego", "Chávez"),
    ("Camila", "Ruiz"),
    ("Jorge", "Morales"),
    ("Daniela", "Castillo"),
    ("Miguel", "Vargas"),
    ("Paola", "Reyes"),
    ("Andrés", "Silva"),
]

JOBS = [
    # employer, title, SOC, skills, pay (min, max, unit), setting, schedule, days open
    (
        "Sun City Software",
        "Help Desk Technician (Bilingual)",
        "15-1232",
        ["help-desk", "technical-support", "customer-service"],
        (17, 21, "hour"),
        "onsite",
        "day",
        30,
    ),
    (
        "Sun City Software",
        "Junior Python Developer",
        "15-1252",
        ["python", "git", "sql"],
        (52000, 65000, "year"),
        "hybrid",
        "day",
        21,
    ),
    (
        "Franklin Mountain Health IT",
        "Network Support Specialist",
        "15-1231",
        ["computer-hardware-repair", "windows-10-11", "help-desk"],
        (19, 24, "hour"),
        "onsite",
        "rotating",
        45,
    ),
    (
        "Franklin Mountain Health IT",
        "Data Analyst (Excel and SQL)",
        "15-2051",
        ["microsoft-excel", "sql", "power-bi"],
        (48000, 58000, "year"),
        "remote",
        "flexible",
        14,
    ),
]
# A pledge made now, for the next goal (the 2016–2020 pledges come with the goal's story,
# apps/goals/demo.py, made years ago).
PLEDGES = [
    # employer, hires, SOC codes, by
    ("Sun City Software", 20, ["15-1232", "15-1252"], date(2027, 12, 31)),
]
# email local part, first, last, role, preferred language, organization name (or None)
LOGINS = [
    ("staff", "Rosa", "Delgado", Role.STAFF, "en", BOARD[0]),
    ("seeker", "María", "Hernández", Role.SEEKER, "es", None),
    ("employer", "Daniel", "Ortiz", Role.EMPLOYER, "en", "Sun City Software"),
    ("provider", "Alejandra", "Ruiz", Role.PROVIDER, "es", "Borderland Community College"),
    ("partner", "James", "Carter", Role.PARTNER, "en", "Progress 321"),
    ("pending", "Luis", "Márquez", Role.EMPLOYER, "es", "Rio Bravo Data Services"),
]


class Command(BaseCommand):
    help = "Load Reboot El Paso demo organizations and one login per role (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo only runs with DJANGO_DEBUG=true: it creates logins with a "
                "published password."
            )
        with transaction.atomic():
            orgs = self._organizations()
            users = {}
            for local, first, last, role, language, org_name in LOGINS:
                users[local] = self._login(local, first, last, role, language, orgs.get(org_name))
            programs = self._programs(orgs)
            self._seekers(users, programs)
            self._employers(orgs, users, programs)
            matching_demo.prepare(
                seeker=users["seeker"],
                talent=User.objects.filter(
                    email__startswith="graduate", email__endswith=DEMO_DOMAIN
                ),
            )
            seed_partners(orgs=orgs, users=users, domain=DEMO_DOMAIN)
        self._goal_history()
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Logins:"))
        for local, _first, _last, role, _language, _org in LOGINS:
            self.stdout.write(f"  {role:<9} {local}@{DEMO_DOMAIN}")
        self.stdout.write(f"  password for all: {DEMO_PASSWORD}")

    def _org(self, name, kind, status, description):
        org, created = Organization.objects.get_or_create(
            name=name,
            kind=kind,
            defaults={
                "slug": Organization.unique_slug_for(name),
                "status": status,
                "description": description,
            },
        )
        if created and status != Organization.Status.PENDING:
            org.reviewed_at = org.approved_at = timezone.now()
            org.save(update_fields=["reviewed_at", "approved_at"])
        return org

    def _organizations(self):
        approved = Organization.Status.APPROVED
        orgs = {BOARD[0]: self._org(BOARD[0], Organization.Kind.BOARD, approved, BOARD[1])}
        for name, description in PARTNERS:
            orgs[name] = self._org(name, Organization.Kind.PARTNER, approved, description)
        for name, status, description in EMPLOYERS:
            orgs[name] = self._org(name, Organization.Kind.EMPLOYER, status, description)
        for name, status, description in PROVIDERS:
            orgs[name] = self._org(name, Organization.Kind.PROVIDER, status, description)
        return orgs

    def _login(self, local, first, last, role, language, organization):
        email = f"{local}@{DEMO_DOMAIN}"
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "first_name": first,
                "last_name": last,
                "role": role,
                "preferred_language": language,
                "is_staff": role == Role.STAFF,
                "is_superuser": role == Role.STAFF,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if organization is not None:
            Membership.objects.get_or_create(
                user=user,
                defaults={"organization": organization, "role": Membership.Role.OWNER},
            )
        return user

    # ------------------------------------------------------------------
    # Trainings: a community college, a bootcamp and an online school
    # ------------------------------------------------------------------
    def _programs(self, orgs):

        today = timezone.localdate()
        programs = {}
        for row in PROGRAMS:
            provider = orgs[row["provider"]]
            program = Program.objects.filter(provider=provider, title=row["title"]).first()
            data = {k: v for k, v in row.items() if k not in NON_FIELDS}
            program = trainings.save_program(
                provider=provider,
                data=data,
                skills=Skill.objects.filter(slug__in=row["skills"]),
                occupations=Occupation.objects.filter(soc_code__in=row["occupations"]),
                program=program,
            )
            for weeks_from_now, seats, location in row["cohorts"]:
                start = today + timedelta(weeks=weeks_from_now)
                Cohort.objects.get_or_create(
                    program=program,
                    start_date=start,
                    defaults={
                        "end_date": start + timedelta(weeks=row["length_weeks"]),
                        "enrollment_deadline": start - timedelta(days=5),
                        "seats": seats,
                        "location": location,
                    },
                )
            if row["publish"] and provider.can_publish:
                trainings.publish_program(program=program)
            programs[row["key"]] = program
        return programs

    def _seekers(self, users, programs):

        maria = seekers.profile_for(users["seeker"])
        if not maria.headline:
            seekers.update_profile(
                profile=maria,
                fields={
                    "headline": "Bilingüe, lista para soporte técnico",
                    "zip_code": "79905",
                    "work_settings": ["hybrid"],
                    "commute_miles": 15,
                    "availability": ["evening", "weekend"],
                    "education": "high_school",
                    "discoverable": True,
                },
                occupations=Occupation.objects.filter(soc_code__in=["15-1232", "15-1252"]),
            )
            for slug, level in [("customer-service", 3), ("microsoft-excel", 2), ("html", 1)]:
                skill = Skill.objects.filter(slug=slug).first()
                if skill:
                    seekers.add_skill(profile=maria, skill=skill, level=level)

        # A finished IT Support cohort with a dozen graduates, so outcomes show on its page.
        support = programs["it-support"]
        past = support.cohorts.order_by("start_date").first()
        staff = users["provider"]
        for i, (first, last) in enumerate(GRADUATES):
            email = f"graduate{i + 1}@{DEMO_DOMAIN}"
            person, created = User.objects.get_or_create(
                email=email,
                defaults={"first_name": first, "last_name": last, "preferred_language": "es"},
            )
            if created:
                person.set_password(DEMO_PASSWORD)
                person.save(update_fields=["password"])
                EmailAddress.objects.get_or_create(
                    user=person, email=email, defaults={"verified": True, "primary": True}
                )
            enrollment, created = Enrollment.objects.get_or_create(
                cohort=past, seeker=person, defaults={"status": "applied"}
            )
            if created:
                finished = i < 10
                path = ["applied", "accepted", "enrolled"] + (
                    ["completed"] if finished else ["withdrawn"]
                )
                for before, after in zip([""] + path[:-1], path, strict=True):
                    EnrollmentEvent.objects.create(
                        enrollment=enrollment, from_status=before, to_status=after, actor=staff
                    )
                enrollment.status = path[-1]
                enrollment.credential_earned = (i % 3 != 0) if finished else None
                enrollment.save(update_fields=["status", "credential_earned"])
                if finished:
                    seekers.add_verified_skills(
                        user=person, skills=support.skills.all(), source=support.title
                    )

    # ------------------------------------------------------------------
    # Employers: jobs, applications, pledges, and hires since 2017
    # ------------------------------------------------------------------
    def _employers(self, orgs, users, programs):

        staff, owner = users["staff"], users["employer"]
        today = timezone.localdate()
        jobs = {}
        for org_name, title, soc, skills, pay, setting, schedule, days in JOBS:
            employer = orgs[org_name]
            job = Job.objects.filter(employer=employer, title=title).first()
            if job is None:
                job = employer_jobs.save_job(
                    employer=employer,
                    actor=owner,
                    data={
                        "title": title,
                        "occupation": Occupation.objects.get(soc_code=soc),
                        "description": f"{title} at {org_name}, El Paso. Training provided; "
                        "we hire on skills, not degrees.",
                        "pay_min": Decimal(pay[0]),
                        "pay_max": Decimal(pay[1]),
                        "pay_unit": pay[2],
                        "work_setting": setting,
                        "schedule": schedule,
                        "employment_type": "full_time",
                        "openings": 2,
                        "closes_on": today + timedelta(days=days),
                    },
                    required_skills=Skill.objects.filter(slug__in=skills),
                    preferred_skills=[],
                )
                employer_jobs.submit_job(job=job)
                employer_jobs.approve_job(job=job, reviewer=staff)
            jobs[title] = job

        # María applied to the help desk job and has an interview.
        maria = users["seeker"]
        help_desk = jobs["Help Desk Technician (Bilingual)"]
        if not Application.objects.filter(job=help_desk, seeker=maria).exists():
            application = employer_applications.apply_to_job(
                seeker=maria, job=help_desk, note="Hablo inglés y español; puedo empezar ya."
            )
            for step in ["reviewing", "interview"]:
                employer_applications.move_application(
                    application=application, to=step, actor=owner
                )

        for org_name, hires, socs, by in PLEDGES:
            pledge, created = Pledge.objects.get_or_create(
                employer=orgs[org_name], hires=hires, by_date=by, defaults={"signed_by": owner}
            )
            if created:
                pledge.occupations.set(Occupation.objects.filter(soc_code__in=socs))

        # The 2016–2020 story: about 410 people hired into tech jobs, pledges beside them.
        seed_story(
            employers=[orgs["Sun City Software"], orgs["Franklin Mountain Health IT"]],
            staff=staff,
            programs=[programs["it-support"], programs["python-evenings"]],
            password=DEMO_PASSWORD,
        )
        # Which pledge each verified hire fills follows the rule (employers' services).
        for employer in orgs.values():
            if employer.kind == Organization.Kind.EMPLOYER:
                refill_pledges(employer_id=employer.pk)

    def _goal_history(self):
        """Snapshots of every goal: each month's last day in its window, and today (the
        management command `backfill_goal` fills in every day)."""
        for goal in Goal.objects.all():
            month_ends = [m - timedelta(days=1) for m in month_starts(goal.start, goal.end)[1:]]
            days = [*month_ends, goal.end, timezone.localdate()]
            snapshots.backfill(goal=goal, days=sorted(set(days)))
