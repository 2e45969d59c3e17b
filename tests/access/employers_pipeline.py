"""The employer's applicant pipeline and talent search (apps/employers/views/pipeline.py).

Members of an employer organization only; other roles get 403. Another employer's jobs,
applications, notes and resumes answer 404 (tests/employers/test_pipeline_access.py). The
pages about one job or application are not swept here: the sweep's pending employer is an
employer too, and their answer for Sun City's rows is 404, checked in that file with every
other role.
"""

from .rules import roles

EMPLOYER = "employer"
POST = ("POST",)
OWN_ROWS = (
    "404 for every employer but the job's own (pending_employer included); every role is "
    "checked in tests/employers/test_pipeline_access.py"
)

RULES = {
    "employers:pipeline": roles(EMPLOYER, kwargs="pipeline_job", check=False, notes=OWN_ROWS),
    "employers:pipeline_csv": roles(EMPLOYER, kwargs="pipeline_job", check=False, notes=OWN_ROWS),
    "employers:pipeline_bulk": roles(EMPLOYER, methods=POST, kwargs="pipeline_job"),
    "employers:applicant": roles(
        EMPLOYER, kwargs="pipeline_application", check=False, notes=OWN_ROWS
    ),
    "employers:applicant_confirm_hire": roles(
        EMPLOYER, kwargs="pipeline_application", check=False, notes=OWN_ROWS
    ),
    "employers:applicant_move": roles(EMPLOYER, methods=POST, kwargs="pipeline_application"),
    "employers:applicant_note": roles(EMPLOYER, methods=POST, kwargs="pipeline_application"),
    "employers:applicant_resume": roles(
        EMPLOYER,
        kwargs="pipeline_application",
        check=False,
        notes="404 without a resume file; " + OWN_ROWS,
    ),
    # Pending employers get 200 with an explanation and no profiles.
    "employers:talent": roles(EMPLOYER),
    "employers:talent_profile": roles(EMPLOYER, kwargs="discoverable_profile"),
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
