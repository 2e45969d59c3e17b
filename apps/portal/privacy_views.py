"""A person's own data (download, delete the account), staff acting on a person's request,
and the staff's audit trail. Only `urls.py` imports this module."""

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from apps.accounts.models import Organization, User
from apps.accounts.permissions import confirm_access_url, hidden_staff_page, recently_confirmed
from apps.accounts.selectors import find_accounts, membership_for
from apps.audit.models import Action
from apps.audit.selectors import entries
from apps.core.csvfiles import csv_lines
from apps.core.forms import first_error
from apps.employers.models import ApplicationStatus
from apps.trainings.models import EnrollmentStatus

from .forms import AuditFilterForm, DeleteAccountForm, PeopleSearchForm, StaffEraseForm
from .privacy import build_export, erase_account, erasure_problem

AUDIT_PAGE_SIZE = 50
AUDIT_CSV_CHUNK = 500


# ---------------------------------------------------------------------------
# The person's own data
# ---------------------------------------------------------------------------
@require_safe
@login_required
def my_data(request):
    """The download asks the person to confirm it is them first (a session left open on a
    shared computer must not hand everything over): until they have, the page's button takes
    them to allauth's confirmation and back here, where it downloads."""
    confirmed = recently_confirmed(request)
    return TemplateResponse(
        request,
        "portal/privacy/my_data.html",
        {
            "confirmed": confirmed,
            "confirm_url": "" if confirmed else confirm_access_url(request, request.path),
        },
    )


@require_POST
@login_required
@reauthentication_required
def my_data_download(request):
    """The zip, built in a temporary file and streamed from it (closed, so deleted, after).
    Only within a few minutes of the person confirming it is them (allauth's
    reauthentication; ACCOUNT_REAUTHENTICATION_TIMEOUT): otherwise allauth asks first, keeps
    the request, and answers it with the zip once they have."""
    archive = build_export(user=request.user)
    filename = f"reboot-el-paso-my-data-{timezone.localdate().isoformat()}.zip"
    response = FileResponse(
        archive, as_attachment=True, filename=filename, content_type="application/zip"
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _without_password(request) -> bool:
    return not request.user.has_usable_password()


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@reauthentication_required(enabled=_without_password)
def delete_account(request):
    """Confirmed with the person's password in the form; an account without a password
    (nothing to type there but a phrase) confirms it is them through allauth first (a code
    sent to their address, or their authenticator), then the erasure that was sent runs."""
    user = request.user
    context = {"membership": membership_for(user)}
    if problem := erasure_problem(user):
        return TemplateResponse(
            request,
            "portal/privacy/delete_account.html",
            {**context, "blocked": problem},
            status=400 if request.method == "POST" else 200,
        )
    form = DeleteAccountForm(request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            erase_account(user=user, actor=user)
        except ValidationError as exc:
            return TemplateResponse(
                request,
                "portal/privacy/delete_account.html",
                {**context, "blocked": first_error(exc)},
                status=400,
            )
        logout(request)
        messages.success(
            request,
            _(
                "Your account is deleted. Thank you for being part of Reboot El Paso; you are "
                "welcome back any time."
            ),
        )
        return redirect("home")
    return TemplateResponse(
        request,
        "portal/privacy/delete_account.html",
        {**context, "form": form},
        status=400 if request.method == "POST" else 200,
    )


# ---------------------------------------------------------------------------
# Staff: acting on a person's request
# ---------------------------------------------------------------------------
@require_safe
@hidden_staff_page
def staff_people(request):
    form = PeopleSearchForm(request.GET or None)
    found = find_accounts(form.cleaned_data["q"]) if form.is_bound and form.is_valid() else None
    return TemplateResponse(
        request,
        "portal/staff/people.html",
        {"form": form, "found": found},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@hidden_staff_page
def staff_erase(request, pk):
    account = get_object_or_404(User, pk=pk)
    context = {
        "account": account,
        "membership": membership_for(account),
        "blocked": erasure_problem(account),
    }
    if account.erased_at or context["blocked"]:
        return TemplateResponse(
            request,
            "portal/staff/erase.html",
            context,
            status=400 if request.method == "POST" else 200,
        )
    form = StaffEraseForm(request.POST if request.method == "POST" else None, account=account)
    if request.method == "POST" and form.is_valid():
        try:
            erase_account(
                user=account,
                actor=request.user,
                request_note=form.cleaned_data["request_note"],
            )
        except ValidationError as exc:
            return TemplateResponse(
                request,
                "portal/staff/erase.html",
                {**context, "blocked": first_error(exc)},
                status=400,
            )
        account.refresh_from_db()
        messages.success(
            request,
            _("The account is erased. It now appears as “%(label)s”.")
            % {"label": account.display_name},
        )
        return redirect(f"{reverse('audit_log')}?{urlencode({'person': account.erased_key})}")
    return TemplateResponse(
        request,
        "portal/staff/erase.html",
        {**context, "form": form},
        status=400 if request.method == "POST" else 200,
    )


# ---------------------------------------------------------------------------
# Staff: the audit trail
# ---------------------------------------------------------------------------
# The statuses an action's details name ("from", "to"), labelled in the reader's language.
STATUS_CHOICES = {
    Action.APPLICATION_MOVED: ApplicationStatus,
    Action.ENROLLMENT_MOVED: EnrollmentStatus,
    Action.ENROLLMENT_COMPLETED: EnrollmentStatus,
    Action.ORGANIZATION_APPROVED: Organization.Status,
    Action.ORGANIZATION_REJECTED: Organization.Status,
    Action.ORGANIZATION_WITHDRAWN: Organization.Status,
}


def status_change(entry) -> str:
    """ "Reviewing → Interview" for an entry whose details hold a move, else ""."""
    details = entry.details or {}
    if not (details.get("from") and details.get("to")):
        return ""
    choices = STATUS_CHOICES.get(entry.action)
    labels = dict(choices.choices) if choices else {}
    moved = (labels.get(details[end], details[end]) for end in ("from", "to"))
    return " → ".join(str(label) for label in moved)


@require_safe
@hidden_staff_page
def audit_log(request):
    form = AuditFilterForm(request.GET or None)
    valid = not form.is_bound or form.is_valid()
    page = Paginator(entries(**form.filters()), AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    for entry in page.object_list:
        entry.status_change = status_change(entry)
    query = request.GET.copy()
    query.pop("page", None)
    return TemplateResponse(
        request,
        "portal/staff/audit.html",
        {"form": form, "page": page, "query": query.urlencode()},
        status=200 if valid else 400,
    )


@require_safe
@hidden_staff_page
def audit_csv(request):
    """The filtered trail as a CSV file, streamed in chunks (memory stays flat)."""
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return TemplateResponse(
            request, "portal/staff/audit.html", {"form": form, "page": None}, status=400
        )
    rows = entries(**form.filters())
    language = translation.get_language()
    header = [
        _("When"),
        _("Action"),
        _("By"),
        _("What"),
        _("Organization"),
        _("Person affected"),
        _("Details"),
    ]

    def lines():
        with translation.override(language):
            yield from csv_lines(
                header,
                (
                    [
                        timezone.localtime(entry.created_at).strftime("%Y-%m-%d %H:%M:%S"),
                        entry.get_action_display(),
                        entry.actor_shown,
                        entry.target_shown,
                        entry.organization_label,
                        entry.person_shown,
                        entry.details,
                    ]
                    for entry in rows.iterator(chunk_size=AUDIT_CSV_CHUNK)
                ),
            )

    filename = f"audit-trail-{timezone.localdate().isoformat()}.csv"
    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response
