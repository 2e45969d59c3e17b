from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from apps.core.confirm import ask_first
from apps.core.forms import first_error
from apps.core.i18n import local_path, localized, remember_language

from . import selectors, services
from .forms import (
    AccountSettingsForm,
    InvitationForm,
    OrganizationProfileForm,
    RejectOrganizationForm,
)
from .models import Invitation, Language, Membership, Organization
from .permissions import (
    can_manage_team,
    fresh_mfa_required,
    organization_member_required,
    staff_required,
)
from .signup import INVITATION_SESSION_KEY


# ---------------------------------------------------------------------------
# The language switcher (header; its "next" comes from context_processors.language_next)
# ---------------------------------------------------------------------------
@require_POST
def set_language(request):
    """Switch language: back to the same page in the other language (query kept); the choice
    is remembered in a cookie and, for signed-in people, on their account.

    `next` is the page to come back to. Anything but a safe address on this site (a bare
    word, another host, "//host", "javascript:", control or non-ASCII characters, a very
    long value) is ignored: the switcher goes back to the page it was used on (the Referer,
    same site only), else the home page.
    """
    language = request.POST.get("language", "")
    if language not in Language.values:
        return HttpResponseBadRequest(_("Unknown language."))
    next_path = (
        local_path(request.POST.get("next", ""), request)
        or local_path(request.headers.get("referer", ""), request)
        or reverse("home")
    )
    if request.user.is_authenticated:
        services.set_preferred_language(user=request.user, language=language)
    return remember_language(HttpResponseRedirect(localized(next_path, language)), language)


# ---------------------------------------------------------------------------
# The signed-in person's own account
# ---------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account_settings(request):
    bound = request.POST if request.method == "POST" else None  # an empty POST is checked too
    form = AccountSettingsForm(bound, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your settings are saved."))
        language = request.user.preferred_language
        response = HttpResponseRedirect(localized(reverse("accounts:settings"), language))
        return remember_language(response, language)
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "accounts/settings.html", {"form": form}, status=status)


# ---------------------------------------------------------------------------
# The signed-in person's organization and team
# ---------------------------------------------------------------------------
@require_safe
@organization_member_required()
def organization_detail(request, membership):
    organization = membership.organization
    context = {
        "membership": membership,
        "organization": organization,
        "members": selectors.team_members(organization),
        "invitations": selectors.open_invitations(organization),
        "can_manage_team": can_manage_team(membership),
        "invitation_form": InvitationForm(initial={"language": request.user.preferred_language}),
    }
    return TemplateResponse(request, "accounts/organization.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@organization_member_required(owner_only=True)
def organization_edit(request, membership):
    organization = membership.organization
    form = OrganizationProfileForm(
        request.POST if request.method == "POST" else None, instance=organization
    )
    if request.method == "POST" and form.is_valid():
        services.update_organization_profile(
            organization=organization,
            website=form.cleaned_data["website"],
            logo_url=form.cleaned_data["logo_url"],
            description=form.cleaned_data["description"],
            city=form.cleaned_data["city"],
        )
        messages.success(request, _("Your organization's profile is saved."))
        return redirect("accounts:organization")
    return TemplateResponse(
        request,
        "accounts/organization_edit.html",
        {"form": form, "organization": organization},
    )


@require_POST
@organization_member_required(owner_only=True)
def invitation_create(request, membership):
    organization = membership.organization
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.invite_teammate(
                organization=organization,
                invited_by=request.user,
                email=form.cleaned_data["email"],
                language=form.cleaned_data["language"],
            )
        except ValidationError as exc:
            form.add_error("email", first_error(exc))
        else:
            messages.success(
                request, _("We emailed an invitation to %(email)s.") % {"email": invitation.email}
            )
            return redirect("accounts:organization")
    context = {
        "membership": membership,
        "organization": organization,
        "members": selectors.team_members(organization),
        "invitations": selectors.open_invitations(organization),
        "can_manage_team": True,
        "invitation_form": form,
    }
    return TemplateResponse(request, "accounts/organization.html", context, status=400)


@require_POST
@organization_member_required(owner_only=True)
def invitation_revoke(request, pk, membership):
    invitation = get_object_or_404(
        Invitation, pk=pk, organization=membership.organization, accepted_at__isnull=True
    )
    services.revoke_invitation(invitation=invitation)
    messages.success(
        request, _("The invitation to %(email)s is cancelled.") % {"email": invitation.email}
    )
    return redirect("accounts:organization")


@require_POST
@organization_member_required(owner_only=True)
def member_make_owner(request, pk, membership):
    teammate = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, organization=membership.organization
    )
    try:
        services.make_owner(membership=teammate, by=request.user)
    except ValidationError as exc:
        messages.error(request, first_error(exc))
    else:
        messages.success(
            request,
            _("%(name)s is now an owner of %(organization)s.")
            % {"name": teammate.user.display_name, "organization": membership.organization.name},
        )
    return redirect("accounts:organization")


