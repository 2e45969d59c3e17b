from django.urls import path

from .views import provider, public, seeker

app_name = "trainings"

urlpatterns = [
    # Public catalog and applying (views/public.py)
    path("trainings/", public.catalog, name="catalog"),
    path("trainings/providers/", public.provider_options, name="provider_options"),
    path("trainings/cohorts/<int:pk>/apply/", public.apply, name="apply"),
    path("trainings/<slug:slug>/", public.program, name="program"),
    # The seeker's own trainings (views/seeker.py)
    path("my/trainings/", seeker.my_trainings, name="mine"),
    path("my/trainings/<int:pk>/withdraw/", seeker.withdraw, name="withdraw"),
    # The provider's side (views/provider.py)
    path("provider/programs/", provider.program_list, name="manage"),
    path("provider/programs/new/", provider.program_create, name="program_create"),
    path("provider/programs/<int:pk>/", provider.program_detail, name="program_detail"),
    path("provider/programs/<int:pk>/edit/", provider.program_edit, name="program_edit"),
    path("provider/programs/<int:pk>/status/", provider.program_status, name="program_status"),
    path("provider/programs/<int:pk>/cohorts/new/", provider.cohort_create, name="cohort_create"),
    path("provider/cohorts/<int:pk>/edit/", provider.cohort_edit, name="cohort_edit"),
    path("provider/cohorts/<int:pk>/roster/", provider.roster, name="roster"),
    path(
        "provider/enrollments/<int:pk>/status/",
        provider.enrollment_status,
        name="enrollment_status",
    ),
]
