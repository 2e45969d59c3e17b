"""A refused decision re-shows the verification queue at the decision's address
(/staff/hires/<id>/reject/?page=…): every link on it must still work."""

import re
from urllib.parse import urljoin

import pytest
from django.urls import reverse

from apps.employers.models import Hire
from apps.employers.views.hires import PAGE_SIZE
from tests.factories.hires import make_hire

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="([^"]*)"')


def links(html: str) -> list[str]:
    return [href.replace("&amp;", "&") for href in HREF.findall(html)]


@pytest.mark.parametrize("decision", ["reject", "verify"])
def test_every_link_on_a_reshown_queue_works(client, personas, decision):
    org = personas.orgs.employer
    hires = [make_hire(org, external_name=f"Person {i}") for i in range(PAGE_SIZE + 1)]
    hire = hires[0]
    if decision == "verify":
        # A refused verification: the employer is no longer approved.
        org.status = "pending"
        org.save(update_fields=["status"])
        url = reverse("employers:hire_verify", args=[hire.pk]) + "?page=1"
        client.force_login(personas.staff)
        response = client.post(url)
    else:
        client.force_login(personas.staff)
        url = reverse("employers:hire_reject", args=[hire.pk]) + "?page=1"
        response = client.post(url, {"reason": "   "})
    assert response.status_code == 400
    html = response.content.decode()
    found = links(html)
    # The status tabs and the pagination point at the queue, not at the decision's address.
    queue = reverse("employers:hire_queue")
    assert f"{queue}?status=verified" in found and f"{queue}?status=reported" in found
    assert any(link.startswith(f"{queue}?") and "page=2" in link for link in found)
    for link in found:
        assert not link.startswith("?"), link
        if link.startswith("#"):
            continue  # a place on this page (the skip link): no request
        target = urljoin(url, link)
        if target.startswith(queue):
            assert client.get(target).status_code == 200, target
    assert Hire.objects.filter(status="reported").count() == PAGE_SIZE + 1
