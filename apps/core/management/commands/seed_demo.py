"""Load demo data for a first look at the portal. Idempotent; refuses to run in production."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from apps.accounts.models import Membership, Organization, Role, User

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
            for local, first, last, role, language, org_name in LOGINS:
                self._login(local, first, last, role, language, orgs.get(org_name))
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
            org.reviewed_at = timezone.now()
            org.save(update_fields=["reviewed_at"])
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
