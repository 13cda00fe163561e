"""Whether the ports a stack is about to listen on are free.

A stack started on ports another one already answers on would pass its health check on
the other's processes while its own fail to bind: a second `make bench` once measured a
running smoke bench and emptied that stack's var/ directory. Checked before anything
starts or is deleted (bot/stack.py, bench/stack.py).
"""

from __future__ import annotations

import socket
from typing import Iterable, List


def ports_taken(ports: Iterable[int], host: str = "127.0.0.1") -> List[int]:
    """The ports on which something already accepts connections."""
    taken = []
    for port in ports:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.settimeout(1.0)
            if probe.connect_ex((host, port)) == 0:
                taken.append(port)
    return taken


def refuse_busy(ports: Iterable[int]) -> None:
    """Raises RuntimeError naming the ports already in use, if any."""
    taken = ports_taken(ports)
    if taken:
        listed = ", ".join(str(port) for port in taken)
        raise RuntimeError(
            f"port {listed} already in use on 127.0.0.1 (another `make run`, `make bench` or "
            "test stack?): stop it first, or move this one's ports"
        )
