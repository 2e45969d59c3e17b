"""Bulk referral by CSV: upload, preview with per-row errors, confirm, follow the progress."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.forms import first_error

from ..forms import ImportForm
from ..models import ReferralImport
from ..permissions import approved_partner_required, import_of_partner, partner_member_required
from ..services import imports as services


@approved_partner_required
def upload(request, membership):
    form = ImportForm(
        *((request.POST, request.FILES) if request.method == "POST" else ()),
        initial={"language": get_language()[:2]},
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read(services.MAX_BYTES + 1)
        try:
            batch = services.preview_import(
                partner=membership.organization,
                user=request.user,
                data=data,
                filename=upload.name,
                language=form.cleaned_data["language"],
            )
        except ValidationError as exc:
            form.add_error("file", first_error(exc))
        else:
            return redirect("partners:import", pk=batch.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "partners/import_upload.html", {"form": form}, status=status)


@partner_member_required
def template(request, membership):
    language = "es" if get_language().startswith("es") else "en"
    response = HttpResponse(services.template_csv(language), content_type="text/csv; charset=utf-8")
    name = "referidos.csv" if language == "es" else "referrals.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@approved_partner_required
def detail(request, pk, membership):
    batch = import_of_partner(membership, pk)
    template_name = "partners/_import_progress.html" if request.htmx else "partners/import.html"
    return render(
        request,
        template_name,
        {"batch": batch, "preview": batch.status == ReferralImport.Status.PREVIEW},
    )


@require_POST
@approved_partner_required
def confirm(request, pk, membership):
    batch = import_of_partner(membership, pk)
    if not batch.valid_rows:
        messages.error(request, _("No row can be imported. Fix the file and upload it again."))
        return redirect("partners:import", pk=batch.pk)
    try:
        services.confirm_import(batch=batch)
    except ValidationError as exc:
        messages.error(request, first_error(exc))
    return redirect("partners:import", pk=batch.pk)
