"""HSDS 3.0 API views: parse parameters, query, map with directory.hsds, wrap in the HSDS page."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ParseError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import BaseParser
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bettertogether.core.batches import batches
from bettertogether.core.geocode import locate
from bettertogether.core.throttling import ClientRateThrottle

from .. import hsds, search_near, version
from ..models import Organization, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
from . import queries
from .pagination import paginate_ids, paginate_queryset
from .params import DEFAULT_PER_PAGE, MAX_PAGE, MAX_PER_PAGE, Params
from .schema import (
    COMMON,
    P_FULL,
    P_FULL_SERVICE,
    P_ID,
    P_LANG,
    P_MINIMAL,
    P_PARENT,
    P_POSTCODE,
    P_PROXIMITY,
    P_TAXONOMY,
    P_TOP_ONLY,
    SERVICE_FILTERS,
    list_responses,
    object_responses,
)

NDJSON = "application/x-ndjson"
# Read-only, public data: any origin may GET it (no credentials are ever used).
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Accept-Language, If-None-Match, If-Modified-Since",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Content-Language",
    "Access-Control-Max-Age": "86400",
}


class JSONOnly(BaseContentNegotiation):
    """Always JSON: HSDS uses `?format=` for json/ndjson, which DRF would otherwise treat as a renderer."""

    def select_parser(self, request: Request, parsers: Iterable[BaseParser]) -> BaseParser | None:
        return next(iter(parsers), None)

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        renderer = next(iter(renderers))
        return renderer, renderer.media_type


class HSDSThrottle(ClientRateThrottle):
    def allow_request(self, request: Request, view: APIView) -> bool:
        if getattr(settings, "REST_FRAMEWORK_THROTTLE_DISABLED", False):
            return True
        return super().allow_request(request, view)


class HSDSView(APIView):
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = JSONOnly
    throttle_classes = [HSDSThrottle]

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        # initial() switches to the content language; restore the caller's on the way out.
        with translation.override(translation.get_language()):
            return super().dispatch(request, *args, **kwargs)

    query: list[OpenApiParameter] | None = None  # the parameters it takes, as /api/schema/ states them

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if self.query is not None:  # an unknown or misspelt parameter is an error, not silently ignored
            known = {p.name for p in self.query if p.location == OpenApiParameter.QUERY}
            unknown = sorted(set(request.query_params) - known)
            if unknown:
                raise ParseError(f"Unknown parameter '{unknown[0][:40]}'.")
            for name, values in request.query_params.lists():
                if len(values) > 1:
                    raise ParseError(f"Parameter '{name}' is given more than once.")
        self.params = Params(request.query_params)
        self.lang = self.params.language(translation.get_language_from_request(request._request))
        translation.activate(self.lang)

    last_modified: Any = None  # a view sets it when it knows when its answer last changed

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(response, Response) and response.status_code == 200 and request.method in ("GET", "HEAD"):
            response = self._conditional(request, response)
        response["Content-Language"] = getattr(self, "lang", settings.LANGUAGE_CODE)
        response.setdefault("Vary", "Accept-Language")
        for header, value in CORS_HEADERS.items():
            response[header] = value
        return response

    def _conditional(self, request: Request, response: Response) -> HttpResponse:
        """ETag (a digest of the body) and Last-Modified, and 304 when the client's copy is current."""
        response.render()
        response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:40]}"'
        timestamp = None
        if self.last_modified is not None:
            timestamp = int(self.last_modified.timestamp())
            response["Last-Modified"] = http_date(timestamp)
        conditional = get_conditional_response(
            request._request, etag=response["ETag"], last_modified=timestamp, response=response
        )
        return conditional if conditional is not None else response

    def options(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        """CORS preflight: the API is read-only, GET from any origin."""
        return Response(status=204)

    # -- shared helpers

    def page_args(self) -> tuple[int, int]:
        page = self.params.integer("page", 1, 1, MAX_PAGE)
        per_page = self.params.integer("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
        return page, per_page

    def listing(
        self,
        queryset: QuerySet[Any],
        render: Callable[[Any], dict[str, Any]],
        ordered_ids: list[Any] | None = None,
    ) -> Any:
        """A page in the HSDS wrapper, or every result as NDJSON when format=ndjson."""
        output = self.params.output_format()
        page, per_page = self.page_args()
        if output == "ndjson":
            items: Iterable[Any]
            if ordered_ids is not None:
                items = (obj for chunk in batches(ordered_ids, 500) for obj in _in_order(queryset, chunk))
            else:
                items = (
                    queryset.iterator(chunk_size=500)
                    if not getattr(queryset, "_prefetch_related_lookups", ())
                    else queryset
                )
            return StreamingHttpResponse(_ndjson(items, render, self.lang), content_type=NDJSON)
        if ordered_ids is not None:
            body = paginate_ids(ordered_ids, page, per_page, lambda ids: _by_id(queryset, ids), render)
        else:
            body = paginate_queryset(queryset, page, per_page, render)
        return Response(body)

    def remembered(self, request: Request, answer: Callable[[], Any]) -> Any:
        """A page of a list, kept in the cache under the directory's version: a repeated query is
        served from the cache, and any directory change gives the next one a fresh answer."""
        if self.params.output_format() == "ndjson":
            return answer()
        parts = (request.path, self.lang, sorted(request.query_params.lists()))
        return Response(version.remember(version.current(), "hsds", parts, lambda: answer().data))

    def service_filters(self) -> queries.ServiceFilters:
        status = self.params.choice("status", tuple(Service.Status.values))
        return queries.ServiceFilters(
            search=self.params.text("search"),
            taxonomy_term_id=self.params.uuid("taxonomy_term_id"),
            taxonomy_id=self.params.uuid("taxonomy_id"),
            organization_id=self.params.uuid("organization_id"),
            modified_after=self.params.datetime("modified_after"),
            language=self.params.code("language"),
            category=self.params.slug("category"),
            status=status,
            lang=self.lang,
        )

    def place(self) -> tuple[tuple[str, ...], tuple[float, float] | None, float | None]:
        """(provinces of the postcode, its centroid, radius km) from postcode + proximity."""
        postcode = self.params.postcode()
        km = self.params.proximity_km()
        if km is not None and not postcode:
            raise ParseError("Parameter 'proximity' needs 'postcode'.")
        if not postcode:
            return (), None, None
        found = locate(postcode)
        if found is None:
            raise ParseError(f"Unknown postcode '{postcode}'.")
        provinces = (found.province,) if found.province else queries.postcode_provinces(postcode)
        return provinces, (found.latitude, found.longitude), km


def _by_id(queryset: QuerySet[Any], ids: Iterable[Any]) -> dict[Any, Any]:
    return {obj.pk: obj for obj in queryset.filter(pk__in=list(ids))}


def _in_order(queryset: QuerySet[Any], ids: list[Any]) -> list[Any]:
    found = _by_id(queryset, ids)
    return [found[i] for i in ids if i in found]


def _ndjson(items: Iterable[Any], render: Callable[[Any], dict[str, Any]], lang: str) -> Iterator[bytes]:
    with translation.override(lang):
        for item in items:
            yield (json.dumps(render(item), ensure_ascii=False) + "\n").encode()


def _get(queryset: QuerySet[Any], pk: str) -> Any:
    """The object with this id, or a JSON 404: a non-UUID can never be one of our ids."""
    try:
        key = uuid.UUID(pk)
    except ValueError:
        raise NotFound(f"No object with id '{pk[:80]}'.") from None
    obj = queryset.filter(pk=key).first()
    if obj is None:
        raise NotFound(f"No object with id '{key}'.")
    return obj


# ------------------------------------------------------------------ endpoints


class RootView(HSDSView):
    query = [P_LANG]

    @extend_schema(
        operation_id="hsds_api_info",
        parameters=query,
        responses=object_responses(),
        tags=["hsds"],
    )
    def get(self, request: Request) -> Response:
        return Response(
            {
                "version": hsds.HSDS_VERSION,
                "profile": request.build_absolute_uri("/api/hsds/profile"),  # our profile (api/profile.py)
                "openapi_url": request.build_absolute_uri("/api/schema/"),
            }
        )


def _service_queryset(full: bool) -> QuerySet[Service]:
    queryset = Service.objects.select_related(*hsds.SERVICE_LIST_RELATED)
    return queryset.prefetch_related(*hsds.SERVICE_FULL_PREFETCH) if full else queryset


class ServiceListView(HSDSView):
    query = [*COMMON, *SERVICE_FILTERS, P_MINIMAL, P_FULL, P_POSTCODE, P_PROXIMITY]

    @extend_schema(
        operation_id="hsds_services",
        parameters=query,
        responses=list_responses(),
        tags=["hsds"],
    )
    def get(self, request: Request) -> Any:
        return self.remembered(request, self.answer)

    def answer(self) -> Any:
        full = self.params.boolean("full")
        minimal = self.params.boolean("minimal")
        filters = self.service_filters()
        provinces, point, km = self.place()
        queryset = queries.covering(queries.filter_services(_service_queryset(full), filters), provinces)
        if minimal:
            render: Callable[[Any], dict[str, Any]] = _minimal_service
        elif full:
            render = hsds.service_full_doc
        else:
            render = lambda s: hsds.service_doc(s, with_organization=True)  # noqa: E731
        if point is not None and km is not None:
            ordered = queries.services_by_distance(queryset, point[0], point[1], km)
            return self.listing(_service_queryset(full), render, ordered)
        return self.listing(queryset.order_by("name", "id"), render)


def _minimal_service(service: Service) -> dict[str, Any]:
    # HSDS says "id and modified date"; its list schema also requires name and status, so they stay.
    doc = hsds.service_doc(service)
    return {k: doc[k] for k in ("id", "name", "status", "last_modified") if k in doc}


class ServiceDetailView(HSDSView):
    query = [P_ID, P_LANG]

    @extend_schema(
        operation_id="hsds_service",
        parameters=query,
        responses=object_responses(),
        tags=["hsds"],
    )
    def get(self, request: Request, pk: str) -> Response:
        service = _get(_service_queryset(full=True), pk)
        self.last_modified = service.updated_at  # HSDS last_modified covers related records too
        return Response(hsds.service_full_doc(service))


def _organization_queryset(full: bool, full_service: bool) -> QuerySet[Organization]:
    queryset = Organization.objects.all()
    if full or full_service:
        queryset = queryset.prefetch_related(
            "phones__languages", *(f"locations__{p}" for p in hsds.LOCATION_FULL_PREFETCH)
        )
    return queryset


def _organization_services(org: Organization, full_service: bool) -> QuerySet[Service]:
    return _service_queryset(full_service).filter(organization=org, status__in=queries.LISTED_STATUSES)


class OrganizationListView(HSDSView):
    query = [*COMMON, P_FULL, P_FULL_SERVICE]

    @extend_schema(
        operation_id="hsds_organizations",
        parameters=query,
        responses=list_responses(),
        tags=["hsds"],
    )
    def get(self, request: Request) -> Any:
        full = self.params.boolean("full")
        full_service = self.params.boolean("full_service")
        queryset = _organization_queryset(full, full_service).order_by("name", "id")
        search = self.params.text("search")
        if search:
            queryset = queryset.filter(
                queries._text_q("", ("name", "description"), search, self.lang) | Q(alternate_name__icontains=search)
            )
        if full or full_service:

            def render(org: Organization) -> dict[str, Any]:
                return hsds.organization_full_doc(org, _organization_services(org, full_service), full_service)
        else:
            render = hsds.organization_doc
        return self.listing(queryset, render)


class OrganizationDetailView(HSDSView):
    query = [P_ID, P_FULL_SERVICE, P_LANG]

    @extend_schema(
        operation_id="hsds_organization",
        parameters=query,
        responses=object_responses(),
        tags=["hsds"],
    )
    def get(self, request: Request, pk: str) -> Response:
        full_service = self.params.boolean("full_service")
        org = _get(_organization_queryset(True, full_service), pk)
        return Response(hsds.organization_full_doc(org, _organization_services(org, full_service), full_service))


def _sal_queryset(full: bool) -> QuerySet[ServiceAtLocation]:
    queryset = ServiceAtLocation.objects.select_related("service__organization", "location")
    if full:
        queryset = queryset.prefetch_related(
            *(f"location__{p}" for p in hsds.LOCATION_FULL_PREFETCH),
            *(f"service__{p}" for p in hsds.SERVICE_FULL_PREFETCH if not p.startswith("service_at_locations")),
        )
    return queryset


class ServiceAtLocationListView(HSDSView):
    query = [*COMMON, *SERVICE_FILTERS, P_FULL, P_POSTCODE, P_PROXIMITY]

    @extend_schema(
        operation_id="hsds_service_at_locations",
        parameters=query,
        responses=list_responses(),
        tags=["hsds"],
    )
    def get(self, request: Request) -> Any:
        return self.remembered(request, self.answer)

    def answer(self) -> Any:
        full = self.params.boolean("full")
        filters = self.service_filters()
        provinces, point, km = self.place()
        unsearched = dataclasses.replace(filters, search="")
        services = queries.covering(queries.filter_services(Service.objects.all(), unsearched), provinces)
        queryset = search_near.pairs_of(services, _sal_queryset(full))
        if filters.search:  # the service's text or the place's name
            matching = queries.filter_services(Service.objects.all(), filters)
            queryset = queryset.filter(
                Q(Exists(matching.filter(pk=OuterRef("service_id"))))
                | queries._text_q("location__", ("name",), filters.search, self.lang)
            )
        render = lambda sal: hsds.service_at_location_doc(sal, full=full)  # noqa: E731
        if point is not None and km is not None:
            ordered = queries.service_at_locations_by_distance(queryset, point[0], point[1], km)
            return self.listing(_sal_queryset(full), render, ordered)
        return self.listing(queryset.order_by("service__name", "id"), render)


class ServiceAtLocationDetailView(HSDSView):
    query = [P_ID, P_LANG]

    @extend_schema(
        operation_id="hsds_service_at_location",
        parameters=query,
        responses=object_responses(),
        tags=["hsds"],
    )
    def get(self, request: Request, pk: str) -> Response:
        return Response(hsds.service_at_location_doc(_get(_sal_queryset(full=True), pk), full=True))


class TaxonomyListView(HSDSView):
    query = COMMON

    @extend_schema(operation_id="hsds_taxonomies", parameters=query, responses=list_responses(), tags=["hsds"])
    def get(self, request: Request) -> Any:
        queryset = Taxonomy.objects.order_by("name", "id")
        search = self.params.text("search")
        if search:
            queryset = queryset.filter(Q(name__icontains=search) | Q(description__icontains=search))
        return self.listing(queryset, hsds.taxonomy_doc)


class TaxonomyDetailView(HSDSView):
    query = [P_ID, P_LANG]

    @extend_schema(
        operation_id="hsds_taxonomy",
        parameters=query,
        responses=object_responses(),
        tags=["hsds"],
    )
    def get(self, request: Request, pk: str) -> Response:
        return Response(hsds.taxonomy_doc(_get(Taxonomy.objects.all(), pk)))


class TaxonomyTermListView(HSDSView):
    query = [
        *COMMON,
        P_TAXONOMY,
        P_TOP_ONLY,
        P_PARENT,
    ]

    @extend_schema(
        operation_id="hsds_taxonomy_terms",
        parameters=query,
        responses=list_responses(),
        tags=["hsds"],
    )
    def get(self, request: Request) -> Any:
        queryset = TaxonomyTerm.objects.select_related("taxonomy").order_by(
            "taxonomy__name", "sort_order", "code", "id"
        )
        search = self.params.text("search")
        if search:
            queryset = queryset.filter(
                queries._text_q("", ("name", "description"), search, self.lang) | Q(code__icontains=search)
            )
        taxonomy_id = self.params.uuid("taxonomy_id")
        if taxonomy_id:
            queryset = queryset.filter(taxonomy_id=taxonomy_id)
        if self.params.boolean("top_only"):
            queryset = queryset.filter(parent__isnull=True)
        parent_id = self.params.uuid("parent_id")
        if parent_id:
            queryset = queryset.filter(parent_id=parent_id)
        return self.listing(queryset, hsds.taxonomy_term_doc)


class TaxonomyTermDetailView(HSDSView):
    query = [P_ID, P_LANG]

    @extend_schema(
        operation_id="hsds_taxonomy_term",
        parameters=query,
        responses=object_responses(),
        tags=["hsds"],
    )
    def get(self, request: Request, pk: str) -> Response:
        return Response(hsds.taxonomy_term_doc(_get(TaxonomyTerm.objects.select_related("taxonomy"), pk)))


class NotFoundView(HSDSView):
    """Unknown paths under /api/hsds/ answer in JSON too."""

    @extend_schema(exclude=True)
    def get(self, request: Request, rest: str = "") -> Response:
        raise NotFound("No such endpoint.")
