"""The home page's schema.org data: the program as an Organization, and the site as a
WebSite whose search box is the job search (apps/core/jsonld.py makes it safe in the page)."""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _


def organization(request) -> dict:
    home = request.build_absolute_uri(reverse("home"))
    return {
        "@context": "https://schema.org/",
        "@type": "Organization",
        "@id": f"{request.build_absolute_uri('/')}#organization",
        "name": settings.PORTAL_NAME,
        "url": home,
        "logo": request.build_absolute_uri(static("img/logo.png")),
        "description": _(
            "Reboot El Paso connects people in El Paso with tech training and tech jobs. "
            "Free to use, in English and Spanish."
        ),
        "email": settings.CONTACT_EMAIL,
        "telephone": settings.CONTACT_PHONE,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": settings.CONTACT_ADDRESS,
            "addressCountry": "US",
        },
        "areaServed": {"@type": "City", "name": "El Paso, Texas"},
    }


def website(request) -> dict:
    search = request.build_absolute_uri(reverse("employers:search"))
    return {
        "@context": "https://schema.org/",
        "@type": "WebSite",
        "name": settings.PORTAL_NAME,
        "url": request.build_absolute_uri(reverse("home")),
        "inLanguage": get_language(),
        "publisher": {"@id": f"{request.build_absolute_uri('/')}#organization"},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }
