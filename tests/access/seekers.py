from apps.skills.models import Skill

from .rules import Rule, roles

SEEKER = "seeker"

# Everything here is the signed-in seeker's own; other seekers' rows answer 404
# (tests/seekers/test_skill_picker.py, test_resume_views.py).
RULES = {
    "seekers:profile": roles(SEEKER),
    "seekers:step": roles(SEEKER, kwargs="profile_step"),
    "seekers:skill_search": roles(SEEKER),
    "seekers:skill_add": roles(SEEKER, methods=("POST",)),
    "seekers:skill_remove": roles(SEEKER, methods=("POST",), kwargs="any_skill"),
    "seekers:resume": roles(SEEKER),
    "seekers:resume_download": roles(
        SEEKER,
        check=False,
        notes="404 until the seeker uploads one; every role is checked with a real file in "
        "tests/seekers/test_resume_views.py and test_access.py",
    ),
    "seekers:resume_delete": roles(SEEKER, methods=("POST",)),
    "seekers:demographics": roles(SEEKER),
}

assert all(isinstance(rule, Rule) for rule in RULES.values())


def samples(personas):
    return {
        "profile_step": {"step": "about"},
        "any_skill": {"skill_id": Skill.objects.order_by("pk").values_list("pk", flat=True)[0]},
    }
