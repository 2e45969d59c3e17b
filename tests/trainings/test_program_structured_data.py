"""A program page's schema.org Course with a CourseInstance per class still to start, read
with extruct as a search engine would, in both languages."""

from datetime import timedelta
from decimal import Decimal

import extruct
import pytest
from django.urls import reverse
from django.utils import timezone

from apps.core.i18n import localized
from apps.trainings.models import Program
from tests.factories.trainings import CohortFactory, published_cohort

pytestmark = pytest.mark.django_db


def course(client, program, language="en") -> dict:
    url = localized(reverse("trainings:program", args=[program.slug]), language)
    html = client.get(url).content.decode()
    found = extruct.extract(html, base_url="http://testserver" + url, syntaxes=["json-ld"])
    [data] = found["json-ld"]
    return data


def test_a_program_is_a_course_with_its_upcoming_classes(client):
    first = published_cohort(
        title="Network Support",
        total_cost=Decimal("1200"),
        credential="CompTIA Network+",
        wioa_eligible=True,
        days_ahead=20,
    )
    program = first.program
    second = CohortFactory(
        program=program,
        start_date=timezone.localdate() + timedelta(days=90),
        end_date=timezone.localdate() + timedelta(days=160),
        enrollment_deadline=timezone.localdate() + timedelta(days=80),
        location="Cowork Oasis, 5822 Cromo Dr",
    )
    # A class already under way is on the page, but is no upcoming instance.
    CohortFactory(
        program=program,
        start_date=timezone.localdate() - timedelta(days=5),
        end_date=timezone.localdate() + timedelta(days=30),
        enrollment_deadline=timezone.localdate() - timedelta(days=10),
    )
    data = course(client, program)
    assert data["@context"] == "https://schema.org/" and data["@type"] == "Course"
    assert data["name"] == "Network Support"
    assert data["description"] == "Network Support: learn by building."
    assert data["url"] == f"http://testserver/en/trainings/{program.slug}/"
    assert data["provider"]["@type"] == "Organization"
    assert data["provider"]["name"] == program.provider.name
    assert data["educationalCredentialAwarded"] == "CompTIA Network+"
    assert data["inLanguage"] == "en"
    assert data["offers"] == {
        "@type": "Offer",
        "category": "Paid",
        "price": "1200.00",
        "priceCurrency": "USD",
    }
    instances = data["hasCourseInstance"]
    assert [i["startDate"] for i in instances] == [
        first.start_date.isoformat(),
        second.start_date.isoformat(),
    ]
    one = instances[0]
    assert one["@type"] == "CourseInstance"
    assert one["courseMode"] == "onsite"
    assert one["endDate"] == first.end_date.isoformat()
    assert one["inLanguage"] == "en"
    assert one["offers"]["price"] == "1200.00"
    assert one["courseWorkload"] == "PT60H"  # 10 weeks of 6 hours
    assert one["courseSchedule"]["repeatFrequency"] == "Weekly"
    assert instances[1]["location"] == {"@type": "Place", "name": "Cowork Oasis, 5822 Cromo Dr"}


@pytest.mark.parametrize(
    "fmt,mode,language,in_language",
    [
        ("remote", "online", "es", "es"),
        ("hybrid", "blended", "bilingual", ["en", "es"]),
    ],
)
def test_course_mode_and_language(client, fmt, mode, language, in_language):
    program = published_cohort(format=fmt, language=language).program
    data = course(client, program)
    assert data["inLanguage"] == in_language
    [instance] = data["hasCourseInstance"]
    assert instance["courseMode"] == mode
    assert instance["inLanguage"] == in_language
    assert ("location" in instance) == (fmt != "remote")


def test_a_free_program_and_the_spanish_page(client):
    program = published_cohort(title="Intro to IT").program  # free by default
    data = course(client, program, "es")
    assert data["offers"]["category"] == "Free"
    assert data["url"] == f"http://testserver/es/trainings/{program.slug}/"
    assert data["provider"]["url"].startswith("http://testserver/es/organizations/")


def test_a_hostile_title_cannot_break_out_of_the_script(client):
    program = published_cohort().program
    nasty = 'Web </script><script>alert("x")</script> & <!-- dev'
    Program.objects.filter(pk=program.pk).update(title=nasty)
    url = reverse("trainings:program", args=[program.slug])
    html = client.get(url).content.decode()
    assert '<script>alert("x")' not in html
    assert course(client, program)["name"] == nasty
