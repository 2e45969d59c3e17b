"""Seekers with chosen skills, for the matching tests."""

from apps.seekers.models import SeekerProfile, SeekerSkill
from apps.skills.models import Occupation, Skill
from tests.factories import UserFactory


def skills(*slugs) -> list[Skill]:
    rows = {s.slug: s for s in Skill.objects.filter(slug__in=slugs)}
    return [rows[slug] for slug in slugs]


def seeker_with(
    have=(), verified=(), *, targets=(), discoverable=True, availability=(), **user_fields
):
    user = UserFactory(**user_fields)
    profile = SeekerProfile.objects.create(
        user=user, discoverable=discoverable, headline="Help desk tech", availability=availability
    )
    for skill in skills(*have):
        SeekerSkill.objects.create(profile=profile, skill=skill, verified=skill.slug in verified)
    if targets:
        profile.target_occupations.set(Occupation.objects.filter(soc_code__in=targets))
    return profile
