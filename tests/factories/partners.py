"""Factories for referrals and events.

ReferralFactory(partner=org)                       invited, by one of the partner's members
EventFactory(organization=org)                     published, tomorrow at 10:00 Mountain Time
EventFactory(status="pending", capacity=1)
"""

from datetime import datetime, time, timedelta

import factory
from django.utils import timezone

from apps.accounts.models import Organization
from apps.partners.models import RSVP, Event, EventKind, EventStatus, Referral, RSVPStatus

from . import OrganizationFactory, UserFactory


def tomorrow_at(hour: int = 10):
    day = timezone.localdate() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    partner = factory.SubFactory(OrganizationFactory, kind=Organization.Kind.PARTNER)
    name = factory.Sequence(lambda n: f"Referred Person {n}")
    email = factory.Sequence(lambda n: f"referred{n}@people.example")
    language = "en"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    organization = factory.SubFactory(OrganizationFactory, kind=Organization.Kind.PARTNER)
    title = factory.Sequence(lambda n: f"Info session {n}")
    kind = EventKind.INFO_SESSION
    description = "Learn how the portal helps you find tech training and work."
    starts_at = factory.LazyFunction(tomorrow_at)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    place = "El Paso Public Library, 501 N Oregon St"
    capacity = 20
    language = "en"
    status = EventStatus.PUBLISHED


class RSVPFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RSVP

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    status = RSVPStatus.GOING
