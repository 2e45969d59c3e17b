"""Matching's pages: a seeker's match panel on a job, employers' talent for a job with
invitations, seekers' invitations and job alerts."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from apps.accounts.models import Role
from apps.accounts.permissions import role_required
from apps.employers import selectors as employer_selectors
from apps.employers import selectors as job_selectors
from apps.employers.forms import JobSearchForm
from apps.employers.models import Job
from apps.employers.permissions import approved_employer_required
from apps.seekers.services import profile_for

from . import permissions, selectors, services


@require_safe
@role_required(Role.SEEKER)
def job_panel(request, slug):
    """How well the signed-in seeker fits a job: an htmx fragment on the job page, or a
    page of its own when followed without JavaScript."""
    try:
        job = job_selectors.job_page(slug)
    except Job.DoesNotExist:
        raise Http404 from None
    profile = profile_for(request.user)
    facts = selectors.seeker_facts(profile)
    context = {
        "job": job,
        "empty": not facts.skills,
        "recommendation": None if not facts.skills else selectors.match_for_job(profile, job),
    }
    if request.htmx:
        return TemplateResponse(request, "matching/_job_panel.html", context)
    return TemplateResponse(request, "matching/job_panel.html", context)


# ---------------------------------------------------------------------------
# Employers: talent for a job, invitations
# ---------------------------------------------------------------------------
@require_safe
@approved_employer_required
def talent(request, pk, membership):
    job = employer_selectors.get_job(membership, pk)
    context = {"job": job, "open": job.is_open, "talent": []}
    if job.is_open:
        context["talent"] = selectors.talent_for(job)
    return TemplateResponse(request, "matching/talent.html", context)


@require_POST
@approved_employer_required
def invite(request, pk, profile_pk, membership):
    job = employer_selectors.get_job(membership, pk)
    profile = permissions.discoverable_profile_or_404(profile_pk)
    try:
        services.invite(job=job, profile=profile, invited_by=request.user)
    except services.MatchingError as error:
        messages.error(request, str(error))
        response = redirect("matching:talent", pk=job.pk)
        return response
    messages.success(
        request,
        _("Invitation sent. %(headline)s sees it with the job and why it fits.")
        % {"headline": profile.headline or _("The person")},
    )
    return redirect("matching:talent", pk=job.pk)


# ---------------------------------------------------------------------------
# Seekers: invitations and job alerts
# ---------------------------------------------------------------------------
@require_safe
@role_required(Role.SEEKER)
def my_matches(request):
    profile = profile_for(request.user)
    return TemplateResponse(request, "matching/my_matches.html", selectors.matches_context(profile))


@require_POST
@role_required(Role.SEEKER)
def decline(request, pk):
    invitation = permissions.own_invitation_or_404(request.user, pk)
    if services.decline_invitation(user=request.user, invitation_id=invitation.pk):
        messages.success(request, _("Invitation declined. The employer is not told why."))
    return redirect("matching:mine")


@require_POST
@role_required(Role.SEEKER)
def save_alert(request):
    """A job alert from the search page's filters (sent as the form's fields)."""
    form = JobSearchForm(request.POST, choices=job_selectors.search_choices())
    if not form.is_valid():
        return _alert_refused(request, _("This search could not be saved. Check its filters."))
    filters = form.filters()
    try:
        alert, created = services.save_alert(user=request.user, filters=filters)
    except services.MatchingError as error:
        return _alert_refused(request, str(error))
    if created:
        messages.success(
            request,
            _("Job alert saved. New jobs for this search arrive as your email choices say."),
        )
    else:
        messages.info(request, _("You already have an alert for this search."))
    return redirect(reverse("employers:search") + (f"?{alert.query}" if alert.query else ""))


def _alert_refused(request, error: str):
    """A job alert the portal refused: the seeker's matches page, with their alerts, the
    reason at the top and a way back to the search (400; nothing saved)."""
    fields = request.POST.copy()
    fields.pop("csrfmiddlewaretoken", None)
    search = reverse("employers:search") + (f"?{fields.urlencode()}" if fields else "")
    context = {
        **selectors.matches_context(profile_for(request.user)),
        "alert_refused": {"error": error, "search": search},
    }
    return TemplateResponse(request, "matching/my_matches.html", context, status=400)


@require_POST
@role_required(Role.SEEKER)
def delete_alert(request, pk):
    alert = permissions.own_alert_or_404(request.user, pk)
    services.delete_alert(user=request.user, alert_id=alert.pk)
    messages.success(request, _("Job alert stopped."))
    return redirect("matching:mine")


@require_http_methods(["GET", "HEAD", "POST"])
def stop_alert(request, token):
    """One click from an alert email (no sign-in needed): a confirmation, then POST."""
    if request.method == "POST":
        stopped = services.stop_alert(token=token)
        return TemplateResponse(request, "matching/alert_stopped.html", {"stopped": stopped})
    exists = selectors.alert_exists(token)
    return TemplateResponse(
        request, "matching/alert_stop.html", {"exists": exists}, status=200 if exists else 404
    )
