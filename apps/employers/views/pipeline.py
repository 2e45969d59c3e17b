"""The employer's applicant pipeline: applicants by stage, one applicant's page, moves (one
or many), the team's private notes, the resume snapshot, a CSV export, and the talent search
over profiles their owners made discoverable.

Every view is for members of an employer organization approved now (permissions.
approved_employer_required: when staff withdraw the approval, every page here closes) and
loads rows through the organization's own scope, so another employer's jobs and
applications answer 404. GET never changes anything; bad input answers 400 with the reason,
and nothing is saved. Demographics are never read here: they are for aggregate reports only.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from apps.audit.models import Action
from apps.audit.services import record
from apps.core.csvfiles import csv_lines
from apps.core.forms import first_error, first_form_error

from .. import selectors_pipeline as selectors
from ..forms_pipeline import BulkMoveForm, MoveForm, NoteForm, TalentSearchForm
from ..models import (
    APPLICATION_TRANSITIONS,
    PIPELINE,
    ApplicationStatus,
    RejectionReason,
)
from ..permissions import approved_employer_required
from ..selectors import applications_to_jobs_of, get_application, get_job
from ..services.applications import add_note, bulk_move, move_application

TALENT_PAGE_SIZE = 20


# ---------------------------------------------------------------------------
# The moves an applicant's status allows
# ---------------------------------------------------------------------------
FORWARD_LABELS = {
    ApplicationStatus.REVIEWING: gettext_lazy("Start review"),
    ApplicationStatus.INTERVIEW: gettext_lazy("Move to interview"),
    ApplicationStatus.OFFER: gettext_lazy("Move to offer"),
    ApplicationStatus.HIRED: gettext_lazy("Mark hired"),
}
BACK_LABELS = {
    ApplicationStatus.REVIEWING: gettext_lazy("Back to reviewing"),
    ApplicationStatus.INTERVIEW: gettext_lazy("Back to interview"),
}

MOVE_DONE = {
    ApplicationStatus.REVIEWING: gettext_lazy("%(name)s is in review. We let them know."),
    ApplicationStatus.INTERVIEW: gettext_lazy("%(name)s moved to interview. We let them know."),
    ApplicationStatus.OFFER: gettext_lazy("%(name)s moved to offer. We let them know."),
    ApplicationStatus.HIRED: gettext_lazy(
        "%(name)s is hired. We let them know. Record the hire so it counts toward the goal."
    ),
    ApplicationStatus.REJECTED: gettext_lazy(
        "%(name)s is marked “Not selected”. We let them know."
    ),
}


def moves_for(status: str) -> list[tuple[str, str, str]]:
    """(to, button label, extra CSS class) for each pipeline step the status allows."""
    allowed = APPLICATION_TRANSITIONS.get(status, set())
    here = PIPELINE.index(status) if status in PIPELINE else -1
    moves = []
    for to in PIPELINE:
        if to not in allowed:
            continue
        if PIPELINE.index(to) < here:
            moves.append((to.value, BACK_LABELS[to], "usa-button--outline"))
        else:
            moves.append((to.value, FORWARD_LABELS[to], ""))
    return moves


def can_reject(status: str) -> bool:
    return ApplicationStatus.REJECTED in APPLICATION_TRANSITIONS.get(status, set())


def _hire_url(application) -> str:
    return reverse("employers:hire_create") + f"?application={application.pk}"


# ---------------------------------------------------------------------------
# The pipeline of one job
# ---------------------------------------------------------------------------
def _pipeline_response(request, job, *, status: int = 200, failed=None, bulk_form=None):
    """`failed`: (application pk, bound MoveForm) of a refused move, shown on its row."""
    stages = selectors.pipeline_stages(job)
    for stage in stages:
        stage.rows = [
            {
                "application": application,
                "moves": moves_for(application.status),
                "can_reject": can_reject(application.status),
                "selectable": bool(APPLICATION_TRANSITIONS.get(application.status)),
                "failed": failed[1] if failed and failed[0] == application.pk else None,
            }
            for application in stage.applications
        ]
    context = {
        "job": job,
        "organization": job.employer,
        "stages": [s for s in stages if not s.closed],
        "closed_stages": [s for s in stages if s.closed],
        "total": sum(s.count for s in stages),
        "required_total": selectors.required_skill_count(job),
        "bulk_targets": BulkMoveForm.base_fields["to"].choices,
        "reasons": RejectionReason.choices,
        "bulk_form": bulk_form,
    }
    return TemplateResponse(request, "employers/pipeline/pipeline.html", context, status=status)


@require_safe
@approved_employer_required
def pipeline(request, pk, membership):
    return _pipeline_response(request, get_job(membership, pk))


@require_POST
@approved_employer_required
def bulk(request, pk, membership):
    job = get_job(membership, pk)
    form = BulkMoveForm(request.POST)
    if form.is_valid():
        # Only this job's applications: ids of any other are ignored.
        chosen = list(
            job.applications.filter(pk__in=form.cleaned_data["applications"]).order_by(
                "created_at", "pk"
            )
        )
        if chosen:
            moved, skipped = bulk_move(
                applications=chosen,
                to=form.cleaned_data["to"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
            done = _("%(moved)s moved, %(skipped)s could not move.") % {
                "moved": moved,
                "skipped": skipped,
            }
            if skipped:
                done += " " + _(
                    "An applicant moves one step at a time, and people hired, not selected "
                    "or withdrawn stay where they are."
                )
            (messages.success if moved else messages.warning)(request, done)
            return redirect("employers:pipeline", pk=job.pk)
        form.add_error("applications", form.fields["applications"].error_messages["required"])
    messages.error(request, first_form_error(form))
    return _pipeline_response(request, job, status=400, bulk_form=form)


# ---------------------------------------------------------------------------
# One applicant
# ---------------------------------------------------------------------------
def _load_application(membership, pk: int):
    return get_object_or_404(
        applications_to_jobs_of(membership).select_related(
            "job__employer", "job__occupation", "seeker"
        ),
        pk=pk,
    )


def _hire_of(application):
    """The hire reported from this application that stands (not rejected), if any."""
    return application.hires.exclude(status="rejected").order_by("-pk").first()


def _notes_context(application, *, note_form=None, status_message=""):
    return {
        "application": application,
        "notes": selectors.notes(application),
        "note_form": note_form or NoteForm(),
        "status_message": status_message,
    }


def _with_from_labels(events) -> list:
    labels = dict(ApplicationStatus.choices)
    events = list(events)
    for event in events:
        event.from_label = labels.get(event.from_status, event.from_status)
    return events


def _applicant_response(request, application, *, status: int = 200, move_form=None, note_form=None):
    profile = selectors.applicant_profile(application)
    required = selectors.required_skill_ids(application.job)
    skills = list(profile.skills.all()) if profile else []
    for item in skills:
        item.required = item.skill_id in required
    hire = _hire_of(application) if application.status == ApplicationStatus.HIRED else None
    context = {
        "application": application,
        "job": application.job,
        "person": application.seeker,
        "profile": profile,
        "skills": skills,
        "occupations": list(profile.target_occupations.all()) if profile else [],
        "matched": sum(item.required for item in skills),
        "required_total": len(required),
        "events": _with_from_labels(selectors.history(application)),
        "moves": moves_for(application.status),
        "can_reject": can_reject(application.status),
        "reasons": RejectionReason.choices,
        "move_form": move_form,
        "hire": hire,
        "hire_url": _hire_url(application),
        **_notes_context(application, note_form=note_form),
    }
    return TemplateResponse(request, "employers/pipeline/applicant.html", context, status=status)


@require_safe
@approved_employer_required
def applicant(request, pk, membership):
    return _applicant_response(request, _load_application(membership, pk))


@require_safe
@approved_employer_required
def confirm_hire(request, pk, membership):
    """ "Mark hired" asks first: it can't be undone. The page's form POSTs to `move`."""
    application = _load_application(membership, pk)
    if ApplicationStatus.HIRED not in APPLICATION_TRANSITIONS.get(application.status, set()):
        labels = dict(ApplicationStatus.choices)
        messages.warning(
            request,
            _("An application marked “%(current)s” cannot move to “%(to)s”.")
            % {"current": labels[application.status], "to": labels[ApplicationStatus.HIRED]},
        )
        return redirect("employers:applicant", pk=application.pk)
    from_pipeline = request.GET.get("return_to") == "pipeline"
    context = {
        "application": application,
        "job": application.job,
        "person": application.seeker,
        "return_to": "pipeline" if from_pipeline else "applicant",
        "cancel_url": (
            reverse("employers:pipeline", kwargs={"pk": application.job_id})
            + f"#application-{application.pk}"
            if from_pipeline
            else reverse("employers:applicant", kwargs={"pk": application.pk})
        ),
    }
    return TemplateResponse(request, "employers/pipeline/confirm_hire.html", context)


@require_POST
@approved_employer_required
def move(request, pk, membership):
    application = _load_application(membership, pk)
    form = MoveForm(request.POST)
    name = application.seeker.display_name
    from_pipeline = request.POST.get("return_to") == "pipeline"
    if form.is_valid():
        to = form.cleaned_data["to"]
        try:
            move_application(
                application=application,
                to=to,
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
            messages.error(request, first_error(exc))
        else:
            messages.success(request, MOVE_DONE[to] % {"name": name})
            # "Hired" leads to the applicant's page, where recording the hire is one click.
            if from_pipeline and to != ApplicationStatus.HIRED:
                return redirect(
                    reverse("employers:pipeline", kwargs={"pk": application.job_id})
                    + f"#application-{application.pk}"
                )
            return redirect("employers:applicant", pk=application.pk)
    else:
        messages.error(
            request, _("%(name)s: %(error)s") % {"name": name, "error": first_form_error(form)}
        )
    if from_pipeline:
        return _pipeline_response(
            request, application.job, status=400, failed=(application.pk, form)
        )
    return _applicant_response(request, application, status=400, move_form=form)


@require_POST
@approved_employer_required
def note(request, pk, membership):
    application = _load_application(membership, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            add_note(application=application, author=request.user, text=form.cleaned_data["text"])
        except ValidationError as exc:
            form.add_error("text", exc.messages)
    ok = not form.errors
    done = _("Your note is saved. Only your team sees it.")
    if request.htmx:
        context = _notes_context(
            application,
            note_form=None if ok else form,
            status_message=done if ok else "",
        )
        response = TemplateResponse(
            request, "employers/pipeline/_notes.html", context, status=200 if ok else 400
        )
        patch_vary_headers(response, ["HX-Request"])
        return response
    if ok:
        messages.success(request, done)
        return redirect(reverse("employers:applicant", kwargs={"pk": application.pk}) + "#notes")
    messages.error(request, first_form_error(form))
    return _applicant_response(request, application, status=400, note_form=form)


def _safe_filename(name: str) -> str:
    """The applicant's original file name, without control characters, ending in .pdf."""
    name = "".join(c for c in (name or "") if c.isprintable()).strip() or "resume.pdf"
    if not name.lower().endswith(".pdf"):
        name += ".pdf"
    return name


