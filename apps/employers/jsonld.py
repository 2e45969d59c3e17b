"""A job as schema.org JobPosting structured data, for search engines' job listings
(apps/core/jsonld.py makes it safe inside the page)."""

import re
from datetime import datetime, time

from django.urls import reverse
from django.utils import timezone

from apps.core.jsonld import html_text

from .models import Job, PayUnit, WorkSetting

EMPLOYMENT_TYPES = {
    "full_time": "FULL_TIME",
    "part_time": "PART_TIME",
    "contract": "CONTRACTOR",
    "temporary": "TEMPORARY",
    "internship": "INTERN",
    "apprenticeship": "OTHER",
}
CITY_STATE = re.compile(r"^\s*(?P<city>[^,]+?)\s*,\s*(?P<state>[A-Za-z]{2})\s*$")


def _address(job: Job) -> dict:
    match = CITY_STATE.match(job.location or "")
    city, state = (match["city"], match["state"].upper()) if match else ("El Paso", "TX")
    address = {"@type": "PostalAddress"}
    if job.street_address:
        address["streetAddress"] = job.street_address
    address.update(addressLocality=city, addressRegion=state)
    if job.postal_code:
        address["postalCode"] = job.postal_code
    address["addressCountry"] = "US"
    return address


def _hiring_organization(job: Job, request) -> dict:
    employer = job.employer
    organization = {
        "@type": "Organization",
        "name": employer.name,
        "url": request.build_absolute_uri(reverse("accounts:public", args=[employer.slug])),
    }
    if employer.website:
        organization["sameAs"] = employer.website
    if employer.logo_url:
        organization["logo"] = employer.logo_url
    return organization


def _experience(job: Job) -> dict | str:
    if not job.experience_months:
        return "no requirements"
    return {
        "@type": "OccupationalExperienceRequirements",
        "monthsOfExperience": job.experience_months,
    }


def job_posting(job: Job, request) -> dict:
    """The job as schema.org JobPosting data, in the page's language (its address)."""
    tz = timezone.get_current_timezone()
    posted = timezone.localtime(job.published_at or job.created_at, tz)
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": job.title,
        "description": html_text(job.description),
        "url": request.build_absolute_uri(reverse("employers:job", args=[job.slug])),
        "identifier": {"@type": "PropertyValue", "name": job.employer.name, "value": str(job.pk)},
        "datePosted": posted.date().isoformat(),
        "validThrough": datetime.combine(job.closes_on, time(23, 59, 59), tzinfo=tz).isoformat(),
        "employmentType": EMPLOYMENT_TYPES.get(job.employment_type, "OTHER"),
        "hiringOrganization": _hiring_organization(job, request),
        "occupationalCategory": f"{job.occupation.soc_code} {job.occupation.title_en}",
        "skills": ", ".join(skill.name_en for skill in job.required_skills.all()),
        "experienceRequirements": _experience(job),
        "totalJobOpenings": job.openings,
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "USD",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": float(job.pay_min),
                "maxValue": float(job.pay_max),
                "unitText": "HOUR" if job.pay_unit == PayUnit.HOUR else "YEAR",
            },
        },
        "directApply": True,
    }
    if job.work_setting == WorkSetting.REMOTE:
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = {"@type": "Country", "name": "US"}
    else:
        data["jobLocation"] = {"@type": "Place", "address": _address(job)}
    if not job.degree_required:
        data["educationRequirements"] = "no requirements"
    return data
