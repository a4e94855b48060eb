"""The interleaved rounds of loads, and the table of their medians."""

from __future__ import annotations

import statistics

from support import loopback

from ..load import LoadShape, measure
from ..report import JsonObject, thousands
from .common import GOAL, Load, Pair


def distinct_loads(pairs: list[Pair]) -> list[Load]:
    loads: dict[str, Load] = {}
    for pair in pairs:
        for load in (pair.peer, pair.ours):
            loads.setdefault(load.key, load)
    return list(loads.values())


def check_answers(loads: list[Load]) -> None:
    """Every path of every load answers 200 before any load (wrk counts a redirect as an
    answer), the peers' with the token their load sends."""
    for load in loads:
        headers = dict(header.split(": ", 1) for header in load.request.headers)
        for path in load.request.paths:
            answer = loopback.get(load.server.url + path, headers=headers, timeout=10)
            if answer.status_code != 200:
                raise RuntimeError(f"{load.key}: GET {path} answered {answer.status_code}")


def run_rounds(
    pairs: list[Pair], wrk: str, shape: LoadShape, rounds: int
) -> dict[str, list[JsonObject]]:
    """Each load once per round; every other round in reverse order, so that neither side
    always runs first after the other's load."""
    loads = distinct_loads(pairs)
    check_answers(loads)
    records: dict[str, list[JsonObject]] = {load.key: [] for load in loads}
    for number in range(rounds):
        order = loads if number % 2 == 0 else loads[::-1]
        for load in order:
            record = measure(wrk, load.server.url, load.request, shape, load.server.pid)
            # Kept whatever it shows: a server that stalls is part of the comparison. (wrk
            # counts neither a request still unanswered when a load ends nor, then, its
            # timeout: a server that stopped answering shows as no requests and no errors.)
            records[load.key].append(record)
            print(
                f"  round {number + 1}: {load.key}: {record['requests_per_second']:,.0f} "
                f"requests/s, {record['error_count']} errors",
                flush=True,
            )
    return records


def median(records: list[JsonObject], key: str) -> float | None:
    """The median over the rounds that have the figure (no CPU per request without answers)."""
    values = [record[key] for record in records if record[key] is not None]
    return float(statistics.median(values)) if values else None


def rounds_text(records: list[JsonObject]) -> str:
    return ", ".join(thousands(record["requests_per_second"]) for record in records)


def cpu_ratio(peer: list[JsonObject], ours: list[JsonObject]) -> str:
    figures = (median(peer, "cpu_ms_per_request"), median(ours, "cpu_ms_per_request"))
    return f"{figures[0] / figures[1]:.2f}x" if figures[0] and figures[1] else "none"


def errors(records: list[JsonObject]) -> int:
    return sum(record["error_count"] for record in records)


def table(pairs: list[Pair], records: dict[str, list[JsonObject]], header: JsonObject) -> str:
    load = ", ".join(f"{value:.1f}" for value in header["machine"]["load_average_before"])
    lines = [
        f"Measured {header['measured_at']} on {header['machine']['description']} (load average "
        f"before the run: {load}{'; a noisy run' if header['noisy'] else ''}), wrk "
        f"{header['wrk']}, {header['load']['threads']} threads, {header['load']['connections']} "
        f"connections, {header['load']['seconds']} s per load after "
        f"{header['load']['warmup_seconds']} s of warm-up, medians of {header['rounds']} "
        "interleaved rounds (each round's figure in brackets), PostgreSQL on loopback, 2 "
        "workers each. CPU per request (the server's whole process group) is steadier than "
        "requests per second on a busy machine.",
        "",
        "| framework | peer endpoint (server) | peer requests/s | our endpoint (server) "
        "| our requests/s | ours/peer | goal 2x | CPU per request, peer/ours "
        "| errors, peer/ours |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for pair in pairs:
        peer_records, our_records = records[pair.peer.key], records[pair.ours.key]
        peer = median(peer_records, "requests_per_second") or 0.0
        our = median(our_records, "requests_per_second") or 0.0
        ratio = f"{our / peer:.2f}x" if peer else "peer answered none"
        met = "✓" if peer and our / peer >= GOAL else "✗"
        note = f"; {pair.note}" if pair.note else ""
        lines.append(
            f"| {pair.framework} | {pair.peer.description} ({pair.peer.server.label}{note}) "
            f"| {thousands(peer)} ({rounds_text(peer_records)}) | {pair.ours.description} "
            f"({pair.ours.server.label}) | {thousands(our)} ({rounds_text(our_records)}) "
            f"| {ratio} | {met} | {cpu_ratio(peer_records, our_records)} "
            f"| {errors(peer_records)}/{errors(our_records)} |"
        )
    return "\n".join(lines)
