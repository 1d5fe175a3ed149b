"""The resources library: search and filters (language first), and uploaded files served safely."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from bettertogether.core.languages import SPOKEN_LANGUAGES, language_name
from bettertogether.core.provinces import MARITIMES

from .library import ResourceFilters, resource_languages, search_resources, topic_choices
from .models import ResourceKind, ResourceVersion
from .uploads import ALLOWED_EXTENSIONS, clean_filename


@require_GET
def resource_list(request: HttpRequest) -> HttpResponse:
    filters = ResourceFilters.from_query(request.GET.dict())
    page = Paginator(search_resources(filters), 20).get_page(request.GET.get("page"))
    languages = resource_languages()
    if filters.language and filters.language not in languages:
        languages.append(filters.language)
    return render(
        request,
        "outreach/resource_list.html",
        {
            "page": page,
            "filters": filters,
            "languages": [(code, language_name(code)) for code in languages if code in SPOKEN_LANGUAGES],
            "topics": topic_choices(),
            "provinces": [(p.value, p.label) for p in MARITIMES],
            "kinds": ResourceKind.choices,
        },
    )


@require_GET
def resource_file(request: HttpRequest, pk: object) -> HttpResponseBase:
    """Serve an uploaded file: fixed type, no sniffing, sandboxed, downloaded unless it is a PDF."""
    version = get_object_or_404(ResourceVersion.objects.select_related("resource"), pk=pk, resource__is_published=True)
    if not version.file:
        raise Http404
    file_type = next((t for t in ALLOWED_EXTENSIONS.values() if t.content_type == version.content_type), None)
    if file_type is None:
        raise Http404
    try:
        handle = version.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    name = clean_filename(version.original_name or "resource")
    if not name.lower().endswith(file_type.extension):
        name += file_type.extension
    response = FileResponse(
        handle, as_attachment=not file_type.inline, filename=name, content_type=file_type.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Set here so the site-wide policy is not applied: the file runs in a sandbox with no scripts.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'; object-src 'none'"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    # Asked again every time: a replaced or unpublished file must not outlive its withdrawal in a cache.
    response["Cache-Control"] = "no-cache"
    return response
