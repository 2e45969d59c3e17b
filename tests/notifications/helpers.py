from apps.notifications.services import notify

INVITATION = {
    "inviter_name": "Dan Ortiz",
    "organization_name": "Sun City Software",
    "url": "/invitations/abc/",
    "expires_on": "2026-12-10",
}
APPROVED = {"organization_name": "Desert Data", "url": "/dashboard/"}

# A context for every kind, as its callers give it.
CONTEXTS = {
    "organization_approved": APPROVED,
    "organization_rejected": {
        **APPROVED,
        "reason": "Not a tech employer.",
        "url": "/organization/",
    },
    "invitation": INVITATION,
    "enrollment_received": {
        "program_title": "Python Evenings",
        "start_date": "2027-01-11",
        "seeker_name": "Lupe García",
        "url": "/provider/cohorts/1/roster/",
    },
    "enrollment_status": {
        "program_title": "Python Evenings",
        "start_date": "2027-01-11",
        "status": "completed",
        "credential_earned": True,
        "note": "Bring your laptop.",
        "url": "/my/trainings/",
    },
    "class_rescheduled": {
        "program_title": "Python Evenings",
        "old_start_date": "2027-01-11",
        "start_date": "2027-01-25",
        "end_date": "2027-03-12",
        "location": "Online",
        "url": "/my/trainings/",
    },
    "application_received": {
        "job_title": "Help Desk Technician",
        "seeker_name": "Lupe García",
        "url": "/employer/jobs/1/applicants/",
    },
    "application_status": {
        "job_title": "Help Desk Technician",
        "employer_name": "Sun City Software",
        "status": "interview",
        "url": "/my/applications/",
    },
    "application_withdrawn": {
        "job_title": "Help Desk Technician",
        "seeker_name": "Lupe García",
        "url": "/employer/jobs/1/applicants/",
    },
    "job_published": {"job_title": "Help Desk Technician", "url": "/employer/jobs/1/"},
    "job_sent_back": {
        "job_title": "Help Desk Technician",
        "note": "Add the pay range.",
        "url": "/employer/jobs/1/",
    },
    "hire_verified": {"person_name": "Lupe García", "url": "/employer/hires/"},
    "hire_rejected": {
        "person_name": "Lupe García",
        "reason": "The start date is before the job was posted.",
        "url": "/employer/hires/",
    },
    "hire_reminder": {"count": 3, "url": "/employer/hires/"},
    "hires_waiting": {"count": 5, "url": "/staff/hires/"},
    "job_match": {
        "job_title": "Help Desk Technician",
        "employer_name": "Sun City Software",
        "url": "/jobs/help-desk-technician/",
        "have": 2,
        "total": 3,
        "missing": [{"en": "Linux", "es": "Linux"}],
    },
    "job_alert": {
        "job_title": "Help Desk Technician",
        "employer_name": "Sun City Software",
        "url": "/jobs/help-desk-technician/",
        "search_url": "https://portal.example/jobs/?q=help",
        "stop_url": "https://portal.example/my/job-alerts/stop/abc/",
    },
    "training_match": {
        "program_title": "IT Support Bootcamp",
        "provider_name": "Borderland College",
        "start_date": "2027-01-11",
        "url": "/trainings/it-support/",
        "skills": [{"en": "Networking", "es": "Redes"}],
    },
    "job_invitation": {
        "job_title": "Help Desk Technician",
        "employer_name": "Sun City Software",
        "url": "/jobs/help-desk-technician/",
        "have": 3,
        "total": 3,
        "missing": [],
    },
    "referral_invitation": {
        "person_name": "Lupe García",
        "referrer_name": "Ana Ruiz",
        "partner_name": "Progress 321",
        "note": "Le va a gustar el programa.",
        "program_title": "Python Evenings",
        "job_title": "",
        "url": "/referred/abc/",
    },
    "event_reminder": {
        "event_title": "Hiring fair",
        "host_name": "City of El Paso",
        "starts_at": "2027-01-11T10:00:00-07:00",
        "place": "Convention Center",
        "online_url": "",
        "url": "/events/1/",
    },
    "event_seat": {
        "event_title": "Hiring fair",
        "host_name": "City of El Paso",
        "starts_at": "2027-01-11T10:00:00-07:00",
        "place": "Convention Center",
        "online_url": "",
        "url": "/events/1/",
    },
}


def approved(user, key="k1", **kw):
    return notify(
        recipient=user, kind="organization_approved", context=APPROVED, dedupe_key=key, **kw
    )


def invitation(address="new@people.example", key="inv-1", language="en"):
    return notify(
        email=address, language=language, kind="invitation", context=INVITATION, dedupe_key=key
    )
