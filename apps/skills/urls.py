from django.urls import path

from . import views

app_name = "skills"
urlpatterns = [
    path("skills/options/", views.skill_options, name="options"),
]
