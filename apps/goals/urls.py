from django.urls import path

from . import views

app_name = "goals"

urlpatterns = [
    # Public
    path("progress/", views.progress, name="progress"),
    # Staff
    path("staff/goal/", views.dashboard, name="dashboard"),
    path("staff/goals/new/", views.goal_create, name="goal_create"),
    path("staff/goals/<int:pk>/", views.dashboard, name="dashboard_for"),
    path("staff/goals/<int:pk>/edit/", views.goal_edit, name="goal_edit"),
    path("staff/goals/<int:pk>/<slug:table>.csv", views.export_csv, name="export"),
]

# Without a language prefix (techhire/urls.py): other sites embed the feed at this address.
fixed_urlpatterns = [
    path("progress.json", views.feed, name="progress_feed"),
]
