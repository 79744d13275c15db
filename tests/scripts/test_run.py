"""scripts/run serves with the task worker beside the web server; Ctrl-C stops both.

The serving step (``serve_with_worker`` in scripts/_lib.sh) runs here with two stub
programs in place of gunicorn and ``duban run_huey``; Ctrl-C is a SIGINT to the
whole process group, as a terminal sends it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STUB = """
import pathlib, signal, sys, time
mark = pathlib.Path(sys.argv[1])
def stop(signum, frame):
    mark.write_text(f"stopped by {signum}")
    sys.exit(0)
signal.signal(signal.SIGINT, stop)
signal.signal(signal.SIGTERM, stop)
print("started", flush=True)
time.sleep(float(sys.argv[2]))
mark.write_text("ended by itself")
"""

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="bash script")


def _serve(tmp_path: Path, *, worker_lives: float = 60) -> subprocess.Popen[str]:
    stub = tmp_path / "stub.py"
    stub.write_text(STUB)
    script = (
        f'source "{ROOT}/scripts/_lib.sh"\n'
        f'WORKER=("{sys.executable}" "{stub}" "{tmp_path}/worker" {worker_lives})\n'
        f'WEB=("{sys.executable}" "{stub}" "{tmp_path}/web" 60)\n'
        f'serve_with_worker "{tmp_path}/logs/worker.log"\n'
    )

    def interruptible() -> None:  # a terminal's child: SIGINT not ignored
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    return subprocess.Popen(  # noqa: S603 - our own script, fixed arguments
        ["bash", "-c", script],  # noqa: S607
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        preexec_fn=interruptible,  # noqa: PLW1509 - no threads are started before it
    )


def _wait_for(path: Path, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)


def test_ctrl_c_stops_the_web_server_and_the_worker_and_the_worker_log_is_named(tmp_path: Path) -> None:
    # given the web server and the worker running
    run = _serve(tmp_path)
    time.sleep(2.5)
    assert (tmp_path / "logs" / "worker.log").read_text().strip() == "started"
    # when Ctrl-C
    os.killpg(run.pid, signal.SIGINT)
    output, _ = run.communicate(timeout=20)
    # then both were stopped, the run ends quietly, and the output named the worker's log
    assert run.returncode == 0
    assert (tmp_path / "web").read_text().startswith("stopped by")
    assert (tmp_path / "worker").read_text().startswith("stopped by")
    assert f"{tmp_path}/logs/worker.log" in output
    assert "WARNING" not in output


def test_a_worker_that_dies_takes_the_web_server_down_with_a_warning(tmp_path: Path) -> None:
    # given a worker that ends after two seconds
    run = _serve(tmp_path, worker_lives=2)
    # when it ends
    output, _ = run.communicate(timeout=20)
    # then the web server is stopped too and the output says why
    assert (tmp_path / "worker").read_text() == "ended by itself"
    assert (tmp_path / "web").read_text().startswith("stopped by")
    assert "the task worker stopped" in output
