"""Jobs (apps/employers/views/jobs/): the public search and job pages, applying and
withdrawing, an employer's own jobs, and staff review.

Employer pages are for members of an employer organization; other roles get 403. Their
job-scoped pages are not swept here: the pending employer (an employer too) answers 404 on
Sun City Software's jobs, which the sweep would read as a failure. Every role and the
other employer are checked on them in tests/employers/test_jobs_access.py.
"""

from .rules import PUBLIC, Rule, roles

EMPLOYER = "employer"
FORM = ("GET", "POST")
SCOPED = "another employer's jobs answer 404: every role is checked in test_jobs_access.py"

RULES = {
    # public
    "employers:search": Rule(PUBLIC),
    "employers:employer_options": Rule(PUBLIC),
    "employers:job": Rule(PUBLIC, kwargs="open_job"),
    "employers:apply": roles("seeker", methods=("POST",), kwargs="open_job"),
    "employers:my_applications": roles("seeker"),
    # GET asks "are you sure?"; the POST from that page (confirm=yes) withdraws.
    "employers:withdraw": roles("seeker", methods=FORM, kwargs="own_application"),
    # the employer's own jobs
    "employers:jobs": roles(EMPLOYER),
    "employers:job_create": roles(EMPLOYER, methods=FORM),
    "employers:job_detail": roles(EMPLOYER, kwargs="own_job", check=False, notes=SCOPED),
    "employers:job_edit": roles(
        EMPLOYER, methods=FORM, kwargs="own_job", check=False, notes=SCOPED
    ),
    "employers:job_submit": roles(
        EMPLOYER, methods=("POST",), kwargs="own_job", check=False, notes=SCOPED
    ),
    # GET asks "are you sure?"; the POST from that page closes the job.
    "employers:job_close": roles(
        EMPLOYER, methods=FORM, kwargs="own_job", check=False, notes=SCOPED
    ),
    # staff review
    "employers:job_queue": roles("staff"),
    "employers:job_review": roles("staff", kwargs="pending_job"),
    "employers:job_approve": roles("staff", methods=("POST",), kwargs="pending_job"),
    "employers:job_send_back": roles("staff", methods=("POST",), kwargs="pending_job"),
}


def samples(personas):
    from tests.factories.employers import ApplicationFactory, JobFactory

    open_job = JobFactory(employer=personas.orgs.employer, title="Help Desk Technician")
    pending_job = JobFactory(employer=personas.orgs.employer, status="pending")
    application = ApplicationFactory(job=open_job, seeker=personas.seeker)
    return {
        "open_job": {"slug": open_job.slug},
        "own_job": {"pk": open_job.pk},
        "pending_job": {"pk": pending_job.pk},
        "own_application": {"pk": application.pk},
    }
