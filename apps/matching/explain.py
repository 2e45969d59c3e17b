"""Match reasons in the person's language (the active one: wrap calls in translation.override)."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .scoring import Band, JobMatch


def band_label(band: str) -> str:
    return {
        Band.STRONG: _("Strong match"),
        Band.GOOD: _("Good match"),
        Band.POSSIBLE: _("Possible match"),
    }.get(band, _("Not a match yet"))


def join_labels(labels: list) -> str:
    return ", ".join(str(label) for label in labels)


def job_reasons(match: JobMatch, *, labels: dict, trainings_teaching_missing: int) -> str:
    """ "You have 7 of 9 required skills. Missing: SQL, Linux — taught in 2 trainings starting
    soon." `labels` maps a skill id to its label in the active language;
    `trainings_teaching_missing`: how many programs starting soon teach a missing skill.

    Each sentence is plural in one number only (ngettext takes one), so no sentence says
    "1 training … teach them": the missing sentence agrees with the number of skills, the
    trainings are a phrase of their own agreeing with theirs."""
    total = len(match.matched_required) + len(match.missing_required)
    have = len(match.matched_required)
    parts = [
        ngettext(
            "You have %(have)s of %(total)s required skill.",
            "You have %(have)s of %(total)s required skills.",
            total,
        )
        % {"have": number_format(have), "total": number_format(total)}
    ]
    if match.missing_required:
        missing = join_labels(labels[s] for s in match.missing_required)
        count = len(match.missing_required)
        if trainings_teaching_missing:
            trainings = ngettext(
                "%(count)s training starting soon",
                "%(count)s trainings starting soon",
                trainings_teaching_missing,
            ) % {"count": number_format(trainings_teaching_missing)}
            parts.append(
                ngettext(
                    "Missing: %(skills)s — taught in %(trainings)s.",
                    "Missing: %(skills)s — taught in %(trainings)s.",
                    count,
                )
                % {"skills": missing, "trainings": trainings}
            )
        else:
            parts.append(
                ngettext("Missing: %(skills)s.", "Missing: %(skills)s.", count)
                % {"skills": missing}
            )
    if match.matched_preferred:
        parts.append(
            _("You also have: %(skills)s.")
            % {"skills": join_labels(labels[s] for s in match.matched_preferred)}
        )
    if match.occupation_fits:
        parts.append(_("It is the kind of job you want."))
    return " ".join(parts)


def program_reasons(closes: list) -> str:
    """closes: labels of the gap skills a program teaches."""
    return ngettext(
        "Teaches %(count)s skill open jobs ask of you: %(skills)s.",
        "Teaches %(count)s skills open jobs ask of you: %(skills)s.",
        len(closes),
    ) % {"count": number_format(len(closes)), "skills": join_labels(closes)}
