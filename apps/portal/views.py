"""Pages that read several apps: the home page, the per-role dashboards, the staff's email
delivery view, robots.txt. Only `techhire/urls.py` imports this module."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST, require_safe

from apps.accounts.models import Organization, Role
from apps.accounts.permissions import (
    redirect_to_mfa_setup,
    staff_needs_mfa_setup,
    staff_required,
)
from apps.accounts.selectors import membership_for
from apps.core.jsonld import script_json
from apps.employers.models import Hire, HireStatus, Job, JobStatus
from apps.employers.selectors import my_applications
from apps.employers.selectors_hires import employer_dashboard
from apps.matching import selectors as matching
from apps.notifications import selectors as notification_selectors
from apps.notifications import services as notification_services
from apps.notifications.forms import StaffWindowForm
from apps.notifications.models import Notification
from apps.seekers.selectors import completeness as profile_completeness
from apps.seekers.services import profile_for as seeker_profile_for
from apps.trainings.selectors import my_enrollments, provider_dashboard

from . import jsonld
from .selectors import seeker_progress


@require_safe
def home(request):
    return TemplateResponse(
        request,
        "portal/home.html",
        {
            "employer_count": Organization.objects.public()
            .filter(kind=Organization.Kind.EMPLOYER)
            .count(),
            "provider_count": Organization.objects.public()
            .filter(kind=Organization.Kind.PROVIDER)
            .count(),
            "jsonld": [
                script_json(jsonld.organization(request)),
                script_json(jsonld.website(request)),
            ],
        },
    )


@require_safe
@login_required
def dashboard(request):
    """The landing page after sign-in: one per role, with what to do next."""
    user = request.user
    if user.role == Role.STAFF and staff_needs_mfa_setup(user):
        return redirect_to_mfa_setup(request)
    context = {"membership": membership_for(user)}
    if user.role == Role.STAFF:
        context["pending_count"] = Organization.objects.pending().count()
        context["jobs_waiting"] = Job.objects.filter(status=JobStatus.PENDING).count()
        context["hires_waiting"] = Hire.objects.filter(status=HireStatus.REPORTED).count()
        template = "portal/dashboard/staff.html"
    elif user.role == Role.SEEKER:
        profile = seeker_profile_for(user)
        context["profile"] = profile
        context["completeness"] = profile_completeness(profile)
        context["enrollments"] = my_enrollments(user)[:5]
        context.update(matching.dashboard_context(profile))
        context["applications"] = my_applications(user)[:5]
        context["progress"] = seeker_progress(user)
        template = "portal/dashboard/seeker.html"
    else:
        membership = context["membership"]
        if user.role == Role.PROVIDER and membership is not None:
            context["provider"] = provider_dashboard(membership.organization)
            context["program_demand"] = matching.program_demand(context["provider"]["programs"])
        if user.role == Role.EMPLOYER and membership is not None:
            context["employer"] = employer_dashboard(membership.organization)
        template = "portal/dashboard/organization.html"
    return TemplateResponse(request, template, context)


# ---------------------------------------------------------------------------
# Staff: email delivery (the outbox's health; notifications itself knows no roles)
# ---------------------------------------------------------------------------
@require_safe
@staff_required
def delivery_health(request):
    form = StaffWindowForm(request.GET or None)
    # Each filter stands alone: a bad period doesn't lose a good address, nor the reverse.
    cleaned = form.cleaned_data if form.is_valid() or form.is_bound else {}
    days = cleaned.get("days") or 7
    email = cleaned.get("email") or ""
    return TemplateResponse(
        request,
        "portal/staff/delivery_health.html",
        {
            "health": notification_selectors.delivery_health(days),
            "days": days,
            "form": form,
            "email": email,
            "sent_to": notification_selectors.messages_to(email) if email else None,
        },
        # A mistyped address is bad input: say so (the form shows why).
        status=400 if form.is_bound and "email" in form.errors else 200,
    )


@require_POST
@staff_required
def retry(request, pk):
    notification = get_object_or_404(Notification, pk=pk)
    if notification_services.retry_failed(ids=[notification.pk]):
        messages.success(request, _("The message is queued again."))
    else:
        messages.warning(request, _("This message has not failed; there is nothing to retry."))
    return redirect("notifications:health")


@require_POST
@staff_required
def retry_all(request):
    count = notification_services.retry_failed()
    messages.success(request, _("%(count)d failed messages are queued again.") % {"count": count})
    return redirect("notifications:health")


# ---------------------------------------------------------------------------
# Crawlers: robots.txt (the sitemap is in sitemaps.py)
# ---------------------------------------------------------------------------
# Sections of every language that are signed-in areas, entrance forms or page fragments:
# dashboards, profiles, the account, organizations' and staff's pages, emailed links.
# tests/portal/test_robots.py checks every non-public address of the access sweep is in one.
PRIVATE_SECTIONS = [
    "accounts/",
    "dashboard/",
    "employer/",
    "invitations/",
    "jobs/employers/",
    "my/",
    "notifications/",
    "organization/",
    "organizer/",
    "partner/",
    "profile/",
    "provider/",
    "referred/",
    "skills/",
    "staff/",
]
# Signed-in fragments inside public sections (RFC 9309 wildcards, as crawlers read them).
PRIVATE_PATTERNS = ["jobs/*/match/"]


def _private_fixed() -> list[str]:
    """Addresses without a language that crawlers have no business with. (The admin's path
    is left out on purpose: robots.txt is public, and DJANGO_ADMIN_URL may be kept quiet.)"""
    return [reverse("set_language"), reverse("unsubscribe", args=["-"]).removesuffix("-/")]


@require_safe
@cache_control(public=True, max_age=60 * 60)
def robots_txt(request):
    """Crawlers may read every public page in both languages; the sitemap lists them."""
    lines = ["User-agent: *"]
    for code, _name in settings.LANGUAGES:
        lines += [f"Disallow: /{code}/{section}" for section in PRIVATE_SECTIONS]
        lines += [f"Disallow: /{code}/{pattern}" for pattern in PRIVATE_PATTERNS]
    lines += [f"Disallow: {path}" for path in _private_fixed()]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
