"""``duban bench web``: serve duban with gunicorn on loopback and drive it with wrk.

The run, in one process that already holds the benchmark's environment (see
:func:`bench_env`): the database is migrated and, if it holds no items, filled
by ``duban generate``; the users are signed in (:mod:`duban.bench.targets`);
then duban is served by gunicorn as in production (``duban.settings.prod``,
worker processes, no access log) and every case is driven at every client count,
after a short warm-up; then the bare baseline (:mod:`duban.bench.baseline`) is
served by the same gunicorn and driven for the cases it stands for.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from . import wrk
from .wrk import Figures, Request

CHILD = "DUBAN_BENCH_CHILD"  # set in the environment the command re-runs itself in
Results = dict[str, dict[int, Figures]]


@dataclass(frozen=True)
class Plan:
    """How to serve and drive: client counts, seconds per run, gunicorn's workers."""

    clients: tuple[int, ...]
    seconds: float
    warmup: float
    workers: int
    threads: int


def bench_env(*, database: str, data_dir: Path) -> dict[str, str]:
    """The environment of the run: production settings on the benchmark's database.

    Keys are made up for a scratch database unless the caller's environment has
    its own; the audit key stays the same for everything the run writes (generate,
    logins, the API writes), so the chain there verifies.
    """
    env = dict(os.environ)
    env.update(
        {
            CHILD: "1",
            "DJANGO_SETTINGS_MODULE": "duban.settings.prod",
            "DUBAN_DATA_DIR": str(data_dir),
            "DUBAN_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DUBAN_LOG_LEVEL": env.get("DUBAN_LOG_LEVEL", "WARNING"),
        }
    )
    keys = data_dir / "bench-keys"
    if not keys.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        keys.write_text(f"{secrets.token_urlsafe(40)}\n{secrets.token_urlsafe(40)}\n", encoding="utf-8")
    secret, audit = keys.read_text(encoding="utf-8").split()
    env.setdefault("DUBAN_SECRET_KEY", secret)
    env.setdefault("DUBAN_AUDIT_KEY", audit)
    if database:
        env["DUBAN_DATABASE_URL"] = database
    else:
        env.pop("DUBAN_DATABASE_URL", None)
    return env


def database_url() -> str:
    """The running database as a URL the baseline (without Django) can open."""
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgresql://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _up(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own loopback URL
            return True
    except urllib.error.HTTPError:
        return True  # it answered
    except OSError:
        return False


@contextmanager
def served(app: str, plan: Plan, *, env: dict[str, str], log: Path) -> Iterator[str]:
    """gunicorn serving ``app`` on a free loopback port; yields its base URL, stops it after."""
    port = _free_port()
    argv = [
        sys.executable, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{port}",
        "--workers", str(plan.workers), "--threads", str(plan.threads),
        "--worker-class", "gthread" if plan.threads > 1 else "sync",
        "--timeout", "120", "--graceful-timeout", "5", "--error-logfile", str(log),
    ]  # fmt: skip
    with log.open("ab") as sink:  # the app's own error output too, not the run's
        process = subprocess.Popen(  # noqa: S603 - our own argv
            argv, env=env, stdin=subprocess.DEVNULL, stdout=sink, stderr=sink
        )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at once (exit {process.returncode}); see {log}")
            if _up(base + "/healthz"):
                break
            time.sleep(0.1)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def status_of(base: str, request: Request) -> int:
    """The status of one request, as the case sends it (a redirect is not followed)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    data = request.body.encode() if request.body else None
    req = urllib.request.Request(base + request.path, data=data, headers=dict(request.headers))  # noqa: S310
    if data:
        req.add_header("Content-Type", "application/json")
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(req, timeout=60) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as refused:
        return refused.code
    except OSError:  # refused, reset or timed out: no status at all
        return 0


def drive(base: str, request: Request, *, clients: int, seconds: float) -> Figures:
    """One wrk run of one case at one client count."""
    argv = wrk.command(base, request, clients=clients, seconds=seconds)
    env = {**os.environ, "BENCH_BODY": request.body}
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    return wrk.parse(done.stdout + done.stderr)


def drive_all(base: str, cases: dict[str, Request], plan: Plan, say: Callable[[str], None]) -> Results:
    """Every case at every client count (each case warmed up first); prints a row per run."""
    results: Results = {}
    for name, request in cases.items():
        status = status_of(base, request)
        if not 200 <= status < 300:  # noqa: PLR2004 - the 2xx range
            say(f"{name}: a single request answers {status} (every such answer counts as an error)")
        if plan.warmup:
            drive(base, request, clients=min(plan.clients[-1], 8), seconds=plan.warmup)
        for clients in plan.clients:
            figures = drive(base, request, clients=clients, seconds=plan.seconds)
            results.setdefault(name, {})[clients] = figures
            say(wrk.row(name, clients, figures))
    return results


def as_json(results: Results) -> dict[str, dict[str, dict[str, dict[str, float | int]]]]:
    """``{NAME: {"clients": {"16": {rps, p50_ms, p95_ms, p99_ms, errors}}}}``."""
    return {
        name: {"clients": {str(c): f.as_json() for c, f in runs.items()}} for name, runs in results.items()
    }


def ratios(cases: Results, baseline: Results) -> list[str]:
    """duban's throughput as a share of the baseline's, per case and client count."""
    lines = []
    for name, runs in baseline.items():
        for clients, bare in runs.items():
            ours = cases.get(name, {}).get(clients)
            if ours is not None:
                lines.append(
                    f"{name:<22} {clients:>7}  duban {ours.rps:,.1f} req/s = "
                    f"{wrk.ratio(ours, bare):.1%} of the bare baseline's {bare.rps:,.1f}"
                )
    return lines
