"""deploy/kubernetes/: the same shape as `make run-cluster`, valid for Kubernetes.

Schema validation runs kubernetes-validate (scripts/validate_k8s.sh, strict:
unknown fields fail); the checks here catch what a schema cannot see: wrong
references between the objects and settings Rasa's endpoints need but no pod gets.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any, Dict, List

import pytest
import yaml

from bot.settings import ROOT

DEPLOY = ROOT / "deploy" / "kubernetes"
SCRIPT = ROOT / "scripts" / "validate_k8s.sh"


def objects() -> List[Dict[str, Any]]:
    found = []
    for path in sorted(DEPLOY.glob("*.yaml")):
        if path.name != "kustomization.yaml":
            found += [doc for doc in yaml.safe_load_all(path.read_text()) if doc]
    return found


def by_kind(kind: str) -> Dict[str, Dict[str, Any]]:
    return {o["metadata"]["name"]: o for o in objects() if o["kind"] == kind}


def validate(directory: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(SCRIPT)],
        cwd=ROOT,
        env={**os.environ, "KCK_K8S_DIR": str(directory)},
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_every_manifest_passes_the_kubernetes_schema() -> None:
    result = validate(DEPLOY)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("passed for resource") == len(objects())


def test_the_validation_rejects_a_broken_manifest(tmp_path: Path) -> None:
    """The check above can fail: a misspelt field and a wrong type are refused."""
    shutil.copy(DEPLOY / "gateway.yaml", tmp_path / "gateway.yaml")
    text = (tmp_path / "gateway.yaml").read_text()
    (tmp_path / "gateway.yaml").write_text(
        text.replace("replicas: 2", 'replicas: "two"').replace("containerPort:", "containerport:")
    )
    result = validate(tmp_path)
    assert result.returncode != 0
    assert "gateway" in result.stdout + result.stderr


def test_the_shape_is_two_of_each_process() -> None:
    deployments = by_kind("Deployment")
    assert {name: d["spec"]["replicas"] for name, d in deployments.items()} == {
        "kck-rasa": 2,
        "kck-actions": 2,
        "kck-gateway": 2,
    }
    rasa = deployments["kck-rasa"]["spec"]["template"]["spec"]["containers"][0]
    assert "endpoints.cluster.yml" in " ".join(rasa["args"])


def test_services_select_their_pods_and_ports() -> None:
    deployments = by_kind("Deployment")
    for name, service in by_kind("Service").items():
        selector = service["spec"]["selector"]
        (target,) = [
            d
            for d in deployments.values()
            if selector.items() <= d["spec"]["template"]["metadata"]["labels"].items()
        ]
        ports = {
            p["name"] for c in target["spec"]["template"]["spec"]["containers"] for p in c["ports"]
        }
        for port in service["spec"]["ports"]:
            assert port["targetPort"] in ports, name


def _environment(deployment: Dict[str, Any]) -> set[str]:
    config = by_kind("ConfigMap")["kck-config"]["data"]
    names: set[str] = set()
    for container in deployment["spec"]["template"]["spec"]["containers"]:
        for source in container.get("envFrom", []):
            assert source["configMapRef"]["name"] == "kck-config"
            names |= set(config)
        for variable in container.get("env", []):
            names.add(variable["name"])
            secret = variable.get("valueFrom", {}).get("secretKeyRef")
            if secret:
                assert secret["name"] == "kck-secrets"  # secrets by reference only
    return names


def test_rasa_pods_get_every_setting_its_endpoints_file_needs() -> None:
    needed = set(re.findall(r"\$\{(\w+)\}", (ROOT / "endpoints.cluster.yml").read_text()))
    given = _environment(by_kind("Deployment")["kck-rasa"])
    assert needed <= given, needed - given


def test_gateways_share_redis_and_the_database() -> None:
    given = _environment(by_kind("Deployment")["kck-gateway"])
    assert {"KCK_REDIS_URL", "KCK_DATABASE_URL", "KCK_RASA_URLS", "KCK_RASA_TOKEN"} <= given


def test_no_secret_values_in_the_manifests() -> None:
    assert not by_kind("Secret")
    text = "\n".join(p.read_text() for p in DEPLOY.glob("*.yaml"))
    assert not re.search(r"(?i)password:\s*\S", text)


@pytest.mark.parametrize("name", ["kck-rasa-from-gateway", "kck-actions-from-rasa"])
def test_rasa_and_the_actions_accept_only_their_one_caller(name: str) -> None:
    policy = by_kind("NetworkPolicy")[name]
    assert policy["spec"]["policyTypes"] == ["Ingress"]
    assert len(policy["spec"]["ingress"]) == 1


def _secret_key(deployment: str, variable: str) -> str | None:
    """The kck-secrets key a Deployment's container reads ``variable`` from."""
    (container,) = by_kind("Deployment")[deployment]["spec"]["template"]["spec"]["containers"]
    for entry in container.get("env", []):
        if entry["name"] == variable:
            return str(entry["valueFrom"]["secretKeyRef"]["key"])
    return None


@pytest.mark.parametrize(
    "variable, caller, server",
    [
        ("KCK_RASA_CHANNEL_SECRET", "kck-gateway", "kck-rasa"),
        ("KCK_ACTION_TOKEN", "kck-rasa", "kck-actions"),
    ],
)
def test_each_door_has_the_same_secret_on_both_sides(
    variable: str, caller: str, server: str
) -> None:
    """Besides the network policies, Rasa takes messages only with the gateways' secret
    and the actions take calls only with Rasa's token (issue 15): both ends of each
    door read it from the one key of kck-secrets."""
    key = _secret_key(caller, variable)
    assert key is not None and key == _secret_key(server, variable), (caller, server)


def test_the_action_servers_run_behind_rasas_token() -> None:
    (container,) = by_kind("Deployment")["kck-actions"]["spec"]["template"]["spec"]["containers"]
    assert container["command"][:3] == ["python", "-m", "bot.action_server"]


def test_retention_runs_nightly_with_the_database_and_tracker_settings() -> None:
    (job,) = by_kind("CronJob").values()
    assert job["spec"]["timeZone"] == "Europe/Warsaw"
    assert job["spec"]["concurrencyPolicy"] == "Forbid"
    pod = job["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    assert container["command"][-1] == "bot.privacy.retention_cli"
    config = by_kind("ConfigMap")["kck-config"]["data"]
    given = set(config) | {v["name"] for v in container["env"]}
    assert {"KCK_DATABASE_URL", "KCK_TRACKER_HOST", "KCK_TRACKER_PASSWORD"} <= given
