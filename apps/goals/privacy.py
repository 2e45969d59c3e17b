"""What the goal keeps of an erased account: the anonymous facts its numbers read. Runs first
among the erasure's parts (the top layer), while the profile and the answers still exist."""

from apps.accounts.models import Role
from apps.core.privacy import Erasure, ExportArchive, PrivacyPart, field_key
from apps.seekers.models import Demographics

from .models import AnonymousPerson
from .selectors import profile_complete


def export(user, archive: ExportArchive) -> None:
    """Nothing: the goal holds no row about a person with an account (its numbers are
    computed from the other apps' rows, which their own parts export)."""


def erase(erasure: Erasure) -> None:
    user = erasure.user
    answers = Demographics.objects.filter(user=user).first()
    if user.role != Role.SEEKER and answers is None:
        return  # the goal counts seekers only: nothing of this account is in its numbers
    AnonymousPerson.objects.get_or_create(
        user=user,
        defaults={
            "profile_complete": profile_complete(user.pk),
            "veteran": answers.veteran if answers else "",
            "birth_year": answers.birth_year if answers else None,
            "long_term_unemployed": answers.long_term_unemployed if answers else "",
            "education": answers.education if answers else "",
            "sex": answers.sex if answers else "",
            "hispanic_latino": answers.hispanic_latino if answers else "",
        },
    )


PART = PrivacyPart(
    app="goals",
    export=export,
    erase=erase,
    fields={
        field_key(AnonymousPerson, "user"): (
            "written by the erasure: whether the profile was complete and the answers the "
            "focus populations count, without name or contact, so no goal number changes"
        ),
    },
)
