from django.urls import path

from . import views

app_name = "seekers"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/step/<slug:step>/", views.step, name="step"),
    path("profile/skills/search/", views.skill_search, name="skill_search"),
    path("profile/skills/add/", views.skill_add, name="skill_add"),
    path("profile/skills/<int:skill_id>/remove/", views.skill_remove, name="skill_remove"),
    path("profile/resume/", views.resume, name="resume"),
    path("profile/resume/download/", views.resume_download, name="resume_download"),
    path("profile/resume/delete/", views.resume_delete, name="resume_delete"),
    path("profile/about-you/", views.demographics, name="demographics"),
]
