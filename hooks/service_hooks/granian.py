"""Granian, the production server of every template that names the app it serves
(template.toml's `commands.granian_app`): its command and what the generated README says of it.

One command for all of them, so that a flag chosen for one (a measured shutdown bound, the
restart of a dead worker) reaches every template, and the benchmark compares frameworks on the
same server. Only the interface, the port and the app differ.
"""

from __future__ import annotations

# WSGI apps run in Granian's blocking threads: 4 per worker, chosen in benchmarks/README.md.
WSGI_BLOCKING_THREADS = 4

# The lifecycle flags, as the generated README's LIFECYCLE explains them.
LIFECYCLE_FLAGS = "--workers-kill-timeout 1 --respawn-failed-workers"

LIFECYCLE = """\
On SIGTERM Granian refuses new connections, lets the requests in progress finish and exits 0;
`--workers-kill-timeout 1` ends a worker still busy a second later, so a stop takes under 2 s.

A worker that dies (a crash, the kernel's out-of-memory killer) is started again
(`--respawn-failed-workers`) while the other workers serve; one that dies again within
5.5 s of its restart stops Granian, so a service that cannot start still exits."""


def command(interface: str, port: int, app: str) -> str:
    """The Procfile's web command serving `app` (module:attribute) through `interface` (wsgi or
    asgi) on $PORT, with WEB_CONCURRENCY worker processes."""
    threads = f" --blocking-threads {WSGI_BLOCKING_THREADS}" if interface == "wsgi" else ""
    return (
        f"granian --interface {interface} --host 0.0.0.0 --port ${{PORT:-{port}}}"
        f" --workers ${{WEB_CONCURRENCY:-2}} {LIFECYCLE_FLAGS}{threads} {app}"
    )
