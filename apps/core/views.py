from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from apps.accounts.models import Language, Organization, Role
from apps.accounts.permissions import membership_for, redirect_to_mfa_setup, staff_needs_mfa_setup
from apps.accounts.services import set_preferred_language
from apps.seekers.selectors import completeness as profile_completeness
from apps.seekers.services import profile_for as seeker_profile_for
from apps.trainings.selectors import my_enrollments, provider_dashboard

from .i18n import remember_language

PARTNERS = [
    "Workforce Solutions Borderplex",
    "The Borderplex Alliance",
    "City of El Paso",
    "Progress 321",
    "The Hub of Human Innovation",
    "Cowork Oasis",
]


@require_GET
def home(request):
    return TemplateResponse(
        request,
        "core/home.html",
        {
            "employer_count": Organization.objects.public()
            .filter(kind=Organization.Kind.EMPLOYER)
            .count(),
            "provider_count": Organization.objects.public()
            .filter(kind=Organization.Kind.PROVIDER)
            .count(),
        },
    )


@require_GET
@login_required
def dashboard(request):
    """The landing page after sign-in: one per role, with what to do next."""
    user = request.user
    if user.role == Role.STAFF and staff_needs_mfa_setup(user):
        return redirect_to_mfa_setup(request)
    context = {"membership": membership_for(user)}
    if user.role == Role.STAFF:
        from apps.employers.models import Hire, HireStatus, Job, JobStatus

        context["pending_count"] = Organization.objects.pending().count()
        context["jobs_waiting"] = Job.objects.filter(status=JobStatus.PENDING).count()
        context["hires_waiting"] = Hire.objects.filter(status=HireStatus.REPORTED).count()
        template = "core/dashboard/staff.html"
    elif user.role == Role.SEEKER:
        profile = seeker_profile_for(user)
        context["profile"] = profile
        context["completeness"] = profile_completeness(profile)
        context["enrollments"] = my_enrollments(user)[:5]
        template = "core/dashboard/seeker.html"
    else:
        membership = context["membership"]
        if user.role == Role.PROVIDER and membership is not None:
            context["provider"] = provider_dashboard(membership.organization)
        if user.role == Role.EMPLOYER and membership is not None:
            from apps.employers.selectors_hires import employer_dashboard

            context["employer"] = employer_dashboard(membership.organization)
        template = "core/dashboard/organization.html"
    return TemplateResponse(request, template, context)


@require_POST
def set_language(request):
    """Switch language; remembered in a cookie and, for signed-in people, on their account."""
    language = request.POST.get("language", "")
    if language not in Language.values:
        return HttpResponseBadRequest(_("Unknown language."))
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    next_url = translate_url(next_url, language)
    if request.user.is_authenticated:
        set_preferred_language(user=request.user, language=language)
    return remember_language(redirect(next_url), language)


@never_cache
@require_GET
def healthz(request):
    """Liveness for the load balancer: the database, and Redis when configured."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        checks["database"] = f"error: {exc.__class__.__name__}"
    if settings.REDIS_URL:
        try:
            import redis

            client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2)
            client.ping()
            checks["redis"] = "ok"
        except Exception as exc:  # noqa: BLE001
            checks["redis"] = f"error: {exc.__class__.__name__}"
    else:
        checks["redis"] = "not configured"
    healthy = all(v in ("ok", "not configured") for v in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )


@require_GET
def contact(request):
    """How to reach Workforce Solutions Borderplex: address, email and phone from settings."""
    context = {
        "contact_email": settings.CONTACT_EMAIL,
        "contact_phone": settings.CONTACT_PHONE,
        "contact_address": settings.CONTACT_ADDRESS,
        # For tel: links, digits only (and a leading +).
        "contact_phone_link": "".join(c for c in settings.CONTACT_PHONE if c.isdigit() or c == "+"),
    }
    return TemplateResponse(request, "core/contact.html", context)


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token: explain, in the visitor's language."""
    return TemplateResponse(request, "403_csrf.html", status=403)
