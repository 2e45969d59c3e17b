"""An application's status in Spanish agrees with "la solicitud" (issue 11, item 6)."""

import pytest
from django.urls import reverse
from django.utils import translation

from apps.core.i18n import localized
from apps.employers.models import ApplicationStatus
from apps.trainings.models import EnrollmentStatus
from tests.factories.employers import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_application_statuses_are_feminine_and_enrollments_keep_their_word():
    with translation.override("es"):
        assert str(ApplicationStatus.SUBMITTED.label) == "Enviada"
        assert str(ApplicationStatus.HIRED.label) == "Contratada"
        assert str(ApplicationStatus.WITHDRAWN.label) == "Retirada"
        assert str(EnrollmentStatus.WITHDRAWN.label) == "Retirado"


def test_the_seekers_applications_page_says_retirada_and_contratada(client, personas):
    ApplicationFactory(seeker=personas.seeker, status="withdrawn")
    ApplicationFactory(seeker=personas.seeker, status="hired")
    personas.seeker.preferred_language = "es"
    personas.seeker.save(update_fields=["preferred_language"])
    client.force_login(personas.seeker)
    html = client.get(localized(reverse("employers:my_applications"), "es")).content.decode()
    assert 'lang="es"' in html
    assert "Retirada" in html and "Contratada" in html
    assert "Retirado" not in html and "Contratación" not in html
