"""Driving ``wrk`` (the load tool) and reading its summary: pure, no Django, no database.

``wrk.lua`` beside this module prints one ``RESULT {json}`` line per run; every
answer outside 200–299 counts as an error there (a redirect to the login page is
not speed), and so do socket errors (refused, reset, timed out).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

SCRIPT = Path(__file__).with_name("wrk.lua")


@dataclass(frozen=True)
class Request:
    """One benchmark case's request: the path on the server, headers, and a JSON body for a POST."""

    path: str
    headers: tuple[tuple[str, str], ...] = ()
    body: str = ""


@dataclass(frozen=True)
class Figures:
    """What one wrk run measured (吞吐与延迟)."""

    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int
    requests: int

    def as_json(self) -> dict[str, float | int]:
        """The figures as ``--json`` gives them per client count."""
        out = asdict(self)
        del out["requests"]
        return out


def command(base_url: str, request: Request, *, clients: int, seconds: float, timeout: int = 30) -> list[str]:
    """The wrk argv: one thread per client up to two (wrk needs threads <= connections).

    wrk takes whole seconds; a run lasts at least one.
    """
    whole = max(1, round(seconds))
    argv = ["wrk", f"-t{min(clients, 2)}", f"-c{clients}", f"-d{whole}s", "--timeout", f"{timeout}s"]
    argv += ["-s", str(SCRIPT), "--latency"]
    for name, value in request.headers:
        argv += ["-H", f"{name}: {value}"]
    return [*argv, base_url.rstrip("/") + request.path]


def parse(output: str) -> Figures:
    """The figures from wrk's output (the ``RESULT`` line of ``wrk.lua``); ValueError if there is none."""
    for line in output.splitlines():
        if line.startswith("RESULT "):
            data = json.loads(line.removeprefix("RESULT "))
            seconds = float(data["seconds"]) or 1e-9
            return Figures(
                rps=round(data["requests"] / seconds, 1),
                p50_ms=round(float(data["p50_ms"]), 1),
                p95_ms=round(float(data["p95_ms"]), 1),
                p99_ms=round(float(data["p99_ms"]), 1),
                errors=int(data["non2xx"]) + int(data["socket_errors"]),
                requests=int(data["requests"]),
            )
    raise ValueError(f"wrk printed no RESULT line:\n{output[-2000:]}")


def ratio(duban: Figures, baseline: Figures) -> float:
    """duban's throughput as a share of the bare baseline's (1.0 = as fast as the limit)."""
    return duban.rps / baseline.rps if baseline.rps else 0.0


HEADER = f"{'case':<22} {'clients':>7} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}"


def row(name: str, clients: int, f: Figures) -> str:
    """One line of the printed table."""
    return (
        f"{name:<22} {clients:>7} {f.rps:>9,.1f} {f.p50_ms:>8.1f} {f.p95_ms:>8.1f} {f.p99_ms:>8.1f} "
        f"{f.errors:>7,}"
    )
