"""The training provider's side: programs, class dates (cohorts), rosters and decisions.

Every view is for members of a provider organization (permissions.provider_member_required;
the roster and its decisions, for an organization approved now: approved_provider_required)
and loads rows through the organization's own scope, so another provider's rows answer 404.
GET never changes anything; bad input answers 400 with the reason, and nothing is saved.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from apps.core.forms import first_error, first_form_error

from .. import selectors, services
from ..forms import (
    CohortForm,
    EnrollmentStatusForm,
    ProgramForm,
    ProgramStatusForm,
    add_service_errors,
)
from ..models import TRANSITIONS, Cohort, EnrollmentStatus, Program, ProgramStatus
from ..permissions import approved_provider_required, provider_member_required
from ..selectors import cohorts_of, get_cohort, get_enrollment, get_program, programs_of


# ---------------------------------------------------------------------------
# Programs
# ---------------------------------------------------------------------------
@require_safe
@provider_member_required
def program_list(request, membership):
    today = timezone.localdate()
    programs = (
        programs_of(membership)
        .annotate(
            cohort_count=Count("cohorts"),
            upcoming_count=Count("cohorts", filter=Q(cohorts__start_date__gte=today)),
        )
        .order_by("title", "pk")
    )
    return TemplateResponse(
        request,
        "trainings/provider/program_list.html",
        {"organization": membership.organization, "programs": programs},
    )


def _program_form_response(request, form, *, organization, program=None, title=None):
    """`title`: the program's saved title (the form changes the instance as it validates)."""
    return TemplateResponse(
        request,
        "trainings/provider/program_form.html",
        {"form": form, "organization": organization, "program": program, "program_title": title},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@provider_member_required
def program_create(request, membership):
    organization = membership.organization
    form = ProgramForm(
        request.POST if request.method == "POST" else None,
        instance=Program(provider=organization),
    )
    if request.method == "POST" and form.is_valid():
        try:
            program = services.save_program(provider=organization, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("“%(title)s” is saved as a draft. Add a class date, then publish it.")
                % {"title": program.title},
            )
            return redirect("trainings:program_detail", pk=program.pk)
    return _program_form_response(request, form, organization=organization)


@require_http_methods(["GET", "HEAD", "POST"])
@provider_member_required
def program_edit(request, pk, membership):
    program = get_program(membership, pk)
    title = program.title
    form = ProgramForm(request.POST if request.method == "POST" else None, instance=program)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_program(
                provider=membership.organization, program=program, **form.service_kwargs()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Your changes to “%(title)s” are saved.") % {"title": program.title}
            )
            return redirect("trainings:program_detail", pk=program.pk)
    return _program_form_response(
        request, form, organization=membership.organization, program=program, title=title
    )


def _detail_response(request, program: Program, *, status: int = 200):
    today = timezone.localdate()
    cohorts = list(
        program.cohorts.with_seats_taken()
        .annotate(
            waiting=Count("enrollments", filter=Q(enrollments__status=EnrollmentStatus.APPLIED))
        )
        .order_by("start_date", "pk")
    )
    for cohort in cohorts:
        cohort.seats_left = selectors.seats_left(cohort)
        cohort.is_past = cohort.end_date < today
    context = {
        "program": program,
        "organization": program.provider,
        "cohorts": cohorts,
        "skills": program.skills.select_related("category"),
        "occupations": program.occupations.all(),
        "outcomes": selectors.outcomes(program),
        "is_public": program.status == ProgramStatus.PUBLISHED and program.provider.can_publish,
    }
    return TemplateResponse(
        request, "trainings/provider/program_detail.html", context, status=status
    )


@require_safe
@provider_member_required
def program_detail(request, pk, membership):
    return _detail_response(request, get_program(membership, pk))


STATUS_DONE = {
    ProgramStatus.PUBLISHED: gettext_lazy(
        "“%(title)s” is published. Job seekers can find it in the trainings catalog."
    ),
    ProgramStatus.ARCHIVED: gettext_lazy(
        "“%(title)s” is unpublished. Job seekers no longer see it; people already enrolled "
        "stay on your rosters."
    ),
    ProgramStatus.DRAFT: gettext_lazy("“%(title)s” is a draft again. Only your team sees it."),
}


@require_POST
@provider_member_required
def program_status(request, pk, membership):
    program = get_program(membership, pk)
    form = ProgramStatusForm(request.POST)
    if form.is_valid():
        status = form.cleaned_data["status"]
        try:
            services.set_program_status(program=program, status=status)
        except ValidationError as exc:
            messages.error(request, first_error(exc))
        else:
            messages.success(request, STATUS_DONE[status] % {"title": program.title})
            return redirect("trainings:program_detail", pk=program.pk)
    else:
        messages.error(request, first_form_error(form))
    return _detail_response(request, program, status=400)


# ---------------------------------------------------------------------------
# Cohorts (class dates)
# ---------------------------------------------------------------------------
def _cohort_form_response(request, form, *, program, cohort=None, saved_start=None):
    """`saved_start`: the cohort's saved start (the form changes the instance as it validates)."""
    return TemplateResponse(
        request,
        "trainings/provider/cohort_form.html",
        {
            "form": form,
            "program": program,
            "cohort": cohort,
            "saved_start": saved_start,
            "organization": program.provider,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@provider_member_required
def cohort_create(request, pk, membership):
    program = get_program(membership, pk)
    form = CohortForm(
        request.POST if request.method == "POST" else None, instance=Cohort(program=program)
    )
    if request.method == "POST" and form.is_valid():
        try:
            cohort = services.save_cohort(program=program, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Class date added: starts %(date)s.")
                % {"date": date_format(cohort.start_date, "DATE_FORMAT")},
            )
            return redirect("trainings:program_detail", pk=program.pk)
    return _cohort_form_response(request, form, program=program)


@require_http_methods(["GET", "HEAD", "POST"])
@provider_member_required
def cohort_edit(request, pk, membership):
    cohort = get_cohort(membership, pk)
    saved_start = cohort.start_date
    form = CohortForm(request.POST if request.method == "POST" else None, instance=cohort)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_cohort(program=cohort.program, data=form.cleaned_data, cohort=cohort)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("The class starting %(date)s is saved.")
                % {"date": date_format(cohort.start_date, "DATE_FORMAT")},
            )
            return redirect("trainings:program_detail", pk=cohort.program_id)
    return _cohort_form_response(
        request, form, program=cohort.program, cohort=cohort, saved_start=saved_start
    )


# ---------------------------------------------------------------------------
# Roster and decisions
# ---------------------------------------------------------------------------
# The buttons a roster row offers, in this order, when TRANSITIONS allows them.
ACTIONS = [
    (EnrollmentStatus.ACCEPTED, gettext_lazy("Accept"), ""),
    (EnrollmentStatus.ENROLLED, gettext_lazy("Mark enrolled"), ""),
    (EnrollmentStatus.COMPLETED, gettext_lazy("Mark completed"), ""),
    (EnrollmentStatus.DECLINED, gettext_lazy("Decline"), "usa-button--secondary"),
    (EnrollmentStatus.WITHDRAWN, gettext_lazy("Withdraw"), "usa-button--outline"),
]

DECISION_DONE = {
    EnrollmentStatus.ACCEPTED: gettext_lazy("You accepted %(name)s. We let them know."),
    EnrollmentStatus.DECLINED: gettext_lazy("You declined %(name)s. We let them know."),
    EnrollmentStatus.ENROLLED: gettext_lazy("%(name)s is enrolled. We let them know."),
    EnrollmentStatus.COMPLETED: gettext_lazy(
        "%(name)s completed the program. Their profile now shows its skills as verified."
    ),
    EnrollmentStatus.WITHDRAWN: gettext_lazy(
        "%(name)s is withdrawn from this class. Their seat is free again."
    ),
}


def actions_for(status: str, *, started: bool = True) -> list[tuple[str, str, str]]:
    """The decisions an enrollment allows; completing one waits for the class to start."""
    allowed = set(TRANSITIONS.get(status, set()))
    if not started:
        allowed.discard(EnrollmentStatus.COMPLETED)
    return [action for action in ACTIONS if action[0] in allowed]


def _roster_response(request, membership, cohort_pk: int, *, status: int = 200, failed=None):
    """`failed`: (enrollment pk, bound form) of a refused decision, shown on its row."""
    cohort = get_object_or_404(
        cohorts_of(membership).with_seats_taken().select_related("program__provider"),
        pk=cohort_pk,
    )
    rows = []
    waiting = 0
    today = timezone.localdate()
    started = cohort.start_date <= today
    early = started and today < cohort.last_week_starts
    for enrollment in selectors.roster(cohort):
        waiting += enrollment.status == EnrollmentStatus.APPLIED
        completes_next = EnrollmentStatus.COMPLETED in TRANSITIONS[enrollment.status]
        rows.append(
            {
                "enrollment": enrollment,
                "actions": actions_for(enrollment.status, started=started),
                "can_complete": completes_next and started,
                "completes_later": completes_next and not started,
                "completes_early": completes_next and early,
                "failed": failed[1] if failed and failed[0] == enrollment.pk else None,
            }
        )
    context = {
        "cohort": cohort,
        "program": cohort.program,
        "organization": cohort.program.provider,
        "rows": rows,
        "seats_left": selectors.seats_left(cohort),
        "waiting": waiting,
    }
    return TemplateResponse(request, "trainings/provider/roster.html", context, status=status)


@require_safe
@approved_provider_required
def roster(request, pk, membership):
    return _roster_response(request, membership, pk)


@require_POST
@approved_provider_required
def enrollment_status(request, pk, membership):
    enrollment = get_enrollment(membership, pk)
    form = EnrollmentStatusForm(request.POST)
    name = enrollment.seeker.display_name
    if form.is_valid():
        to = form.cleaned_data["to"]
        try:
            services.change_status(
                enrollment=enrollment,
                to=to,
                actor=request.user,
                note=form.cleaned_data["note"].strip(),
                credential_earned=form.cleaned_data["credential_earned"],
                early_reason=form.cleaned_data["early_reason"],
            )
        except ValidationError as exc:
            messages.error(request, first_error(exc))
        else:
            messages.success(request, DECISION_DONE[to] % {"name": name})
            return redirect("trainings:roster", pk=enrollment.cohort_id)
    else:
        messages.error(
            request, _("%(name)s: %(error)s") % {"name": name, "error": first_form_error(form)}
        )
    return _roster_response(
        request, membership, enrollment.cohort_id, status=400, failed=(enrollment.pk, form)
    )
