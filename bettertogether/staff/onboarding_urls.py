"""URLs of onboarding: organizations, services and staff accounts, without the admin."""

from django.urls import URLPattern, path

from . import onboarding_views as views

urlpatterns: list[URLPattern] = [
    path("people/", views.people, name="people"),
    path("people/invite/", views.invite, name="invite"),
    path("people/<int:pk>/", views.person, name="person"),
    path("people/invitations/<uuid:pk>/withdraw/", views.invitation_revoke, name="invitation-revoke"),
    path("organizations/", views.organizations, name="organizations"),
    path("organizations/new/", views.organization_new, name="organization-new"),
    path("organizations/<uuid:pk>/", views.organization_edit, name="organization"),
    path("organizations/<uuid:pk>/services/new/", views.service_new, name="service-new"),
    path("changes/", views.changes, name="changes"),
    # The invitation link: its token is in this one path, which at once sends on to the form.
    path("join/", views.join_form, name="join-form"),
    path("join/<str:token>/", views.join, name="join"),
]