@require_safe
@approved_employer_required
def resume(request, pk, membership):
    application = get_application(membership, pk)
    if not application.resume:
        raise Http404
    try:
        handle = application.resume.storage.open(application.resume.name, "rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=_safe_filename(application.resume_name),
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# ---------------------------------------------------------------------------
# CSV export
# ---------------------------------------------------------------------------
def _local(moment, fmt: str) -> str:
    return timezone.localtime(moment).strftime(fmt) if moment else ""


EXPORT_CHUNK_SIZE = 500  # rows read from the database at a time while the file streams


def _applicant_row(application) -> list:
    person = application.seeker
    return [
        person.get_full_name(),
        person.email,
        application.get_status_display(),
        _local(application.created_at, "%Y-%m-%d"),
        _local(application.last_change or application.updated_at, "%Y-%m-%d %H:%M"),
        application.matched,
        application.get_rejection_reason_display(),
    ]


@require_safe
@approved_employer_required
def export_csv(request, pk, membership):
    """The job's applicants as a CSV file, streamed: memory stays flat however many there are.

    Access is settled here, before the response starts; the rows are read in chunks while
    the file is sent, in the language of this request (labels are translated as they go).
    """
    job = get_job(membership, pk)
    header = [
        _("Name"),
        _("Email"),
        _("Status"),
        _("Applied on"),
        _("Last change"),
        _("Required skills matched (of %(total)s)")
        % {"total": selectors.required_skill_count(job)},
        _("Reason not selected"),
    ]
    applications = selectors.applicants(job)
    language = translation.get_language()
    record(
        action=Action.APPLICANTS_EXPORTED,
        actor=request.user,
        target=job,
        target_label=job.title,
        organization=job.employer,
    )

    def lines():
        with translation.override(language):
            rows = map(_applicant_row, applications.iterator(chunk_size=EXPORT_CHUNK_SIZE))
            yield from csv_lines(header, rows)

    filename = "applicants-{}-{}-{}.csv".format(
        job.pk, slugify(job.title)[:60] or "job", timezone.localdate().isoformat()
    )
    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# ---------------------------------------------------------------------------
# Talent search: discoverable profiles only, for approved employers
# ---------------------------------------------------------------------------
@require_safe
@approved_employer_required
def talent(request, membership):
    organization = membership.organization
    context = {"organization": organization}
    form = TalentSearchForm(request.GET or None)
    status = 200
    page = None
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        data = form.cleaned_data if form.is_bound else {}
        chosen = list(data.get("skills") or [])
        profiles = selectors.talent_search(skills=chosen, occupation=data.get("occupation"))
        page = Paginator(profiles, TALENT_PAGE_SIZE).get_page(request.GET.get("page"))
        context["chosen_ids"] = {skill.pk for skill in chosen}
    query = request.GET.copy()
    query.pop("page", None)
    context.update(
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "filtered": any(v for k, v in request.GET.items() if k != "page"),
        }
    )
    return TemplateResponse(request, "employers/pipeline/talent.html", context, status=status)


@require_safe
@approved_employer_required
def talent_profile(request, pk, membership):
    organization = membership.organization
    context = {"organization": organization}
    profile = selectors.discoverable_profile(pk)
    if profile is None:
        raise Http404
    context.update(
        {
            "profile": profile,
            "skills": list(profile.skills.all()),
            "occupations": list(profile.target_occupations.all()),
            "applications": list(
                selectors.applications_by(applications_to_jobs_of(membership), profile.user_id)
            ),
        }
    )
    return TemplateResponse(request, "employers/pipeline/talent_profile.html", context)
