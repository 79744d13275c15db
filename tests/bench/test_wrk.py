"""duban/bench/wrk.py: the load tool's command line and summary, read from tables (no wrk run)."""

from __future__ import annotations

import pytest

from duban.bench import wrk
from duban.bench.wrk import Figures, Request

LINE = (
    'RESULT {"requests": 480, "seconds": 10.000, "p50_ms": 30.25, "p95_ms": 80.50, "p99_ms": 120.00, '
    '"non2xx": 3, "socket_errors": 2}'
)


def test_the_summary_line_gives_throughput_latencies_and_errors() -> None:
    figures = wrk.parse("Running 10s test @ http://127.0.0.1:1/\n" + LINE + "\n")
    assert figures == Figures(rps=48.0, p50_ms=30.2, p95_ms=80.5, p99_ms=120.0, errors=5, requests=480)
    assert figures.as_json() == {"rps": 48.0, "p50_ms": 30.2, "p95_ms": 80.5, "p99_ms": 120.0, "errors": 5}


def test_output_without_a_summary_is_refused() -> None:
    with pytest.raises(ValueError, match="no RESULT line"):
        wrk.parse("unable to connect to 127.0.0.1:1 Connection refused")


@pytest.mark.parametrize(
    ("clients", "seconds", "expected"),
    [
        (1, 10.0, ["-t1", "-c1", "-d10s"]),
        (16, 0.4, ["-t2", "-c16", "-d1s"]),
        (64, 2.6, ["-t2", "-c64", "-d3s"]),
    ],
)
def test_the_command_line(clients: int, seconds: float, expected: list[str]) -> None:
    request = Request("/api/v1/supervision/items?limit=25", (("Authorization", "Bearer x"),))
    argv = wrk.command("http://127.0.0.1:8000/", request, clients=clients, seconds=seconds)
    assert argv[1:4] == expected
    assert argv[argv.index("-s") + 1] == str(wrk.SCRIPT) and wrk.SCRIPT.exists()
    assert argv[argv.index("-H") : argv.index("-H") + 2] == ["-H", "Authorization: Bearer x"]
    assert argv[-1] == "http://127.0.0.1:8000/api/v1/supervision/items?limit=25"


def test_the_ratio_to_the_baseline() -> None:
    ours = Figures(rps=50.0, p50_ms=1, p95_ms=2, p99_ms=3, errors=0, requests=500)
    bare = Figures(rps=1000.0, p50_ms=1, p95_ms=2, p99_ms=3, errors=0, requests=10000)
    assert wrk.ratio(ours, bare) == 0.05
    assert wrk.ratio(ours, Figures(0, 0, 0, 0, 0, 0)) == 0.0
