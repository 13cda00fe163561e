"""A stack does not start on ports another one already answers on (bot/stack.py)."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Iterator

import pytest

from bench.stack import bench_stack
from bot.ports import ports_taken
from bot.settings import Settings
from bot.stack import Stack


@pytest.fixture
def listening() -> Iterator[int]:
    """A port on 127.0.0.1 that something is listening on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield int(server.getsockname()[1])


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_ports_taken_names_only_the_busy_ones(listening: int) -> None:
    free = free_port()
    assert ports_taken([free, listening]) == [listening]


def test_a_stack_refuses_a_busy_port_and_starts_nothing(listening: int, tmp_path: Path) -> None:
    settings = Settings(
        var_dir=tmp_path, gateway_port=free_port(), rasa_port=listening, action_port=free_port()
    )
    stack = Stack(settings, extra_env={})
    with pytest.raises(RuntimeError, match=f"port {listening} already in use"):
        stack.start()
    assert stack.processes == {}


def test_the_bench_keeps_another_stacks_files(listening: int, tmp_path: Path) -> None:
    """The bench empties its var directory only once it knows its ports are free."""
    kept = tmp_path / "kck.db"
    kept.write_text("another stack's database")
    ports = (listening, free_port(), free_port())
    with pytest.raises(RuntimeError, match="already in use"), bench_stack(tmp_path, ports):
        pass
    assert kept.read_text() == "another stack's database"


def test_a_cluster_checks_every_replicas_port(tmp_path: Path) -> None:
    from bot.cluster import Cluster, ClusterPlan

    plan = ClusterPlan(gateway_ports=(1, 2), rasa_ports=(3, 4), action_ports=(5, 6))
    cluster = Cluster(Settings(var_dir=tmp_path), extra_env={}, plan=plan)
    assert sorted(cluster.ports()) == [1, 2, 3, 4, 5, 6]
