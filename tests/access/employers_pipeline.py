"""The employer's applicant pipeline and talent search (apps/employers/views/pipeline.py).

Members of an employer organization approved now; other roles get 403, and so does a
pending employer or one whose approval was withdrawn (every page here is `people`): the
approval is checked before the row is looked up. Another approved employer's jobs,
applications, notes and resumes answer 404 (tests/employers/test_pipeline_access.py).
"""

from .rules import roles

EMPLOYER = "employer"
POST = ("POST",)

RULES = {
    "employers:pipeline": roles(EMPLOYER, people=True, kwargs="pipeline_job"),
    "employers:pipeline_csv": roles(EMPLOYER, people=True, kwargs="pipeline_job"),
    "employers:pipeline_bulk": roles(EMPLOYER, people=True, methods=POST, kwargs="pipeline_job"),
    "employers:applicant": roles(EMPLOYER, people=True, kwargs="pipeline_application"),
    "employers:applicant_confirm_hire": roles(
        EMPLOYER,
        people=True,
        kwargs="pipeline_application",
        check=False,
        notes="a submitted applicant can't be marked hired yet: the page redirects (302)",
    ),
    "employers:applicant_move": roles(
        EMPLOYER, people=True, methods=POST, kwargs="pipeline_application"
    ),
    "employers:applicant_note": roles(
        EMPLOYER, people=True, methods=POST, kwargs="pipeline_application"
    ),
    "employers:applicant_resume": roles(
        EMPLOYER,
        people=True,
        kwargs="pipeline_application",
        check=False,
        notes="404 without a resume file: tests/employers/test_pipeline_access.py",
    ),
    # Pending employers get the 403 page saying why (accounts/not_approved.html).
    "employers:talent": roles(EMPLOYER, people=True),
    "employers:talent_profile": roles(EMPLOYER, people=True, kwargs="discoverable_profile"),
}


def samples(personas):
    from tests.factories.pipeline import application, job, profile_for

    application_row = application(
        job(personas.orgs.employer, title="Access Sweep Job"), personas.other_seeker
    )
    profile = profile_for(personas.other_seeker, discoverable=True, skills=["python"])
    return {
        "pipeline_job": {"pk": application_row.job_id},
        "pipeline_application": {"pk": application_row.pk},
        "discoverable_profile": {"pk": profile.pk},
    }
