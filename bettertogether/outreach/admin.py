from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .forms import ResourceVersionForm
from .models import Event, Resource, ResourceVersion


@admin.register(Event)
class EventAdmin(TranslationAdmin[Event]):
    list_display = ("title", "kind", "organization", "province", "starts_at", "registered_count", "attended_count")
    list_filter = ("kind", "province", "is_published", "is_cancelled")
    search_fields = ("title", "place_name", "address")
    date_hierarchy = "starts_at"
    readonly_fields = ("registered_count", "waitlisted_count", "attended_count", "attendees_purged_at")
    # Registrations hold personal data: they are managed through the organizer pages, not listed here.


class ResourceVersionInline(admin.TabularInline[ResourceVersion, Resource]):
    model = ResourceVersion
    form = ResourceVersionForm
    extra = 1
    readonly_fields = ("original_name", "content_type", "size")


@admin.register(Resource)
class ResourceAdmin(TranslationAdmin[Resource]):
    list_display = ("title", "kind", "publisher", "provinces", "is_published")
    list_filter = ("kind", "is_published")
    search_fields = ("title", "summary", "publisher")
    filter_horizontal = ("topics",)
    inlines = [ResourceVersionInline]
