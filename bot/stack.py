"""`python -m bot.stack`: start Rasa, the action server and the gateway together.

Used by `make run` and by the tests, so both run the same three processes
the same way: loopback only, Rasa's API behind its token, logs in var/log/.
Ctrl-C (or SIGTERM) stops all three.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterator, List

import httpx

from bot.console.demo_accounts import ensure_demo_accounts
from bot.db import Database
from bot.files import PRIVATE_UMASK, make_private
from bot.migrate import upgrade
from bot.ports import refuse_busy
from bot.settings import ROOT, Settings
from bot.settings import load as load_settings

START_TIMEOUT = 300.0


@dataclass
class Stack:
    """The three processes of one assistant."""

    settings: Settings
    model: Path = ROOT / "models" / "kck.tar.gz"
    processes: Dict[str, subprocess.Popen] = field(default_factory=dict)
    # Settings only the tests set, e.g. KCK_NOW to run the stack "outside office hours".
    extra_env: Dict[str, str] = field(default_factory=dict)
    # The secrets that make the gateway the only door to Rasa and Rasa the only
    # caller of the actions: from the settings, else new for every start.
    doors: Dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        s = self.settings
        self.doors = {
            "KCK_RASA_CHANNEL_SECRET": s.rasa_channel_secret or secrets.token_urlsafe(32),
            "KCK_ACTION_TOKEN": s.action_token or secrets.token_urlsafe(32),
        }

    def environment(self) -> Dict[str, str]:
        """What every child process needs to find the others."""
        s = self.settings
        env = dict(os.environ)
        env.update(
            {
                "KCK_VAR_DIR": str(s.var_dir),
                "KCK_GATEWAY_HOST": s.gateway_host,
                "KCK_GATEWAY_PORT": str(s.gateway_port),
                "KCK_RASA_PORT": str(s.rasa_port),
                "KCK_ACTION_PORT": str(s.action_port),
                "KCK_RASA_URL": s.rasa_url,
                "KCK_RASA_TOKEN": s.rasa_token,
                "KCK_ACTION_SERVER_URL": s.action_server_url,
                "KCK_DATABASE_URL": s.db_url,
                "KCK_PUBLIC_URL": s.gateway_url,
                "KCK_OPEN311_API_KEYS": s.open311_api_keys,
                **self.doors,
                "RASA_TELEMETRY_ENABLED": "false",
                "SANIC_HOST": "127.0.0.1",
                "TF_CPP_MIN_LOG_LEVEL": "3",
                "PYTHONWARNINGS": "ignore",
            }
        )
        env.update(self.extra_env)
        env.setdefault("KCK_TRACKER_DIALECT", "sqlite")
        env.setdefault("KCK_TRACKER_HOST", "")
        env.setdefault("KCK_TRACKER_DB", str(s.var_dir / "tracker.db"))
        return env

    def commands(self) -> Dict[str, List[str]]:
        s = self.settings
        python = sys.executable
        return {
            "actions": [python, "-m", "bot.action_server", "-p", str(s.action_port)],
            "rasa": [
                python,
                "-m",
                "rasa",
                "run",
                "--enable-api",
                # One argument with "=": a generated token may start with "-",
                # which argparse would take for an option.
                f"--auth-token={s.rasa_token}",
                "-i",
                "127.0.0.1",
                "-p",
                str(s.rasa_port),
                "--model",
                str(self.model),
                "--endpoints",
                "endpoints.yml",
                "--credentials",
                "credentials.yml",
            ],
            "gateway": [python, "-m", "bot.gateway"],
        }

    def environment_for(self, name: str) -> Dict[str, str]:
        """The environment of one process (the same for all three here; the cluster
        gives each replica its own ports and peers)."""
        return self.environment()

    def health_urls(self) -> List[str]:
        """Gateways whose /healthz must report every part healthy."""
        return [self.settings.gateway_url]

    def ports(self) -> List[int]:
        """The ports of its processes ("-p", or a gateway's KCK_GATEWAY_PORT): all replicas."""
        found = []
        for name, command in self.commands().items():
            if "-p" in command:
                found.append(int(command[command.index("-p") + 1]))
            else:
                found.append(int(self.environment_for(name)["KCK_GATEWAY_PORT"]))
        return found

    def start(self) -> None:
        """Starts the processes and waits until the gateway reports every part healthy;
        refuses ports another stack already answers on (bot/ports.py)."""
        refuse_busy(self.ports())
        make_private(self.settings.var_dir)  # and kck.db, made by the migration before this
        logs = self.settings.var_dir / "log"
        logs.mkdir(parents=True, exist_ok=True, mode=0o700)
        for name, command in self.commands().items():
            self.start_one(name, command, self.environment_for(name), logs / f"{name}.log")
        self.wait_healthy()

    def start_one(self, name: str, command: List[str], env: Dict[str, str], log: Path) -> None:
        descriptor = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with open(descriptor, "ab") as out:
            self.processes[name] = subprocess.Popen(  # noqa: S603 - our own fixed commands
                command,
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                umask=PRIVATE_UMASK,  # tracker.db, photos, Rasa's files: the owner's only
            )

    def restart(self, name: str) -> None:
        """Starts one stopped process again (fault tests)."""
        log = self.settings.var_dir / "log" / f"{name}.log"
        self.start_one(name, self.commands()[name], self.environment_for(name), log)

    def health(self, url: str | None = None) -> dict | None:
        try:
            response = httpx.get(f"{url or self.settings.gateway_url}/healthz", timeout=5)
            return dict(response.json())
        except (httpx.HTTPError, ValueError):
            return None

    def wait_healthy(self, timeout: float = START_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for name, process in self.processes.items():
                if process.poll() is not None:
                    log = self.settings.var_dir / "log" / f"{name}.log"
                    raise RuntimeError(f"{name} exited with {process.returncode}; see {log}")
            states = [self.health(url) for url in self.health_urls()]
            if all(state and state.get("status") == "ok" for state in states):
                return
            time.sleep(1)
        raise RuntimeError(f"the assistant did not become healthy within {timeout:.0f} s")

    def stop_one(self, name: str, timeout: float = 15) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def stop(self) -> None:
        """Stops the gateways first (no new messages), then Rasa, then the actions."""
        order = {"gateway": 0, "rasa": 1, "actions": 2}
        for name in sorted(self.processes, key=lambda n: order.get(n.split("-")[0], 3)):
            self.stop_one(name)


@contextmanager
def running(settings: Settings, extra_env: Dict[str, str]) -> Iterator[Stack]:
    """A migrated, started stack that is stopped on leaving (tests and the benchmark).

    When it does not come up, the tail of each process's log is printed, since
    the caller only sees "not healthy".
    """
    upgrade(settings.db_url)
    stack = Stack(settings, extra_env=extra_env)
    try:
        stack.start()
    except Exception:
        stack.stop()
        for log in sorted((settings.var_dir / "log").glob("*.log")):
            print(f"--- {log.name}\n{log.read_text(errors='replace')[-4000:]}")
        raise
    try:
        yield stack
    finally:
        stack.stop()


def print_demo_accounts(settings: Settings) -> None:
    """Demo only: console accounts with fresh random passwords, printed once.

    Outside the demo there are no default accounts; the city creates them with
    ``python -m bot.console.accounts_cli add``.
    """
    db = Database(settings.db_url)
    try:
        credentials = ensure_demo_accounts(db)
    finally:
        db.dispose()
    print("\nDemo console accounts (new passwords on every start):")
    for login, password in credentials:
        print(f"  {login:<12} {password}")


def telegram_line(settings: Settings) -> str:
    """How residents reach the bot on Telegram (its state is in /healthz)."""
    if not settings.telegram_bot_token:
        return "off (set TELEGRAM_BOT_TOKEN to turn it on)"
    if settings.telegram_mode == "webhook":
        return f"webhook at {settings.gateway_url}/telegram/webhook"
    return "on, polling Telegram for updates"


def main() -> None:
    os.umask(PRIVATE_UMASK)  # var/, kck.db and the logs made here: the owner's only
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--demo", action="store_true", help="the local demo of `make run`")
    args = parser.parse_args()
    settings = load_settings()
    stack = Stack(settings)
    if not stack.model.exists():
        sys.exit("No trained model in models/: run `make model` first.")
    print("Starting Rasa, the action server and the gateway (this takes about a minute)...")
    def banner() -> str:
        url = settings.gateway_url
        return (
            "\nKCK Assistant is running:\n"
            f"  widget demo page   {url}/\n"
            f"  console            {url}/console\n"
            f"  health             {url}/healthz\n"
            f"  Rasa server        {settings.rasa_url} (API token: {settings.var_dir}/rasa_token)\n"
            f"  action server      {settings.action_server_url}\n"
            f"  logs               {settings.var_dir}/log/\n"
            f"  Telegram           {telegram_line(settings)}\n"
            "Press Ctrl-C to stop."
        )

    serve(stack, banner, demo=args.demo)


def serve(
    stack: Stack, banner: Callable[[], str], demo: bool, prepare: Callable[[], None] = lambda: None
) -> None:
    """Runs a started-here stack (or cluster) until Ctrl-C, SIGTERM or a process exits."""
    # Raise KeyboardInterrupt on SIGINT and SIGTERM even when started in the
    # background (which may inherit SIGINT as ignored), so all processes stop.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        prepare()
        stack.start()
        if demo:
            print_demo_accounts(stack.settings)
        print(banner(), flush=True)
        while all(p.poll() is None for p in stack.processes.values()):
            time.sleep(1)
        print("A process stopped unexpectedly; stopping the others.", file=sys.stderr)
    except KeyboardInterrupt:
        pass
    except RuntimeError as error:
        print(f"Start failed: {error}", file=sys.stderr)
    finally:
        print("\nStopping...", flush=True)
        stack.stop()
        print("Stopped.")

if __name__ == "__main__":
    main()
