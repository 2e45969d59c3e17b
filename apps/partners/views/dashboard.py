"""The partner's dashboard: referrals by stage over time, conversion, hires, events."""

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ..models import STAGE_FIELDS, Stage
from ..permissions import approved_partner_required
from ..selectors import (
    CONSENT_WITHDRAWN,
    funnel,
    hires_credited,
    referrals_of,
    stage_counts,
    stages_by_month,
    upcoming_events_of,
)


@approved_partner_required
def dashboard(request, membership):
    org = membership.organization
    counts = stage_counts(org)
    return render(
        request,
        "partners/dashboard.html",
        {
            "organization": org,
            "counts": [(label, counts.get(value, 0)) for value, label in Stage.choices],
            "withdrawn": counts.get(CONSENT_WITHDRAWN, 0),
            "funnel": funnel(org),
            "months": stages_by_month(org),
            "stage_labels": [Stage(s).label for s, _f in STAGE_FIELDS],
            "hires": hires_credited(org),
            "events": upcoming_events_of(org)[:10],
        },
    )


@approved_partner_required
def export(request, membership):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="referrals.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Name"),
            _("Email address"),
            _("Referred on"),
            _("Stage"),
            *[Stage(s).label for s, _f in STAGE_FIELDS[1:]],
        ]
    )
    for referral in referrals_of(membership.organization):
        if referral.consent_withdrawn:
            writer.writerow(
                [
                    referral.display_name,
                    referral.email,
                    referral.created_at.date().isoformat(),
                    _("Consent withdrawn"),
                ]
            )
            continue
        dates = [getattr(referral, f) for _s, f in STAGE_FIELDS[1:]]
        writer.writerow(
            [
                referral.display_name,
                referral.email,
                referral.created_at.date().isoformat(),
                Stage(referral.stage).label,
                *[d.date().isoformat() if d else "" for d in dates],
            ]
        )
    return response
