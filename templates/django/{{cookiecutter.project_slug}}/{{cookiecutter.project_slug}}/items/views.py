"""The items API: /api/items and /api/items/<id>."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from ..api import ApiError, ApiView
from ..contract import MAX_ID
from .models import Item
from .payloads import fill_item

MAX_LIMIT = 100


def query_int(
    request: HttpRequest, name: str, *, default: int, minimum: int, maximum: int | None = None
) -> int:
    raw = request.GET.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, f"{name} must be an integer.") from None
    if value < minimum or (maximum is not None and value > maximum):
        bounds = f"between {minimum} and {maximum}" if maximum else f"at least {minimum}"
        raise ApiError(400, f"{name} must be {bounds}.")
    return value


def get_item_or_404(item_id: int) -> Item:
    if not 0 < item_id <= MAX_ID:
        raise ApiError(404, f"There is no item {item_id}.")
    return get_object_or_404(Item, pk=item_id)


class ItemListView(ApiView):
    def get(self, request: HttpRequest) -> JsonResponse:
        limit = query_int(request, "limit", default=MAX_LIMIT, minimum=1, maximum=MAX_LIMIT)
        offset = query_int(request, "offset", default=0, minimum=0)
        if offset > MAX_ID:
            # Past every possible row, and beyond what SQLite can bind.
            return JsonResponse([], safe=False)
        items = Item.objects.order_by("id")[offset : offset + limit]
        return JsonResponse([item.to_dict() for item in items], safe=False)

    def post(self, request: HttpRequest) -> JsonResponse:
        item = fill_item(Item(), request)
        item.save()
        response = JsonResponse(item.to_dict(), status=201)
        response["Location"] = reverse("items:detail", args=[item.id])
        return response


class ItemDetailView(ApiView):
    def get(self, request: HttpRequest, item_id: int) -> JsonResponse:
        return JsonResponse(get_item_or_404(item_id).to_dict())

    def put(self, request: HttpRequest, item_id: int) -> JsonResponse:
        item = fill_item(get_item_or_404(item_id), request)
        item.save()
        return JsonResponse(item.to_dict())

    def delete(self, request: HttpRequest, item_id: int) -> HttpResponse:
        get_item_or_404(item_id).delete()
        return HttpResponse(status=204)
