from django.urls import path

from . import privacy_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    # A person's own data (privacy_views.py)
    path("accounts/my-data/", privacy_views.my_data, name="privacy_export"),
    path("accounts/my-data/download/", privacy_views.my_data_download, name="privacy_download"),
    path("accounts/delete/", privacy_views.delete_account, name="privacy_delete"),
    # Staff: a person's request, and the audit trail
    path("staff/people/", privacy_views.staff_people, name="staff_people"),
    path("staff/people/<int:pk>/erase/", privacy_views.staff_erase, name="staff_erase"),
    path("staff/audit/", privacy_views.audit_log, name="audit_log"),
    path("staff/audit.csv", privacy_views.audit_csv, name="audit_csv"),
]

# The staff's email delivery pages keep their names in the "notifications" namespace (they
# are about the outbox); techhire/urls.py adds them to it, since notifications may not import
# the roles that guard them.
delivery_urlpatterns = [
    path("staff/notifications/", views.delivery_health, name="health"),
    path("staff/notifications/<int:pk>/retry/", views.retry, name="retry"),
    path("staff/notifications/retry-failed/", views.retry_all, name="retry_all"),
]
