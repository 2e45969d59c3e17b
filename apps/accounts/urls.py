from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("accounts/settings/", views.account_settings, name="settings"),
    path("organization/", views.organization_detail, name="organization"),
    path("organization/edit/", views.organization_edit, name="organization_edit"),
    path("organization/invitations/", views.invitation_create, name="invitation_create"),
    path(
        "organization/invitations/<int:pk>/cancel/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "organization/team/<int:pk>/make-owner/",
        views.member_make_owner,
        name="member_make_owner",
    ),
    path("organization/leave/", views.organization_leave, name="organization_leave"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation"),
    path("organizations/", views.organization_directory, name="directory"),
    path("organizations/<slug:slug>/", views.organization_public, name="public"),
    path("staff/organizations/", views.review_queue, name="queue"),
    path("staff/organizations/<int:pk>/", views.review_detail, name="review"),
    path("staff/organizations/<int:pk>/approve/", views.review_approve, name="approve"),
    path("staff/organizations/<int:pk>/reject/", views.review_reject, name="reject"),
]
