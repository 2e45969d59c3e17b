from django.urls import path

from . import views

app_name = "matching"

urlpatterns = [
    path("jobs/<slug:slug>/match/", views.job_panel, name="job_panel"),
    path("employer/jobs/<int:pk>/talent/", views.talent, name="talent"),
    path("employer/jobs/<int:pk>/talent/<int:profile_pk>/invite/", views.invite, name="invite"),
    path("my/matches/", views.my_matches, name="mine"),
    path("my/invitations/<int:pk>/decline/", views.decline, name="decline"),
    path("my/job-alerts/", views.save_alert, name="save_alert"),
    path("my/job-alerts/<int:pk>/stop/", views.delete_alert, name="delete_alert"),
    path("my/job-alerts/stop/<uuid:token>/", views.stop_alert, name="stop_alert"),
]
