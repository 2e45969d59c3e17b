"""A job seeker's own data in seekers: the profile, skills, resume and voluntary answers.
Erasure deletes them all, the resume file from storage too (goals has kept, before, the
anonymous facts its numbers need)."""

from apps.core.privacy import Erasure, ExportArchive, PrivacyPart, field_key

from .models import Demographics, Resume, SeekerProfile, SeekerSkill


def export(user, archive: ExportArchive) -> None:
    profile = SeekerProfile.objects.filter(user=user).prefetch_related("target_occupations").first()
    if profile is None:
        archive.section("profile", None)
    else:
        resume = Resume.objects.filter(profile=profile).first()
        archive.section(
            "profile",
            {
                "headline": profile.headline,
                "zip_code": profile.zip_code,
                "work_settings": [member.value for member in profile.work_settings],
                "commute_miles": profile.commute_miles,
                "availability": [member.value for member in profile.availability],
                "target_occupations": [
                    {"soc_code": o.soc_code, "title": o.label}
                    for o in profile.target_occupations.all()
                ],
                "education": profile.education,
                "discoverable_by_employers": profile.discoverable,
                "created_at": profile.created_at,
                "updated_at": profile.updated_at,
                "skills": [
                    {
                        "skill": s.skill.label,
                        "level": s.level,
                        "verified": s.verified,
                        "verified_by": s.verified_by,
                        "verified_at": s.verified_at,
                        "added_at": s.added_at,
                    }
                    for s in SeekerSkill.objects.filter(profile=profile).select_related("skill")
                ],
                "resume": (
                    {
                        "original_name": resume.original_name,
                        "size": resume.size,
                        "uploaded_at": resume.uploaded_at,
                        "file": archive.add_file(
                            folder="resume", name=resume.original_name, field_file=resume.file
                        ),
                    }
                    if resume
                    else None
                ),
            },
        )
    answers = Demographics.objects.filter(user=user).first()
    archive.section(
        "demographics",
        {
            "veteran": answers.veteran,
            "birth_year": answers.birth_year,
            "birth_year_withheld": answers.birth_year_withheld,
            "long_term_unemployed": answers.long_term_unemployed,
            "education": answers.education,
            "sex": answers.sex,
            "hispanic_latino": answers.hispanic_latino,
            "race": answers.race,
            "answered_at": answers.created_at,
            "updated_at": answers.updated_at,
        }
        if answers
        else None,
    )


def erase(erasure: Erasure) -> None:
    user = erasure.user
    for resume in Resume.objects.filter(profile__user=user):
        erasure.delete_file(resume.file)
    SeekerProfile.objects.filter(user=user).delete()  # its skills and resume row with it
    Demographics.objects.filter(user=user).delete()


PART = PrivacyPart(
    app="seekers",
    export=export,
    erase=erase,
    fields={
        field_key(SeekerProfile, "user"): "exported with skills and resume; deleted",
        field_key(Demographics, "user"): (
            "exported; deleted (goals keeps, anonymously, the answers its numbers count)"
        ),
    },
    files={field_key(Resume, "file"): "exported; deleted from storage"},
)