@require_http_methods(["GET", "HEAD", "POST"])
@organization_member_required()
def organization_leave(request, membership):
    organization = membership.organization
    problem = services.last_owner_problem(request.user)
    if organization.kind == Organization.Kind.BOARD:
        problem = _("The board's team is managed by an administrator.")
    if problem:
        return TemplateResponse(
            request,
            "accounts/organization_leave.html",
            {"organization": organization, "blocked": problem},
            status=400 if request.method == "POST" else 200,
        )
    asking = ask_first(
        request,
        "accounts/organization_leave.html",
        {"organization": organization},
        refused=_("Nothing changed: press “Yes, leave the organization” to leave it."),
    )
    if asking is not None:
        return asking
    try:
        services.leave_organization(user=request.user)
    except ValidationError as exc:
        return TemplateResponse(
            request,
            "accounts/organization_leave.html",
            {"organization": organization, "blocked": first_error(exc)},
            status=400,
        )
    messages.success(
        request,
        _(
            "You left %(organization)s. Your account is now a personal one: you can look for "
            "jobs and trainings, or be invited by another organization."
        )
        % {"organization": organization.name},
    )
    return redirect("dashboard")


@require_http_methods(["GET", "HEAD", "POST"])
def invitation_accept(request, token):
    """The link in an invitation email. Anyone holding the link may open it."""
    invitation = get_object_or_404(
        Invitation.objects.select_related("organization", "invited_by"), token=token
    )
    if not request.user.is_authenticated:
        if invitation.is_open:
            # Holding the emailed link proves the address: allauth then skips verification.
            request.session[INVITATION_SESSION_KEY] = invitation.token
            get_adapter().stash_verified_email(request, invitation.email)
        return TemplateResponse(
            request, "accounts/invitation.html", {"invitation": invitation, "problem": None}
        )

    problem = services.invitation_problem(invitation=invitation, user=request.user)
    if request.method == "POST":
        try:
            services.accept_invitation(invitation=invitation, user=request.user)
        except ValidationError as exc:
            problem = first_error(exc)
        else:
            messages.success(
                request,
                _("Welcome to %(organization)s's team.")
                % {"organization": invitation.organization.name},
            )
            return redirect("dashboard")
    return TemplateResponse(
        request,
        "accounts/invitation.html",
        {"invitation": invitation, "problem": problem},
        status=400 if (problem and request.method == "POST") else 200,
    )


# ---------------------------------------------------------------------------
# Public directory of approved organizations
# ---------------------------------------------------------------------------
@require_safe
def organization_directory(request):
    organizations = Organization.objects.public().order_by("kind", "name")
    groups = [
        (label, [o for o in organizations if o.kind == kind])
        for kind, label in Organization.Kind.choices
        if kind != Organization.Kind.BOARD
    ]
    return TemplateResponse(request, "accounts/directory.html", {"groups": groups})


