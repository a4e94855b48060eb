"""The shared contract module on its own: the bounded read of an unread request body, the
bearer-token check, the comma-separated settings and the request id (every project's own
tests/test_sqlite_settings.py tests its SQLite settings).

Every WSGI template on Granian calls drain_unread_body (through its framework's hook), so that a
client sending a too-large body reads the 413 instead of a reset; the bound keeps a client from
holding a worker forever.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

import pytest
import yaml

from support.contract import CONTRACT
from support.templates import ROOT


def environ_with(body: io.BytesIO, *, terminated: bool = True) -> dict[str, Any]:
    return {"wsgi.input": body, "wsgi.input_terminated": terminated}


def test_a_body_within_the_bound_is_read_to_its_end() -> None:
    body = io.BytesIO(b"x" * (2 * CONTRACT.MAX_BODY_BYTES + 1))
    assert CONTRACT.drain_unread_body(environ_with(body)) is True
    assert body.read() == b""


def test_reading_stops_at_the_byte_bound() -> None:
    body = io.BytesIO(b"x" * (CONTRACT.MAX_UNREAD_BODY_BYTES + CONTRACT.UNREAD_BODY_CHUNK))
    assert CONTRACT.drain_unread_body(environ_with(body)) is False
    assert body.tell() == CONTRACT.MAX_UNREAD_BODY_BYTES


class SlowStream(io.BytesIO):
    """A client that keeps sending, slower than the clock allows."""

    def __init__(self, clock: list[float]) -> None:
        super().__init__(b"x" * CONTRACT.MAX_UNREAD_BODY_BYTES)
        self.clock = clock

    def read(self, size: int | None = -1) -> bytes:
        self.clock[0] += 1.0
        return super().read(size)


def test_reading_stops_at_the_time_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [0.0]
    monkeypatch.setattr(CONTRACT.time, "monotonic", lambda: clock[0])
    body = SlowStream(clock)
    assert CONTRACT.drain_unread_body(environ_with(body)) is False
    chunks_read = body.tell() // CONTRACT.UNREAD_BODY_CHUNK
    assert chunks_read == int(CONTRACT.UNREAD_BODY_SECONDS) + 1


def test_a_stream_that_may_not_end_with_the_body_is_left_alone() -> None:
    # Without wsgi.input_terminated a read past the body could wait for the client.
    body = io.BytesIO(b"x" * 10)
    assert CONTRACT.drain_unread_body(environ_with(body, terminated=False)) is False
    assert body.tell() == 0


def test_the_middleware_drains_after_the_application() -> None:
    body = io.BytesIO(b"x" * 1000)
    seen: list[int] = []

    def application(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        seen.append(environ["wsgi.input"].tell())
        start_response("413 Content Too Large", [])
        return [b""]

    middleware = CONTRACT.DrainUnreadBody(application)
    assert middleware(environ_with(body), lambda *_args: None) == [b""]
    assert seen == [0]
    assert body.tell() == 1000


@pytest.mark.parametrize(
    ("authorization", "accepted"),
    [
        ("Bearer first", True),
        ("bearer second", True),
        ("Bearer  first ", True),
        ("Bearer firs", False),
        ("Bearer first-and-more", False),
        ("Basic first", False),
        ("Bearer", False),
        ("", False),
        (None, False),
    ],
)
def test_a_bearer_token_is_valid_only_when_it_is_one_of_the_tokens(
    authorization: str | None, accepted: bool
) -> None:
    assert CONTRACT.bearer_token_is_valid(authorization, ("first", "second")) is accepted


def test_no_token_is_valid_without_tokens() -> None:
    assert CONTRACT.bearer_token_is_valid("Bearer anything", ()) is False


def test_comma_separated_settings_drop_blanks() -> None:
    assert CONTRACT.comma_separated(" a, b ,,c ,") == ("a", "b", "c")
    assert CONTRACT.comma_separated("") == ()


def test_a_request_id_is_kept_only_in_the_documented_form() -> None:
    contract = yaml.safe_load((ROOT / "contract" / "openapi.yaml").read_text("utf-8"))
    documented = contract["components"]["headers"]["XRequestID"]["schema"]["pattern"]
    assert documented == f"^{CONTRACT.REQUEST_ID_PATTERN.pattern}$"
    assert CONTRACT.request_id("req-42") == "req-42"
    for unsafe in ("a" * 129, "two words", "-dash", "", None):
        new = CONTRACT.request_id(unsafe)
        assert new != unsafe
        assert CONTRACT.REQUEST_ID_PATTERN.fullmatch(new)


def query(**values: list[str]) -> Callable[[str], list[str]]:
    """A framework's getall: every value of a parameter in the query string."""
    return lambda name: values.get(name, [])


def test_a_page_is_the_default_without_paging_parameters() -> None:
    assert CONTRACT.requested_page(query()) == (CONTRACT.MAX_LIMIT, 0)
    assert CONTRACT.requested_page(query(limit=["7"], offset=["0042"])) == (7, 42)


@pytest.mark.parametrize(
    ("values", "detail"),
    [
        ({"limit": ["0"]}, "limit must be an integer from 1 to 100."),
        ({"limit": ["101"]}, "limit must be an integer from 1 to 100."),
        ({"limit": ["-1"]}, "limit must be an integer from 1 to 100."),
        ({"limit": ["+5"]}, "limit must be an integer from 1 to 100."),
        ({"limit": [" 5"]}, "limit must be an integer from 1 to 100."),
        ({"limit": ["1_0"]}, "limit must be an integer from 1 to 100."),
        ({"limit": ["\uff15"]}, "limit must be an integer from 1 to 100."),  # fullwidth 5
        ({"limit": [""]}, "limit must be an integer from 1 to 100."),
        ({"limit": ["5", "5"]}, "limit must be given once."),
        ({"offset": ["1e3"]}, "offset must be an integer of at least 0."),
        ({"offset": ["5\n"]}, "offset must be an integer of at least 0."),
        ({"offset": ["9" * 4301]}, "offset must be an integer of at least 0."),
    ],
)
def test_a_bad_paging_parameter_names_itself_and_its_rule(
    values: dict[str, list[str]], detail: str
) -> None:
    with pytest.raises(CONTRACT.PagingError, match=f"^{re.escape(detail)}$") as raised:
        CONTRACT.requested_page(query(**values))
    assert raised.value.name in values


def test_an_offset_past_every_item_needs_no_query() -> None:
    page = CONTRACT.requested_page(query(offset=[str(10**20)]))
    assert page.offset == 10**20
    assert page.past_every_item
    assert not CONTRACT.requested_page(query(offset=[str(CONTRACT.MAX_ID)])).past_every_item
