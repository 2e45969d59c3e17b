"""Demo data for matching (called by portal's seed_demo): a seeker with sensible matches and
discoverable graduates, so the demo employer has talent to invite."""

from apps.notifications import services as notifications
from apps.notifications.kinds import Category, Frequency
from apps.seekers import services as seekers
from apps.seekers.models import SeekerProfile, SkillLevel
from apps.skills.models import Skill


def prepare(*, seeker, talent) -> None:
    """`seeker`: the demo job seeker (gets help desk, so the help desk job is a good match
    with one skill missing that a class starting soon teaches; and match emails at once
    rather than in the daily digest, so a job published in the demo shows its alert in
    the console). `talent`: users whose profiles employers may find (the demo's IT support
    graduates)."""
    notifications.set_preference(
        user=seeker, category=Category.JOB_MATCHES, frequency=Frequency.INSTANT
    )
    profile = seekers.profile_for(seeker)
    skill = Skill.objects.filter(slug="help-desk").first()
    if skill:
        seekers.add_skill(profile=profile, skill=skill, level=SkillLevel.INTERMEDIATE)
    SeekerProfile.objects.filter(user__in=talent).update(
        discoverable=True, headline="IT support graduate, CompTIA A+"
    )