@require_safe
def organization_public(request, slug):
    organization = get_object_or_404(Organization.objects.public(), slug=slug)
    # What search results and shared links say about it.
    summary = organization.description or _(
        "%(kind)s in %(city)s, taking part in Reboot El Paso."
    ) % {"kind": organization.get_kind_display(), "city": organization.city}
    return TemplateResponse(
        request,
        "accounts/organization_public.html",
        {"organization": organization, "summary": summary},
    )


# ---------------------------------------------------------------------------
# Staff: the approval queue
# ---------------------------------------------------------------------------
STATUS_FILTERS = [s for s, _label in Organization.Status.choices]


@require_safe
@staff_required
def review_queue(request):
    status = request.GET.get("status", Organization.Status.PENDING)
    if status not in STATUS_FILTERS:
        status = Organization.Status.PENDING
    organizations = (
        Organization.objects.exclude(kind=Organization.Kind.BOARD)
        .filter(status=status)
        .annotate(member_count=Count("memberships"))
        .order_by("created_at")
    )
    counts = Organization.objects.exclude(kind=Organization.Kind.BOARD).aggregate(
        **{s: Count("pk", filter=Q(status=s)) for s in STATUS_FILTERS}
    )
    tabs = [(s, label, counts[s]) for s, label in Organization.Status.choices]
    return TemplateResponse(
        request,
        "accounts/staff/queue.html",
        {"organizations": organizations, "status": status, "tabs": tabs},
    )


def _review_context(organization, reject_form=None):
    return {
        "organization": organization,
        "owners": selectors.team_members(organization),
        "reject_form": reject_form or RejectOrganizationForm(),
    }


def _refused_decision(request, organization, exc, reject_form=None):
    """A decision the service refused, on the review page again (nothing changed): 409 when
    someone has already decided (the page shows the status they chose), 400 otherwise."""
    if getattr(exc, "code", None) == "already_decided":
        organization.refresh_from_db()
        message = _(
            "%(organization)s has already been decided: it is now “%(status)s”. Nothing was "
            "changed."
        ) % {"organization": organization.name, "status": organization.get_status_display()}
        status = 409
    else:
        message, status = first_error(exc), 400
    messages.error(request, message)
    return TemplateResponse(
        request,
        "accounts/staff/review.html",
        _review_context(organization, reject_form),
        status=status,
    )


@require_safe
@staff_required
def review_detail(request, pk):
    organization = get_object_or_404(Organization.objects.exclude(kind="board"), pk=pk)
    return TemplateResponse(request, "accounts/staff/review.html", _review_context(organization))


@require_POST
@staff_required
@fresh_mfa_required
def review_approve(request, pk):
    organization = get_object_or_404(Organization.objects.exclude(kind="board"), pk=pk)
    try:
        services.approve_organization(organization=organization, reviewer=request.user)
    except ValidationError as exc:
        return _refused_decision(request, organization, exc)
    messages.success(
        request,
        _("%(organization)s is approved. We emailed its owner.")
        % {"organization": organization.name},
    )
    return redirect("accounts:queue")


@require_POST
@staff_required
@fresh_mfa_required
def review_reject(request, pk):
    organization = get_object_or_404(Organization.objects.exclude(kind="board"), pk=pk)
    form = RejectOrganizationForm(request.POST)
    if form.is_valid():
        try:
            services.reject_organization(
                organization=organization,
                reviewer=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            if getattr(exc, "code", None) == "already_decided":
                return _refused_decision(request, organization, exc, form)
            form.add_error("reason", first_error(exc))
        else:
            messages.success(
                request,
                _("%(organization)s is not approved. We emailed its owner the reason.")
                % {"organization": organization.name},
            )
            return redirect("accounts:queue")
    return TemplateResponse(
        request, "accounts/staff/review.html", _review_context(organization, form), status=400
    )
