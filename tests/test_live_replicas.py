"""Two replicas of the production process behind a load balancer, on one PostgreSQL: what the
Kubernetes manifests run (kubernetes/README.md), on loopback with Debian's nginx in front.

One replica is killed under a load of reads and writes, the way Kubernetes kills a pod (a
rollout, a drain, scale-in): SIGTERM. No read fails, every acknowledged write is readable
through both replicas, and the killed replica, started again on its port, gets its share of the
traffic back. (A crash, SIGKILL, can also cut a response whose head has already left the
replica, which no load balancer can retry: CherryPy's server lost one read in a few thousand
that way here; the other servers none in these runs.)
"""

from __future__ import annotations

import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from support import loopback
from support.figures import Figures
from support.live import (
    LiveServer,
    create_items,
    procfile_server,
    project_environment,
    start_procfile,
)
from support.nginx import load_balancer
from support.postgres import PostgresServer, create_database, hold_schema_changes_until_connected
from support.projects import InstallProject, read_procfile, run
from support.templates import served_answers
from support.traffic import LoadResult, list_every_item, run_load

pytestmark = [pytest.mark.slow, pytest.mark.live]

CONNECTIONS = 16
WRITERS = 4
LOAD_SECONDS = 3
# The loads that compare two replicas with one (reported, not asserted).
MEASURE_SECONDS = 1
# Into the load, so that requests are in flight on the replica when it dies.
KILL_AFTER_SECONDS = 1.0
REJOIN_TIMEOUT = 60.0


def port_of(server: LiveServer) -> int:
    port = urlsplit(server.url).port
    assert port is not None
    return port


def no_failed_reads(result: LoadResult) -> None:
    assert result.errors == dict.fromkeys(result.errors, 0), result.errors
    assert set(result.statuses) == {200}, result.status_counts()


def wait_until_answering(balancer: str, replica: LiveServer) -> None:
    """Until the load balancer sends a request to `replica` again."""
    deadline = time.monotonic() + REJOIN_TIMEOUT
    address = f"127.0.0.1:{port_of(replica)}"
    with loopback.client(timeout=5) as client:
        while time.monotonic() < deadline:
            response = client.get(f"{balancer}/api/items", params={"limit": 1})
            assert response.status_code == 200, response.text
            if response.headers["X-Upstream"].split(", ")[-1] == address:
                return
            time.sleep(0.05)
    raise AssertionError(f"the restarted replica got no request in {REJOIN_TIMEOUT} s")


