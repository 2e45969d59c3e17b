"""The job seeker's own pages: profile (in steps), skills, resume, voluntary demographics.
Every view is for the signed-in seeker and their rows only. Their trainings and job
applications are pages of the apps that own those rows (trainings, employers).
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from apps.core.forms import add_service_errors

from . import selectors, services
from .forms import (
    AboutForm,
    DemographicsForm,
    GoalsForm,
    PreferencesForm,
    ResumeForm,
    SkillAddForm,
    SkillSearchForm,
    VisibilityForm,
    first_error,
)
from .models import SkillLevel
from .permissions import seeker_required
from .selectors import own_resume_or_404, own_skill_or_404

# The profile, built in short steps (slug, title, form; the skills step has its own picker).
STEPS = [
    ("about", gettext_lazy("About you"), AboutForm),
    ("preferences", gettext_lazy("Work preferences"), PreferencesForm),
    ("goals", gettext_lazy("Jobs you want"), GoalsForm),
    ("skills", gettext_lazy("Skills"), None),
    ("visibility", gettext_lazy("Education and visibility"), VisibilityForm),
]
STEP_SLUGS = [slug for slug, _title, _form in STEPS]


def _bound(request):
    """POST data for a POST (even an empty one: unchecked boxes send nothing), else None."""
    return request.POST if request.method == "POST" else None


def _step_nav(current: str) -> dict:
    index = STEP_SLUGS.index(current)
    steps = [
        {
            "slug": slug,
            "title": title,
            "state": "complete" if i < index else ("current" if i == index else ""),
        }
        for i, (slug, title, _form) in enumerate(STEPS)
    ]
    previous = STEP_SLUGS[index - 1] if index else None
    following = STEP_SLUGS[index + 1] if index + 1 < len(STEPS) else None
    return {
        "step": current,
        "step_title": STEPS[index][1],
        "steps": steps,
        "step_number": index + 1,
        "step_total": len(STEPS),
        "back_url": (
            reverse("seekers:step", kwargs={"step": previous})
            if previous
            else reverse("seekers:profile")
        ),
        "next_url": (
            reverse("seekers:step", kwargs={"step": following})
            if following
            else reverse("seekers:profile")
        ),
        "is_last": following is None,
    }


# ---------------------------------------------------------------------------
# Profile overview and steps
# ---------------------------------------------------------------------------
@require_safe
@seeker_required
def profile(request):
    services.profile_for(request.user)
    seeker_profile = selectors.profile_with_skills(request.user)
    context = {
        "profile": seeker_profile,
        "completeness": selectors.completeness(seeker_profile),
        "skills": list(seeker_profile.skills.all()),
        "occupations": list(seeker_profile.target_occupations.all()),
        "resume": getattr(seeker_profile, "resume", None),
        "has_demographics": selectors.demographics_of(request.user) is not None,
    }
    return TemplateResponse(request, "seekers/profile.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@seeker_required
def step(request, step):
    if step not in STEP_SLUGS:
        raise Http404
    seeker_profile = services.profile_for(request.user)
    nav = _step_nav(step)
    if step == "skills":
        if request.method == "POST":  # nothing to save: skills are added one by one
            return redirect(nav["next_url"])
        return _skills_page(request, seeker_profile, q=request.GET.get("q", ""))

    form_class = {slug: form for slug, _title, form in STEPS}[step]
    form = form_class(_bound(request), instance=seeker_profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(profile=seeker_profile, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if nav["is_last"]:
                messages.success(request, _("Your profile is saved."))
            return redirect(nav["next_url"])
    return TemplateResponse(
        request,
        "seekers/step.html",
        {"form": form, **nav},
    )


# ---------------------------------------------------------------------------
# Skill picker: search (GET), add (POST), remove (POST); htmx gets partials
# ---------------------------------------------------------------------------
def _skills_context(profile, q: str = "", **extra) -> dict:
    form = SkillSearchForm({"q": q})
    query = form.cleaned_data["q"] if form.is_valid() else ""
    mine = list(selectors.current_skills(profile))
    results = selectors.skill_matches(query) if query else []
    have = {s.skill_id: s for s in mine}
    for skill in results:
        skill.mine = have.get(skill.pk)
    return {
        "search_form": form,
        "q": query,
        "results": results,
        "my_skills": mine,
        "levels": SkillLevel.choices,
        **extra,
    }


def _skills_page(request, profile, q: str = "", status: int = 200, **extra):
    context = {**_step_nav("skills"), **_skills_context(profile, q, **extra)}
    return TemplateResponse(request, "seekers/step.html", context, status=status)


def _my_skills_partial(request, profile, *, q: str = "", status: int = 200, **extra):
    """The "Your skills" list for htmx, with its message for the live region (out of band)."""
    response = TemplateResponse(
        request,
        "seekers/_my_skills.html",
        {**_skills_context(profile, q), "oob_status": True, **extra},
        status=status,
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


def _back_to_skills(q: str):
    url = reverse("seekers:step", kwargs={"step": "skills"})
    return redirect(f"{url}?{urlencode({'q': q})}" if q else url)


@require_safe
@seeker_required
def skill_search(request):
    seeker_profile = services.profile_for(request.user)
    q = request.GET.get("q", "")
    if request.htmx:
        response = TemplateResponse(
            request, "seekers/_skill_results.html", _skills_context(seeker_profile, q)
        )
    else:
        response = _skills_page(request, seeker_profile, q=q)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_POST
@seeker_required
def skill_add(request):
    seeker_profile = services.profile_for(request.user)
    q = request.POST.get("q", "")
    form = SkillAddForm(request.POST)
    error = None
    if form.is_valid():
        skill, level = form.cleaned_data["skill"], form.cleaned_data["level"]
        try:
            services.add_skill(profile=seeker_profile, skill=skill, level=level)
        except ValidationError as exc:
            error = first_error(exc)
    else:
        error = next(iter(form.errors.values()))[0]
    if error:
        if request.htmx:
            return _my_skills_partial(request, seeker_profile, status=400, q=q, error=error)
        return _skills_page(request, seeker_profile, q=q, status=400, error=error)

    message = _("%(skill)s is on your profile, level: %(level)s.") % {
        "skill": skill.label,
        "level": SkillLevel(level).label,
    }
    if request.htmx:
        return _my_skills_partial(request, seeker_profile, q=q, status_message=message)
    messages.success(request, message)
    return _back_to_skills(q)


@require_POST
@seeker_required
def skill_remove(request, skill_id):
    seeker_profile = services.profile_for(request.user)
    seeker_skill = own_skill_or_404(seeker_profile, skill_id)
    q = request.POST.get("q", "")
    try:
        services.remove_skill(profile=seeker_profile, skill_id=seeker_skill.skill_id)
    except ValidationError as exc:
        if request.htmx:
            return _my_skills_partial(
                request, seeker_profile, status=400, q=q, error=first_error(exc)
            )
        return _skills_page(request, seeker_profile, q=q, status=400, error=first_error(exc))
    message = _("%(skill)s is removed from your profile.") % {"skill": seeker_skill.skill.label}
    if request.htmx:
        return _my_skills_partial(request, seeker_profile, q=q, status_message=message)
    messages.success(request, message)
    return _back_to_skills(q)


# ---------------------------------------------------------------------------
# Resume (PDF, private)
# ---------------------------------------------------------------------------
@require_http_methods(["GET", "HEAD", "POST"])
@seeker_required
def resume(request):
    seeker_profile = services.profile_for(request.user)
    form = ResumeForm(_bound(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_resume(profile=seeker_profile, upload=form.cleaned_data["file"])
        except ValidationError as exc:
            form.add_error("file", first_error(exc))
        else:
            messages.success(request, _("Your resume is saved."))
            return redirect("seekers:resume")
    return TemplateResponse(
        request,
        "seekers/resume.html",
        {"form": form, "resume": selectors.resume_of(seeker_profile)},
    )


@require_safe
@seeker_required
def resume_download(request):
    current = own_resume_or_404(request.user)
    try:
        handle = current.file.storage.open(current.file.name, "rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    filename = current.original_name
    if not filename.lower().endswith(".pdf"):
        filename += ".pdf"
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type="application/pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@seeker_required
def resume_delete(request):
    seeker_profile = services.profile_for(request.user)
    if services.delete_resume(profile=seeker_profile):
        messages.success(request, _("Your resume is deleted."))
    else:
        messages.info(request, _("You have no resume on the portal."))
    return redirect("seekers:resume")


# ---------------------------------------------------------------------------
# Demographics (voluntary, reporting only)
# ---------------------------------------------------------------------------
@require_http_methods(["GET", "HEAD", "POST"])
@seeker_required
def demographics(request):
    if request.method == "POST" and "delete" in request.POST:
        services.clear_demographics(user=request.user)
        messages.success(request, _("Your answers are deleted."))
        return redirect("seekers:demographics")
    current = selectors.demographics_of(request.user)
    form = DemographicsForm(_bound(request), initial=DemographicsForm.initial_from(current))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_demographics(user=request.user, fields=form.service_fields())
        except ValidationError as exc:
            form.add_error(None, first_error(exc))
        else:
            messages.success(request, _("Thank you. Your answers are saved."))
            return redirect("seekers:profile")
    return TemplateResponse(
        request,
        "seekers/demographics.html",
        {"form": form, "answered": current is not None},
    )
