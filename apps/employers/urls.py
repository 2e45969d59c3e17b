from django.urls import path

from .views import hires, my_applications, pipeline
from .views.jobs import employer as employer_jobs
from .views.jobs import public as public_jobs
from .views.jobs import seeker as seeker_jobs
from .views.jobs import staff as staff_jobs

app_name = "employers"

urlpatterns = [
    # Public job search and the job page (views/jobs/public.py); applying (views/jobs/seeker.py)
    path("jobs/", public_jobs.search, name="search"),
    path("jobs/employers/", public_jobs.employer_options, name="employer_options"),
    path("jobs/<slug:slug>/", public_jobs.job_page, name="job"),
    path("jobs/<slug:slug>/apply/", seeker_jobs.apply, name="apply"),
    path("my/applications/", my_applications.my_applications, name="my_applications"),
    path("my/applications/<int:pk>/withdraw/", seeker_jobs.withdraw, name="withdraw"),
    # The employer's jobs (views/jobs/employer.py)
    path("employer/jobs/", employer_jobs.job_list, name="jobs"),
    path("employer/jobs/new/", employer_jobs.job_create, name="job_create"),
    path("employer/jobs/<int:pk>/", employer_jobs.job_detail, name="job_detail"),
    path("employer/jobs/<int:pk>/edit/", employer_jobs.job_edit, name="job_edit"),
    path("employer/jobs/<int:pk>/submit/", employer_jobs.job_submit, name="job_submit"),
    path("employer/jobs/<int:pk>/close/", employer_jobs.job_close, name="job_close"),
    # Staff review of jobs (views/jobs/staff.py)
    path("staff/jobs/", staff_jobs.review_queue, name="job_queue"),
    path("staff/jobs/<int:pk>/", staff_jobs.review, name="job_review"),
    path("staff/jobs/<int:pk>/approve/", staff_jobs.review_approve, name="job_approve"),
    path("staff/jobs/<int:pk>/send-back/", staff_jobs.review_send_back, name="job_send_back"),
    # Applicants (views/pipeline.py)
    path("employer/jobs/<int:pk>/applicants/", pipeline.pipeline, name="pipeline"),
    path("employer/jobs/<int:pk>/applicants.csv", pipeline.export_csv, name="pipeline_csv"),
    path("employer/jobs/<int:pk>/applicants/bulk/", pipeline.bulk, name="pipeline_bulk"),
    path("employer/applications/<int:pk>/", pipeline.applicant, name="applicant"),
    path("employer/applications/<int:pk>/move/", pipeline.move, name="applicant_move"),
    path(
        "employer/applications/<int:pk>/mark-hired/",
        pipeline.confirm_hire,
        name="applicant_confirm_hire",
    ),
    path("employer/applications/<int:pk>/notes/", pipeline.note, name="applicant_note"),
    path("employer/applications/<int:pk>/resume/", pipeline.resume, name="applicant_resume"),
    path("employer/talent/", pipeline.talent, name="talent"),
    path("employer/talent/<int:pk>/", pipeline.talent_profile, name="talent_profile"),
    # Pledges and hires (views/hires.py)
    path("employer/pledges/", hires.pledges, name="pledges"),
    path("employer/pledges/new/", hires.pledge_create, name="pledge_create"),
    path("employer/pledges/<int:pk>/edit/", hires.pledge_edit, name="pledge_edit"),
    path("employer/hires/", hires.hire_list, name="hires"),
    path("employer/hires/new/", hires.hire_create, name="hire_create"),
    path("employer/hires/<int:pk>/edit/", hires.hire_edit, name="hire_edit"),
    path("staff/hires/", hires.hire_queue, name="hire_queue"),
    path("staff/hires/<int:pk>/verify/", hires.hire_verify, name="hire_verify"),
    path("staff/hires/<int:pk>/reject/", hires.hire_reject, name="hire_reject"),
]