def test_a_killed_replica_loses_no_read_and_no_acknowledged_write(
    template: str,
    installed_project: InstallProject,
    local_postgres: PostgresServer,
    tmp_path: Path,
    figures: Figures,
) -> None:
    project = installed_project(template, served_answers(template, "postgresql"))
    url = create_database(local_postgres.url, f"replicas_{template}")
    with ExitStack() as running:
        first = running.enter_context(
            procfile_server(project, tmp_path / "first.log", DATABASE_URL=url)
        )
        # The database is migrated: the second replica starts as the Deployment's pods do.
        second = running.enter_context(
            start_procfile(project, tmp_path / "second.log", {"DATABASE_URL": url}, release=False)
        )
        # Written through one replica, read through the other: the state is the database's.
        [item] = create_items(first, ["written through the first replica"])
        assert loopback.get(f"{second.url}/api/items/{item['id']}", timeout=10).json() == item

        balancer = running.enter_context(
            load_balancer(tmp_path / "nginx", [port_of(first), port_of(second)])
        )
        two = run_load(
            balancer, "GET", tmp_path / "two.txt", connections=CONNECTIONS, seconds=MEASURE_SECONDS
        )
        no_failed_reads(two)

        with ThreadPoolExecutor(max_workers=2) as loads:
            reads = loads.submit(
                run_load,
                balancer,
                "GET",
                tmp_path / "reads.txt",
                connections=CONNECTIONS,
                seconds=LOAD_SECONDS,
            )
            writes = loads.submit(
                run_load,
                balancer,
                "POST",
                tmp_path / "writes.txt",
                connections=WRITERS,
                seconds=LOAD_SECONDS,
            )
            time.sleep(KILL_AFTER_SECONDS)
            first.process.send_signal(signal.SIGTERM)
            during_kill, written = reads.result(), writes.result()
        assert first.process.wait(timeout=10) == 0, "the killed replica did not exit cleanly"
        no_failed_reads(during_kill)
        # A POST in flight on the killed replica gets nginx's 502 (it is not retried: it may
        # have been applied); every other write is acknowledged.
        assert set(written.statuses) <= {201, 502}, written.status_counts()
        # wrk counts the 502s as "status" errors; no connection failed.
        refused = written.statuses.get(502, 0)
        assert written.errors == {**dict.fromkeys(written.errors, 0), "status": refused}
        acknowledged = {int(location.rsplit("/", 1)[1]) for location in written.locations}
        assert len(acknowledged) == written.statuses[201] > 0

        one = run_load(
            balancer, "GET", tmp_path / "one.txt", connections=CONNECTIONS, seconds=MEASURE_SECONDS
        )
        no_failed_reads(one)

        # The killed replica, started again on its port, rejoins.
        restarted_at = time.monotonic()
        restarted = running.enter_context(
            start_procfile(
                project,
                tmp_path / "restarted.log",
                {"DATABASE_URL": url},
                release=False,
                port=port_of(first),
            )
        )
        healthy_seconds = time.monotonic() - restarted_at
        wait_until_answering(balancer, restarted)
        rejoined_seconds = time.monotonic() - restarted_at
        for replica in (second, restarted):
            with loopback.client(base_url=replica.url, timeout=10) as client:
                stored = {int(str(item["id"])) for item in list_every_item(client)}
            missing = acknowledged - stored
            assert not missing, f"{len(missing)} acknowledged writes missing at {replica.url}"

        figures.add(
            "two replicas behind nginx, one killed",
            template=template,
            two_replicas_rps=round(two.requests_per_second),
            one_replica_rps=round(one.requests_per_second),
            reads_during_kill=during_kill.requests,
            failed_reads=0,
            writes_acknowledged=len(acknowledged),
            writes_refused=refused,
            restarted_s=round(healthy_seconds, 2),
            rejoined_s=round(rejoined_seconds, 2),
        )


# Release steps started at the same moment: a deploy's Job retried beside a running one, two
# deploys at once. Their schema changes wait until all of them are connected, so that they
# overlap: without a lock, two of them create the same table.
RELEASE_STEPS = 3
RELEASE_TIMEOUT = 120.0


def test_release_steps_started_together_leave_one_schema(
    template: str,
    installed_project: InstallProject,
    local_postgres: PostgresServer,
    tmp_path: Path,
) -> None:
    project = installed_project(template, served_answers(template, "postgresql"))
    url = create_database(local_postgres.url, f"release_race_{template}")
    hold_schema_changes_until_connected(url, RELEASE_STEPS, timeout=int(RELEASE_TIMEOUT / 2))
    env = project_environment(project, DATABASE_URL=url)
    release = read_procfile(project)["release"]
    steps = [
        subprocess.Popen(
            ["sh", "-c", release],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for _ in range(RELEASE_STEPS)
    ]
    outputs = [
        step.communicate(timeout=RELEASE_TIMEOUT)[0].decode(errors="replace") for step in steps
    ]
    failed = [output for step, output in zip(steps, outputs, strict=True) if step.returncode]
    assert not failed, (
        f"{len(failed)} of {RELEASE_STEPS} release steps failed:\n{failed[0][-3000:]}"
    )
    # One schema, which the service serves from, and which a later release leaves alone.
    run(["sh", "-c", release], cwd=project, env=env)
    with start_procfile(
        project, tmp_path / "server.log", {"DATABASE_URL": url}, release=False
    ) as server:
        assert loopback.get(f"{server.url}/health", timeout=10).status_code == 200
        [item] = create_items(server, ["after the race"])
        assert loopback.get(f"{server.url}/api/items/{item['id']}", timeout=10).json() == item
