"""A program as schema.org Course structured data with a CourseInstance per upcoming class,
for search engines' course listings (apps/core/jsonld.py makes it safe inside the page)."""

from django.urls import reverse
from django.utils import timezone

from apps.core.jsonld import html_text
from apps.skills.vocabulary import WorkSetting

from .models import Program, TeachingLanguage

COURSE_MODES = {
    WorkSetting.ONSITE: "onsite",
    WorkSetting.HYBRID: "blended",
    WorkSetting.REMOTE: "online",
}
LANGUAGES = {
    TeachingLanguage.ENGLISH: "en",
    TeachingLanguage.SPANISH: "es",
    TeachingLanguage.BILINGUAL: ["en", "es"],
}


def _offer(program: Program) -> dict:
    return {
        "@type": "Offer",
        "category": "Free" if program.is_free else "Paid",
        "price": f"{program.total_cost:.2f}",
        "priceCurrency": "USD",
    }


def _instance(program: Program, cohort) -> dict:
    instance = {
        "@type": "CourseInstance",
        "courseMode": COURSE_MODES.get(program.format, "onsite"),
        "startDate": cohort.start_date.isoformat(),
        "endDate": cohort.end_date.isoformat(),
        "inLanguage": LANGUAGES[program.language],
        "courseWorkload": f"PT{program.hours_per_week * program.length_weeks}H",
        "courseSchedule": {
            "@type": "Schedule",
            "duration": f"PT{program.hours_per_week}H",
            "repeatFrequency": "Weekly",
            "repeatCount": program.length_weeks,
            "startDate": cohort.start_date.isoformat(),
            "endDate": cohort.end_date.isoformat(),
        },
        "offers": _offer(program),
    }
    if program.format != WorkSetting.REMOTE and cohort.location:
        instance["location"] = {"@type": "Place", "name": cohort.location}
    return instance


def course(program: Program, request) -> dict:
    """The program as a Course, in the page's language (its address). Classes that have not
    started yet are its instances; `program.current_cohorts` (selectors.program_page)."""
    provider = program.provider
    organization = {
        "@type": "Organization",
        "name": provider.name,
        "url": request.build_absolute_uri(reverse("accounts:public", args=[provider.slug])),
    }
    if provider.website:
        organization["sameAs"] = provider.website
    if provider.logo_url:
        organization["logo"] = provider.logo_url
    today = timezone.localdate()
    data = {
        "@context": "https://schema.org/",
        "@type": "Course",
        "name": program.title,
        "description": program.summary,
        "abstract": html_text(program.description),
        "url": request.build_absolute_uri(reverse("trainings:program", args=[program.slug])),
        "provider": organization,
        "inLanguage": LANGUAGES[program.language],
        "teaches": [skill.label for skill in program.skills.all()],
        "offers": _offer(program),
        "hasCourseInstance": [
            _instance(program, cohort)
            for cohort in program.current_cohorts
            if cohort.start_date >= today
        ],
    }
    if program.credential:
        data["educationalCredentialAwarded"] = program.credential
    if program.prerequisites:
        data["coursePrerequisites"] = program.prerequisites
    funding = [
        str(Program._meta.get_field(name).verbose_name)
        for name in ("wioa_eligible", "scholarships")
        if getattr(program, name)
    ]
    if funding:
        data["financialAidEligible"] = funding
    return data
