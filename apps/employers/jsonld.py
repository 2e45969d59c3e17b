"""A job as schema.org JobPosting structured data, for search engines' job listings, and
JSON safe to place inside an HTML <script type="application/ld+json"> element."""

import json
import re
from datetime import datetime, time

from django.urls import reverse
from django.utils import timezone

from .models import Job, PayUnit, WorkSetting

EMPLOYMENT_TYPES = {
    "full_time": "FULL_TIME",
    "part_time": "PART_TIME",
    "contract": "CONTRACTOR",
    "temporary": "TEMPORARY",
    "internship": "INTERN",
    "apprenticeship": "OTHER",
}
# In an HTML <script> element, "</script>" or "<!--" in a value must not end the element.
JSON_IN_HTML = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}
CITY_STATE = re.compile(r"^\s*(?P<city>[^,]+?)\s*,\s*(?P<state>[A-Za-z]{2})\s*$")


def _address(location: str) -> dict:
    match = CITY_STATE.match(location or "")
    city, state = (match["city"], match["state"].upper()) if match else ("El Paso", "TX")
    return {
        "@type": "PostalAddress",
        "addressLocality": city,
        "addressRegion": state,
        "addressCountry": "US",
    }


def job_posting(job: Job, request) -> dict:
    """The job as schema.org JobPosting data, for search engines' job listings."""
    tz = timezone.get_current_timezone()
    posted = timezone.localtime(job.published_at or job.created_at, tz)
    employer = job.employer
    organization = {
        "@type": "Organization",
        "name": employer.name,
        "url": request.build_absolute_uri(reverse("accounts:public", args=[employer.slug])),
    }
    if employer.website:
        organization["sameAs"] = employer.website
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": job.title,
        "description": job.description,
        "url": request.build_absolute_uri(reverse("employers:job", args=[job.slug])),
        "identifier": {"@type": "PropertyValue", "name": employer.name, "value": str(job.pk)},
        "datePosted": posted.date().isoformat(),
        "validThrough": datetime.combine(job.closes_on, time(23, 59, 59), tzinfo=tz).isoformat(),
        "employmentType": EMPLOYMENT_TYPES.get(job.employment_type, "OTHER"),
        "hiringOrganization": organization,
        "occupationalCategory": f"{job.occupation.soc_code} {job.occupation.title_en}",
        "skills": ", ".join(skill.name_en for skill in job.required_skills.all()),
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
        data["jobLocation"] = {"@type": "Place", "address": _address(job.location)}
    if not job.degree_required:
        data["educationRequirements"] = "no requirements"
    return data


def jsonld(data: dict) -> str:
    """JSON safe to place inside <script type="application/ld+json"> (no "<", ">", "&")."""
    return json.dumps(data, ensure_ascii=False).translate(JSON_IN_HTML)
