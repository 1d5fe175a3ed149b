from django.urls import path

from . import views, views_manage, views_resources, views_resources_manage

app_name = "outreach"

# Language-prefixed pages (included inside i18n_patterns).
urlpatterns = [
    path("events/", views.event_list, name="events"),
    path("events/past/", views.event_list, {"past": True}, name="events_past"),
    path("events/<uuid:pk>/", views.event_detail, name="event"),
    path("events/<uuid:pk>/calendar.ics", views.event_ics, name="event_ics"),
    path("events/<uuid:pk>/register/", views.register, name="register"),
    path("events/cancel/<str:token>/", views.cancel, name="cancel"),
    path("events/manage/", views_manage.manage_list, name="manage"),
    path("events/manage/new/", views_manage.manage_edit, name="manage_new"),
    path("events/manage/<uuid:pk>/", views_manage.manage_edit, name="manage_edit"),
    path("events/manage/<uuid:pk>/attendance/", views_manage.attendance, name="attendance"),
    path("resources/", views_resources.resource_list, name="resources"),
    path("resources/files/<uuid:pk>/", views_resources.resource_file, name="resource_file"),
    path("resources/manage/", views_resources_manage.resource_manage_list, name="resource_manage"),
    path("resources/manage/new/", views_resources_manage.resource_manage_edit, name="resource_manage_new"),
    path("resources/manage/<uuid:pk>/", views_resources_manage.resource_manage_edit, name="resource_manage_edit"),
]

# Calendar feeds, without a language prefix (content language from ?lang= or Accept-Language).
feed_urlpatterns = [
    path("events.ics", views.feed, name="feed"),
    path("events/<uuid:org_id>.ics", views.organization_feed, name="organization_feed"),
]
