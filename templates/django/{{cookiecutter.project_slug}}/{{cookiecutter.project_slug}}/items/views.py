"""The items API: /api/items and /api/items/<id>."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from ..api import ApiError, ApiView
from ..contract import MAX_ID, PagingError, requested_page
from .models import Item
from .payloads import fill_item


def get_item_or_404(item_id: int) -> Item:
    if not 0 < item_id <= MAX_ID:
        raise ApiError(404, f"There is no item {item_id}.")
    return get_object_or_404(Item, pk=item_id)


class ItemListView(ApiView):
    def get(self, request: HttpRequest) -> JsonResponse:
        try:
            page = requested_page(request.GET.getlist)
        except PagingError as error:
            raise ApiError(400, str(error)) from None
        if page.past_every_item:
            return JsonResponse([], safe=False)
        items = Item.objects.order_by("id")[page.offset : page.offset + page.limit]
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
