"""Pydantic models of the request and response bodies; FastAPI validates and documents them."""

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from .contract import MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH


def without_nul(value: str) -> str:
    # PostgreSQL cannot store NUL in text: refuse it as a 422 on every database, not a 500.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


Text = Annotated[str, AfterValidator(without_nul)]


class ItemIn(BaseModel):
    """The body of a create or a full replacement; any other member, `id` included, is a 422."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"name": "Widget", "description": "A small widget."}, {"name": "Gadget"}]
        },
    )

    name: Text = Field(min_length=1, max_length=MAX_NAME_LENGTH)
    description: Text | None = Field(default=None, max_length=MAX_DESCRIPTION_LENGTH)


class Item(BaseModel):
    """An item as the server stores it."""

    model_config = ConfigDict(
        extra="forbid",
        from_attributes=True,
        json_schema_extra={
            "examples": [{"id": 1, "name": "Widget", "description": "A small widget."}]
        },
    )

    id: int = Field(ge=1, description="Assigned by the server.")
    name: str = Field(min_length=1, max_length=MAX_NAME_LENGTH)
    description: str | None = Field(max_length=MAX_DESCRIPTION_LENGTH)


class Health(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Literal["ok"]


class Problem(BaseModel):
    """RFC 9457 problem details, the body of every error."""

    # Every member is always sent, `type` included: the schema says so.
    model_config = ConfigDict(json_schema_serialization_defaults_required=True)

    type: Literal["about:blank"] = "about:blank"
    title: str = Field(min_length=1, description="Short summary, e.g. the HTTP reason phrase.")
    status: int = Field(ge=400, le=599, description="The HTTP status code of the response.")
    detail: str = Field(description="What went wrong in this request.")


class FieldError(BaseModel):
    field: str = Field(description="The offending member of the body, or `body` for all of it.")
    message: str = Field(min_length=1)


class ValidationProblem(Problem):
    """A 422 that names every offending member of the request body."""

    status: Literal[422] = 422
    errors: list[FieldError] = Field(min_length=1)
