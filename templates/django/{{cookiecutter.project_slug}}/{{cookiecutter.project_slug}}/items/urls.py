from django.urls import path

from .views import ItemDetailView, ItemListView

app_name = "items"
urlpatterns = [
    path("items", ItemListView.as_view(), name="list"),
    path("items/<int:item_id>", ItemDetailView.as_view(), name="detail"),
]
