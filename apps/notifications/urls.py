from django.urls import path

from . import views

app_name = "notifications"

# The staff's delivery pages (health, retry) are in apps/portal (techhire/urls.py adds them
# to this namespace): they need accounts' staff check, which notifications may not import.

urlpatterns = [
    path("notifications/", views.inbox, name="inbox"),
    path("notifications/<int:pk>/read/", views.mark_read, name="mark_read"),
    path("notifications/<int:pk>/open/", views.open_notification, name="open"),
    path("notifications/read-all/", views.mark_all_read, name="mark_all_read"),
    path("notifications/preferences/", views.preferences, name="preferences"),
]

# Addresses without a language prefix (techhire/urls.py keeps them outside i18n_patterns):
# the one-click unsubscribe link is in every email already sent, and mail providers POST to
# it without following redirects. Its page speaks the language of the browser's cookie.
fixed_urlpatterns = [
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
