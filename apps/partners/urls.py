from django.urls import path

from .views import dashboard, events, imports, referrals

app_name = "partners"

urlpatterns = [
    path("partner/", dashboard.dashboard, name="dashboard"),
    path("partner/export.csv", dashboard.export, name="export"),
    path("partner/referrals/", referrals.referral_list, name="referrals"),
    path("partner/referrals/new/", referrals.refer, name="refer"),
    path("partner/referrals/<int:pk>/", referrals.referral_detail, name="referral"),
    path("partner/imports/new/", imports.upload, name="import_upload"),
    path("partner/imports/template.csv", imports.template, name="import_template"),
    path("partner/imports/<int:pk>/", imports.detail, name="import"),
    path("partner/imports/<int:pk>/confirm/", imports.confirm, name="import_confirm"),
    path("referred/<str:token>/", referrals.landing, name="referral_landing"),
    path("my/referrals/", referrals.my_referrals, name="mine"),
    path("my/referrals/<int:pk>/consent/", referrals.consent, name="consent"),
    path("events/", events.event_list, name="events"),
    path("events/<int:pk>/", events.event_detail, name="event"),
    path("events/<int:pk>/rsvp/", events.rsvp, name="rsvp"),
    path("events/<int:pk>/cancel/", events.cancel, name="rsvp_cancel"),
    path("organizer/events/", events.organizer_list, name="organizer_events"),
    path("organizer/events/new/", events.event_create, name="event_create"),
    path("organizer/events/<int:pk>/edit/", events.event_edit, name="event_edit"),
    path("organizer/events/<int:pk>/rsvps/", events.event_rsvps, name="event_rsvps"),
    path("organizer/events/<int:pk>/rsvps.csv", events.event_rsvps_csv, name="event_rsvps_csv"),
    path("staff/events/", events.queue, name="event_queue"),
    path("staff/events/<int:pk>/review/", events.review, name="event_review"),
]

# Without a language prefix (techhire/urls.py): calendar apps keep subscribed addresses and
# downloaded files keep theirs.
fixed_urlpatterns = [
    path("events/feed.ics", events.feed, name="events_feed"),
    path("events/<int:pk>/event.ics", events.event_ics, name="event_ics"),
]
