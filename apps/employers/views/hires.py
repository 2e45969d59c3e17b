"""Pledges and hires: an employer's public commitments, the hires it reports, and the staff
queue that verifies them. A Hire is the unit counted toward the goal of 400.

Employer pages are for members of an employer organization (permissions.
employer_member_required; the hires pages, which name people, for an organization approved
now: approved_employer_required) and load rows through the organization's own scope, so
another employer's pledges, hires and applicants answer 404. Staff pages are for staff. GET never
changes anything; bad input answers 400 with the reason, and nothing is saved.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from apps.accounts.permissions import fresh_mfa_required, staff_required
from apps.accounts.services import Gated, publish_refusal
from apps.core.forms import first_error

from .. import selectors_hires as selectors
from ..forms_hires import HireForm, PledgeForm, RejectHireForm, add_service_errors
from ..models import Hire, HireStatus
from ..permissions import approved_employer_required, employer_member_required
from ..services.hires import correct_hire, reject_hire, report_hire, verify_hire
from ..services.pledges import save_pledge

PAGE_SIZE = 25  # hires per page, on the employer's list and in the staff queue


# ---------------------------------------------------------------------------
# Pledges
# ---------------------------------------------------------------------------
@require_safe
@employer_member_required
def pledges(request, membership):
    organization = membership.organization
    rows, totals = selectors.pledge_list(organization)
    return TemplateResponse(
        request,
        "employers/hires/pledges.html",
        {"organization": organization, "pledges": rows, "totals": totals},
    )


def _pledge_form_response(request, form, *, organization, pledge=None, problem=""):
    """`problem`: why the pledge can't be saved at all (shown instead of the form)."""
    refused = bool(problem) and request.method == "POST"
    return TemplateResponse(
        request,
        "employers/hires/pledge_form.html",
        {"form": form, "organization": organization, "pledge": pledge, "problem": problem},
        status=400 if refused else 200,  # form errors: FormErrorStatusMiddleware
    )


@require_http_methods(["GET", "HEAD", "POST"])
@employer_member_required
def pledge_create(request, membership):
    organization = membership.organization
    data = request.POST if request.method == "POST" else None
    form = PledgeForm(data, organization=organization)
    if problem := publish_refusal(organization=organization, action=Gated.PLEDGE):
        return _pledge_form_response(request, form, organization=organization, problem=problem)
    if request.method == "POST" and form.is_valid():
        try:
            pledge = save_pledge(
                employer=organization, signed_by=request.user, **form.service_kwargs()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Thank you: %(organization)s pledged %(hires)s hires. It is signed by you.")
                % {"organization": organization.name, "hires": pledge.hires},
            )
            return redirect("employers:pledges")
    return _pledge_form_response(request, form, organization=organization)


