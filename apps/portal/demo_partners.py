"""Demo data for the community partners: referrals at every stage and upcoming events.

Called by seed_demo after the people, trainings and hires exist. Referrals point at real
demo records (graduates who completed a class, people hired since 2017), and their stages
are derived from those records by the partners services, as in production. Idempotent.
"""

from datetime import datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from apps.accounts.models import Organization, Role, User
from apps.employers.models import Hire, HireStatus
from apps.partners.models import Event, EventKind, EventStatus, Referral
from apps.partners.services import referrals

# (kind, title, days from today, hour, place, online link, capacity, language)
EVENTS = [
    (
        EventKind.INFO_SESSION,
        "Reboot El Paso info session",
        3,
        18,
        "",
        "https://meet.example/reboot",
        60,
        "en",
    ),
    (
        EventKind.HIRING_FAIR,
        "Feria de empleo de tecnología",
        10,
        10,
        "El Paso Convention Center",
        "",
        300,
        "es",
    ),
    (
        EventKind.WORKSHOP,
        "Resume workshop for IT jobs",
        6,
        17,
        "El Paso Public Library, 501 N Oregon St",
        "",
        25,
        "en",
    ),
    (
        EventKind.MEETUP,
        "Tech meetup at the Hub",
        14,
        18,
        "The Hub of Human Innovation, 500 W Overland Ave",
        "",
        80,
        "en",
    ),
    (
        EventKind.WORKSHOP,
        "Taller: su primera entrevista",
        8,
        11,
        "",
        "https://meet.example/entrevista",
        40,
        "es",
    ),
]


def _person(email: str, first: str, last: str, language: str) -> User:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "first_name": first,
            "last_name": last,
            "preferred_language": language,
            "role": Role.SEEKER,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    return user


def _refer(partner, by, *, email, name, language="en", person=None, days_ago=0):
    referral, created = Referral.objects.get_or_create(
        partner=partner,
        email=email,
        defaults={"name": name, "language": language, "referred_by": by, "person": person},
    )
    if created and days_ago:
        Referral.objects.filter(pk=referral.pk).update(
            created_at=timezone.now() - timedelta(days=days_ago)
        )
    return referral


def seed_partners(*, orgs: dict, users: dict, domain: str) -> None:
    partners = [o for o in orgs.values() if o.kind == Organization.Kind.PARTNER]
    partners.sort(key=lambda o: o.name)
    graduates = list(User.objects.filter(email__startswith="graduate").order_by("pk"))
    external_hires = list(
        Hire.objects.filter(status=HireStatus.VERIFIED, seeker__isnull=True).order_by("pk")[:10]
    )
    staff = users.get("staff")
    for index, partner in enumerate(partners):
        by = users["partner"] if partner.name == "Progress 321" else None
        slug = partner.slug
        # Invited, not registered yet.
        for n in range(2):
            _refer(
                partner,
                by,
                email=f"invited-{slug}-{n + 1}@{domain}",
                name=f"Invitado {n + 1}",
                language="es" if n else "en",
                days_ago=5 + n * 20,
            )
        # Registered, profile not complete.
        newcomer = _person(f"referred-{slug}@{domain}", "Alex", partner.name.split()[-1], "en")
        _refer(
            partner,
            by,
            email=newcomer.email,
            name=newcomer.get_full_name(),
            person=newcomer,
            days_ago=40,
        )
        # Completed a training (the demo graduates), spread over the partners.
        for graduate in graduates[index :: len(partners)]:
            _refer(
                partner,
                by,
                email=graduate.email,
                name=graduate.get_full_name(),
                language="es",
                person=graduate,
                days_ago=120,
            )
        # People hired since 2017 whom the partner had referred (credited by email).
        for hire in external_hires[index * 2 : index * 2 + 2]:
            _refer(partner, by, email=hire.external_email, name=hire.external_name, days_ago=150)
    # The seeker login was referred by Progress 321 (her progress shows on its dashboard).
    progress = next((p for p in partners if p.name == "Progress 321"), None)
    if progress is not None and "seeker" in users:
        maria = users["seeker"]
        _refer(
            progress,
            users["partner"],
            email=maria.email,
            name=maria.get_full_name(),
            language="es",
            person=maria,
            days_ago=60,
        )
    for person_id in set(
        Referral.objects.filter(person__isnull=False).values_list("person_id", flat=True)
    ):
        referrals.refresh_stages(person_id=person_id)
    for hire in external_hires:
        referrals.credit_hire(hire_id=hire.pk)
    _events(partners, staff)


def _events(partners, staff) -> None:
    today = timezone.localdate()
    hosts = [*partners, None]
    for i, (kind, title, days, hour, place, link, capacity, language) in enumerate(EVENTS):
        start = timezone.make_aware(datetime.combine(today + timedelta(days=days), time(hour)))
        host = hosts[i % len(hosts)]
        Event.objects.get_or_create(
            title=title,
            defaults={
                "organization": host,
                "created_by": staff,
                "kind": kind,
                "description": "Meet employers, trainers and the Reboot El Paso team.",
                "starts_at": start,
                "ends_at": start + timedelta(hours=2),
                "place": place,
                "online_url": link,
                "capacity": capacity,
                "language": language,
                "status": EventStatus.PUBLISHED,
            },
        )
    # One waiting for staff review.
    if partners:
        start = timezone.make_aware(datetime.combine(today + timedelta(days=20), time(18)))
        Event.objects.get_or_create(
            title="Coworking open house",
            defaults={
                "organization": partners[0],
                "kind": EventKind.MEETUP,
                "description": "Tour the space and meet local developers.",
                "starts_at": start,
                "ends_at": start + timedelta(hours=2),
                "place": "Downtown El Paso",
                "capacity": 30,
                "language": "en",
                "status": EventStatus.PENDING,
            },
        )
