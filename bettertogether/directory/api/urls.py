"""/api/hsds/ — the HSDS 3.0 API, paths exactly as the official openapi.json (no trailing slashes)."""

from django.urls import path, re_path

from . import profile, views

app_name = "hsds"

urlpatterns = [
    path("", views.RootView.as_view(), name="root"),
    path("services", views.ServiceListView.as_view(), name="services"),
    path("services/<str:pk>", views.ServiceDetailView.as_view(), name="service"),
    path("organizations", views.OrganizationListView.as_view(), name="organizations"),
    path("organizations/<str:pk>", views.OrganizationDetailView.as_view(), name="organization"),
    path("service_at_locations", views.ServiceAtLocationListView.as_view(), name="service_at_locations"),
    path("service_at_locations/<str:pk>", views.ServiceAtLocationDetailView.as_view(), name="service_at_location"),
    path("taxonomies", views.TaxonomyListView.as_view(), name="taxonomies"),
    path("taxonomies/<str:pk>", views.TaxonomyDetailView.as_view(), name="taxonomy"),
    path("taxonomy_terms", views.TaxonomyTermListView.as_view(), name="taxonomy_terms"),
    path("taxonomy_terms/<str:pk>", views.TaxonomyTermDetailView.as_view(), name="taxonomy_term"),
    path("profile", profile.ProfileView.as_view(), name="profile"),
    re_path(r"^(?P<rest>.*)$", views.NotFoundView.as_view(), name="not_found"),
]
