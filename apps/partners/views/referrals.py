"""Referral pages: the partner's list, form and detail; the person's landing and consent."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.models import Role
from apps.accounts.permissions import role_required
from apps.core.forms import first_error
from apps.core.i18n import remember_language

from ..forms import ReferralForm
from ..models import STAGE_FIELDS, Stage
from ..permissions import approved_partner_required, referral_of_partner, referral_of_person
from ..receivers import REFERRAL_SESSION_KEY
from ..selectors import CONSENT_WITHDRAWN, referrals_of, referrals_of_person
from ..services import referrals as services


@approved_partner_required
def referral_list(request, membership):
    stage = request.GET.get("stage", "")
    if stage not in Stage.values and stage != CONSENT_WITHDRAWN:
        stage = ""
    return render(
        request,
        "partners/referrals.html",
        {
            "membership": membership,
            "referrals": referrals_of(membership.organization, stage=stage)[:500],
            "stage": stage,
            "stages": Stage.choices,
        },
    )


@approved_partner_required
def refer(request, membership):
    form = ReferralForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.refer_person(
                partner=membership.organization,
                referred_by=request.user,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_error("email", first_error(exc))
        else:
            messages.success(
                request, _("We emailed an invitation to %(email)s.") % {"email": referral.email}
            )
            return redirect("partners:referral", pk=referral.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "partners/refer.html", {"form": form}, status=status)


@approved_partner_required
def referral_detail(request, pk, membership):
    referral = referral_of_partner(membership, pk)
    timeline = [(Stage(stage).label, getattr(referral, field)) for stage, field in STAGE_FIELDS]
    return render(request, "partners/referral.html", {"referral": referral, "timeline": timeline})


def landing(request, token):
    """The invitation link: remembers the referral for sign-up, or asks a signed-in seeker
    to confirm the link once."""
    referral = services.referral_from_token(token)
    if referral is None:
        return render(request, "partners/landing_invalid.html", status=404)
    problem = None
    if request.user.is_authenticated:
        problem = services.link_problem(referral=referral, user=request.user)
        if request.method == "POST" and problem is None:
            services.link_referral(referral=referral, user=request.user)
            messages.success(
                request,
                _("Linked. %(partner)s can now follow your progress.")
                % {"partner": referral.partner.name},
            )
            return redirect("partners:mine")
    else:
        request.session[REFERRAL_SESSION_KEY] = token
        # A newcomer reads the page, and signs up, in the language they were invited in.
        translation.activate(referral.language)
        request.LANGUAGE_CODE = referral.language
    response = render(
        request,
        "partners/landing.html",
        {
            "referral": referral,
            "problem": problem,
            "linked": referral.person_id == getattr(request.user, "pk", None),
        },
    )
    if not request.user.is_authenticated:
        remember_language(response, referral.language)
    return response


@role_required(Role.SEEKER)
def my_referrals(request):
    return render(request, "partners/mine.html", {"referrals": referrals_of_person(request.user)})


@require_POST
@login_required
@role_required(Role.SEEKER)
def consent(request, pk):
    referral = referral_of_person(request.user, pk)
    if request.POST.get("share") == "yes":
        services.restore_consent(referral=referral, user=request.user)
        messages.success(
            request,
            _("%(partner)s can follow your progress again.") % {"partner": referral.partner.name},
        )
    else:
        services.withdraw_consent(referral=referral, user=request.user)
        messages.success(
            request,
            _("%(partner)s no longer sees your progress.") % {"partner": referral.partner.name},
        )
    return redirect("partners:mine")
