"""Serializers documenting the HSDS API in the platform's OpenAPI document (/api/schema/).

Responses themselves are built by directory.hsds (one mapping for the API and the export); these
classes describe their envelope and errors for drf-spectacular.
"""

from typing import Any

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer[dict[str, Any]]):
    detail = serializers.CharField()


class PageSerializer(serializers.Serializer[dict[str, Any]]):
    contents = serializers.ListField(child=serializers.DictField())
    total_items = serializers.IntegerField()
    total_pages = serializers.IntegerField()
    page_number = serializers.IntegerField()
    size = serializers.IntegerField()
    first_page = serializers.BooleanField()
    last_page = serializers.BooleanField()
    empty = serializers.BooleanField()


PAGE_DOC = PageSerializer
ERROR_RESPONSES = {
    400: OpenApiResponse(ErrorSerializer, description="Malformed parameter."),
    404: OpenApiResponse(ErrorSerializer, description="No such object."),
}
