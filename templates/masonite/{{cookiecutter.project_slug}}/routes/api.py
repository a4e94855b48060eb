"""API routes, under /api with the "api" middleware group (app/Kernel.py). Writes need an API
token: the "api.token" middleware."""

from masonite.routes import Route

ROUTES = [
    Route.get("/items", "ItemsController@index").name("items.index"),
    Route.post("/items", "ItemsController@store").name("items.store").middleware("api.token"),
    # Digits only (Masonite's int compiler): any other id matches no route, so a 404.
    Route.get("/items/@item_id:int", "ItemsController@show").name("items.show"),
    Route.put("/items/@item_id:int", "ItemsController@update")
    .name("items.update")
    .middleware("api.token"),
    Route.delete("/items/@item_id:int", "ItemsController@destroy")
    .name("items.destroy")
    .middleware("api.token"),
]
