"""The items API: /api/items and /api/items/{id}.

Each path operation checks its request on the event loop, then hands its unit of work (the
functions below it, given a session) to a thread in one call: `Database.run`, or
`Database.read` for the reads, each one query.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BeforeValidator
from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import models
from ..contract import (
    MAX_ID,
    MAX_LIMIT,
    PAGING_NUMBER,
    UNAUTHORIZED_DETAIL,
    WWW_AUTHENTICATE,
    bearer_token_is_valid,
)
from ..database import DatabaseDep
from ..openapi import problem_responses
from ..schemas import Item, ItemIn

router = APIRouter(prefix="/api/items", tags=["items"])

# The contract names the path parameter `id`, which would shadow the builtin here.
ItemId = Annotated[int, Path(alias="id", description="An id that cannot exist is a 404.")]
LOCATION = {"description": "Path of the created item.", "schema": {"type": "string"}}


# The `apiToken` scheme of the OpenAPI document, and the reader of the Authorization header.
# auto_error=False: it returns None for a missing header or another scheme, and
# require_api_token refuses that like an unknown token, with the contract's 401 and challenge.
api_token_scheme = HTTPBearer(
    scheme_name="apiToken",
    description="One of the comma-separated tokens in the service's `API_TOKENS` variable.",
    auto_error=False,
)


async def require_api_token(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(api_token_scheme)],
) -> None:
    """Writes need `Authorization: Bearer <token>` with a token from API_TOKENS; reads are
    public. The first dependency of each write, so a refused client learns nothing about the
    item or the database. (FastAPI parses a JSON body before any dependency: malformed JSON
    stays a 400 with or without a token.)"""
    presented = f"Bearer {credentials.credentials}" if credentials else None
    if not bearer_token_is_valid(presented, request.app.state.api_tokens):
        challenge = {"WWW-Authenticate": WWW_AUTHENTICATE}
        raise HTTPException(401, UNAUTHORIZED_DETAIL, headers=challenge)


API_TOKEN = Depends(require_api_token)


async def require_json_body(request: Request) -> None:
    """415 for a body that is not JSON and 400 for none: FastAPI would call both a 422.

    A dependency runs before the body is validated; malformed JSON is sorted out in problems.py.
    """
    media_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media_type != "application/json":
        raise HTTPException(415, "Send the item as application/json.")
    if not await request.body():
        raise HTTPException(400, "The body is empty: send the item as a JSON object.")


JSON_BODY = Depends(require_json_body)


def plain_digits(value: object) -> object:
    """A paging parameter in plain decimal digits, as the contract wants: pydantic's int
    alone would also take "+5", " 5" and "1_0"."""
    if isinstance(value, str) and not PAGING_NUMBER.fullmatch(value):
        raise ValueError("must be an integer in plain decimal digits")
    return value


PagingNumber = BeforeValidator(plain_digits)


async def require_single_paging_parameters(request: Request) -> None:
    """A repeated limit or offset is a 400: FastAPI would read the last one alone."""
    for name in ("limit", "offset"):
        if len(request.query_params.getlist(name)) > 1:
            raise HTTPException(400, f"{name} must be given once.")


def get_or_404(session: Session, item_id: int) -> models.Item:
    item = session.get(models.Item, item_id) if 0 < item_id <= MAX_ID else None
    if item is None:
        raise HTTPException(404, f"There is no item {item_id}.")
    return item


@router.get(
    "",
    operation_id="listItems",
    summary="List items ordered by id ascending.",
    responses=problem_responses(400, 503),
    dependencies=[Depends(require_single_paging_parameters)],
)
async def list_items(
    database: DatabaseDep,
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description="Page size."), PagingNumber
    ] = MAX_LIMIT,
    offset: Annotated[int, Query(ge=0, description="Number of items to skip."), PagingNumber] = 0,
) -> list[Item]:
    if offset > MAX_ID:
        return []  # Past every possible row, and beyond what a database can bind.
    return await database.read(read_page, limit, offset)


def read_page(session: Session, limit: int, offset: int) -> list[Item]:
    rows = session.scalars(
        select(models.Item).order_by(models.Item.id).limit(limit).offset(offset)
    )
    return [Item.model_validate(row) for row in rows]


@router.post(
    "",
    status_code=201,
    operation_id="createItem",
    summary="Create an item; the server assigns its id.",
    dependencies=[API_TOKEN, JSON_BODY],
    responses={
        201: {"headers": {"Location": LOCATION}},
        **problem_responses(400, 401, 413, 415, 422, 503),
    },
)
async def create_item(
    item_in: ItemIn, database: DatabaseDep, request: Request, response: Response
) -> Item:
    item = await database.run(add_item, item_in)
    response.headers["Location"] = request.url_for("get_item", id=item.id).path
    return item


def add_item(session: Session, item_in: ItemIn) -> Item:
    item = models.Item(name=item_in.name, description=item_in.description)
    session.add(item)
    session.commit()
    return Item.model_validate(item)


@router.get(
    "/{id}",
    operation_id="getItem",
    summary="Read one item.",
    responses=problem_responses(404, 503),
)
async def get_item(item_id: ItemId, database: DatabaseDep) -> Item:
    return await database.read(read_item, item_id)


def read_item(session: Session, item_id: int) -> Item:
    return Item.model_validate(get_or_404(session, item_id))


@router.put(
    "/{id}",
    operation_id="replaceItem",
    summary="Replace an item as a whole; an omitted description becomes null.",
    dependencies=[API_TOKEN, JSON_BODY],
    responses=problem_responses(400, 401, 404, 413, 415, 422, 503),
)
async def replace_item(item_id: ItemId, item_in: ItemIn, database: DatabaseDep) -> Item:
    return await database.run(update_item, item_id, item_in)


def update_item(session: Session, item_id: int, item_in: ItemIn) -> Item:
    item = get_or_404(session, item_id)
    item.name, item.description = item_in.name, item_in.description
    session.commit()
    return Item.model_validate(item)


@router.delete(
    "/{id}",
    status_code=204,
    operation_id="deleteItem",
    summary="Delete an item.",
    dependencies=[API_TOKEN],
    responses=problem_responses(401, 404, 503),
)
async def delete_item(item_id: ItemId, database: DatabaseDep) -> None:
    await database.run(remove_item, item_id)


def remove_item(session: Session, item_id: int) -> None:
    session.delete(get_or_404(session, item_id))
    session.commit()