@require_http_methods(["GET", "HEAD", "POST"])
@employer_member_required
def pledge_edit(request, pk, membership):
    organization = membership.organization
    pledge = get_object_or_404(
        selectors.pledges_of(organization).prefetch_related("occupations"), pk=pk
    )
    if not pledge.is_active:
        # Looking is fine (200); a change sent anyway is refused (400).
        return TemplateResponse(
            request,
            "employers/hires/pledge_ended.html",
            {"organization": organization, "pledge": pledge},
            status=400 if request.method == "POST" else 200,
        )
    data = request.POST if request.method == "POST" else None
    form = PledgeForm(data, organization=organization, pledge=pledge)
    if problem := publish_refusal(organization=organization, action=Gated.PLEDGE):
        return _pledge_form_response(
            request, form, organization=organization, pledge=pledge, problem=problem
        )
    if request.method == "POST" and form.is_valid():
        try:
            save_pledge(
                employer=organization,
                signed_by=request.user,
                pledge=pledge,
                **form.service_kwargs(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your pledge is updated and signed by you."))
            return redirect("employers:pledges")
    return _pledge_form_response(request, form, organization=organization, pledge=pledge)


# ---------------------------------------------------------------------------
# Hires
# ---------------------------------------------------------------------------
@require_safe
@approved_employer_required
def hire_list(request, membership):
    organization = membership.organization
    hires = selectors.hire_list(organization)
    page = Paginator(hires, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "organization": organization,
        "page": page,
        "totals": selectors.hire_totals(hires),  # every hire, not only this page's
        "not_reported": selectors.hired_not_reported(organization),
    }
    return TemplateResponse(request, "employers/hires/hire_list.html", context)


def _application_from_query(request, organization):
    """The `?application=<pk>` being reported: one of ours, marked hired, or 404."""
    pk = request.GET.get("application")
    if pk is None:
        return None
    if not pk.isdigit():
        raise Http404
    return get_object_or_404(
        selectors.hired_applications_of(organization).select_related("seeker", "job__occupation"),
        pk=pk,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@approved_employer_required
def hire_create(request, membership):
    organization = membership.organization
    application = _application_from_query(request, organization)
    form = HireForm(
        request.POST if request.method == "POST" else None,
        employer=organization,
        application=application,
    )
    if request.method == "POST" and form.is_valid():
        try:
            hire = report_hire(employer=organization, actor=request.user, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "The hire of %(name)s is recorded. Workforce Solutions Borderplex will "
                    "verify it; we will let you know."
                )
                % {"name": hire.person_name},
            )
            return redirect("employers:hires")
    return TemplateResponse(
        request,
        "employers/hires/hire_form.html",
        {"form": form, "organization": organization, "application": application},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@approved_employer_required
def hire_edit(request, pk, membership):
    """Correct a hire while it waits for verification. Another organization's hire, or one
    already decided, answers 404 (the hires page offers "Correct" on waiting hires only)."""
    organization = membership.organization
    hire = get_object_or_404(
        selectors.hires_of(organization)
        .filter(status=HireStatus.REPORTED)
        .select_related("seeker", "application__job", "application__seeker"),
        pk=pk,
    )
    form = HireForm(
        request.POST if request.method == "POST" else None, employer=organization, hire=hire
    )
    if request.method == "POST" and form.is_valid():
        try:
            correct_hire(hire=hire, employer=organization, **form.correction_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("The hire of %(name)s is corrected. It still waits for verification.")
                % {"name": hire.person_name},
            )
            return redirect("employers:hires")
    return TemplateResponse(
        request,
        "employers/hires/hire_form.html",
        {
            "form": form,
            "organization": organization,
            "application": hire.application,
            "hire": hire,
        },
    )


# ---------------------------------------------------------------------------
# Staff: the verification queue
# ---------------------------------------------------------------------------
def _queue_url(request) -> str:
    """Back to the queue after a decision, on the page it was made on (`?page=`)."""
    url = reverse("employers:hire_queue")
    page = request.GET.get("page", "")
    if page.isdecimal() and int(page) > 1:
        url += "?" + urlencode({"page": int(page)})
    return url


def _queue_response(request, status: str, *, failed=None, http_status: int = 200):
    """`failed`: (hire pk, bound RejectHireForm) of a refused rejection, shown on its row.

    The page comes from `?page=` on the address: the decision forms carry it in their
    action, so a refused decision re-renders the page it was made on, row and error in view.
    """
    counts = selectors.queue_counts()
    page = Paginator(selectors.hire_queue(status), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {"hire": hire, "reject_form": failed[1] if failed and failed[0] == hire.pk else None}
        for hire in page.object_list
    ]
    context = {
        "status": status,
        "rows": rows,
        "page": page,
        "query": urlencode({"status": status}),
        "tabs": [(value, label, counts[value]) for value, label in HireStatus.choices],
    }
    return TemplateResponse(request, "employers/hires/queue.html", context, status=http_status)


@require_safe
@staff_required
def hire_queue(request):
    status = request.GET.get("status", HireStatus.REPORTED)
    if status not in HireStatus.values:
        status = HireStatus.REPORTED
    return _queue_response(request, status)


def _hire_for_staff(pk: int) -> Hire:
    return get_object_or_404(Hire.objects.select_related("employer", "seeker"), pk=pk)


@require_POST
@staff_required
@fresh_mfa_required
def hire_verify(request, pk):
    hire = _hire_for_staff(pk)
    try:
        verify_hire(hire=hire, reviewer=request.user)
    except ValidationError as exc:
        messages.error(request, first_error(exc))
        return _queue_response(request, HireStatus.REPORTED, http_status=400)
    messages.success(
        request,
        _("The hire of %(name)s at %(employer)s is verified. We let the employer know.")
        % {"name": hire.person_name, "employer": hire.employer.name},
    )
    return redirect(_queue_url(request))


@require_POST
@staff_required
@fresh_mfa_required
def hire_reject(request, pk):
    hire = _hire_for_staff(pk)
    form = RejectHireForm(request.POST)
    if form.is_valid():
        try:
            reject_hire(hire=hire, reviewer=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            messages.error(request, first_error(exc))
        else:
            messages.success(
                request,
                _(
                    "The hire of %(name)s at %(employer)s is not verified. We sent the "
                    "employer the reason."
                )
                % {"name": hire.person_name, "employer": hire.employer.name},
            )
            return redirect(_queue_url(request))
    else:
        messages.error(
            request,
            _("%(name)s: %(error)s")
            % {"name": hire.person_name, "error": form.errors["reason"][0]},
        )
    return _queue_response(request, HireStatus.REPORTED, failed=(hire.pk, form), http_status=400)
