from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
]

# The staff's email delivery pages keep their names in the "notifications" namespace (they
# are about the outbox); techhire/urls.py adds them to it, since notifications may not import
# the roles that guard them.
delivery_urlpatterns = [
    path("staff/notifications/", views.delivery_health, name="health"),
    path("staff/notifications/<int:pk>/retry/", views.retry, name="retry"),
    path("staff/notifications/retry-failed/", views.retry_all, name="retry_all"),
]
