# Shared by scripts/run and scripts/test (sourced, not run). Bash.
# Sets ROOT and cds there; provides the set-up steps both commands share.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 1
VENV="$ROOT/.venv"
LOGDIR="$VENV/logs"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
warn() { printf '\033[33mWARNING: %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }

# python3 must be 3.11 or newer (Django 5.2 LTS supports 3.10–3.13; the project needs 3.11+).
find_python() {
    local candidate
    for candidate in ${PYTHON:-} python3 python3.13 python3.12 python3.11; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

hash_of() { cat "$@" | sha256sum | cut -d' ' -f1; }

# ensure_venv base|dev — create .venv if missing, install requirements/<kind>.txt and the
# project itself; skipped when the requirements and pyproject.toml are unchanged since the last install.
ensure_venv() {
    local kind=$1 python stamp wanted
    if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys' 2>/dev/null; then
        python=$(find_python) || die "Python 3.11 or newer is needed as python3.
  Debian/Ubuntu: sudo apt-get install python3 python3-venv     (or set PYTHON=/path/to/python3.11)"
        say "Creating the virtual environment .venv with $python ($("$python" --version 2>&1))"
        rm -rf "$VENV"
        "$python" -m venv "$VENV" || die "could not create .venv.
  Debian/Ubuntu: sudo apt-get install python3-venv"
    fi
    mkdir -p "$LOGDIR"
    stamp="$VENV/.duban-installed-$kind"
    wanted=$(hash_of requirements/base.txt "requirements/$kind.txt" pyproject.toml)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] && [ -x "$VENV/bin/duban" ]; then
        say "Python packages up to date (requirements/$kind.txt unchanged)"
        return 0
    fi
    say "Installing Python packages from requirements/$kind.txt (log: .venv/logs/pip-$kind.log)"
    if ! {
        "$VENV/bin/python" -m pip install --disable-pip-version-check -q -r "requirements/$kind.txt" &&
            "$VENV/bin/python" -m pip install --disable-pip-version-check -q --no-deps -e .
    } >"$LOGDIR/pip-$kind.log" 2>&1; then
        tail -n 25 "$LOGDIR/pip-$kind.log" >&2
        die "pip could not install requirements/$kind.txt (full log: .venv/logs/pip-$kind.log).
  Check that PyPI is reachable (or that PIP_INDEX_URL points at a mirror), then run this again."
    fi
    echo "$wanted" >"$stamp"
}

# ensure_assets — Bootstrap, Bootstrap Icons, htmx and Chart.js from package-lock.json into node_modules/.
ensure_assets() {
    local stamp="node_modules/.duban-installed" wanted
    command -v npm >/dev/null 2>&1 || die "npm is needed to install the web assets (Bootstrap, htmx, Chart.js).
  Debian/Ubuntu: sudo apt-get install nodejs npm     (Node.js 18 or newer)"
    wanted=$(hash_of package.json package-lock.json)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
        say "Web assets up to date (package-lock.json unchanged)"
        return 0
    fi
    say "Installing web assets with npm ci"
    mkdir -p "$LOGDIR"
    if ! npm ci --no-audit --no-fund --loglevel=error >"$LOGDIR/npm.log" 2>&1; then
        tail -n 25 "$LOGDIR/npm.log" >&2
        die "npm ci failed (full log: .venv/logs/npm.log). Check that the npm registry is reachable, then run this again."
    fi
    echo "$wanted" >"$stamp"
}

# serve_with_worker WORKER_LOG — run the task worker (the array WORKER, output to
# WORKER_LOG) beside the web server (the array WEB, in the foreground's output) until
# one of them stops or Ctrl-C; then stop both. Exits 0 on Ctrl-C/TERM, else with
# the status of whichever stopped first.
serve_with_worker() {
    local log=$1 status=0
    mkdir -p "$(dirname "$log")"
    "${WORKER[@]}" >>"$log" 2>&1 &
    SERVE_WORKER_PID=$!
    SERVE_WEB_PID=""
    # Ctrl-C reaches every process of the terminal's group; the trap makes sure both go, quietly.
    trap '_serve_stop; exit 0' INT TERM
    sleep 1
    if ! kill -0 "$SERVE_WORKER_PID" 2>/dev/null; then
        tail -n 20 "$log" >&2
        die "the task worker stopped at once (log: $log)"
    fi
    echo "Task worker running (pid $SERVE_WORKER_PID); its log: $log"
    echo "Stop both with Ctrl-C."
    echo
    "${WEB[@]}" &
    SERVE_WEB_PID=$!
    wait -n "$SERVE_WEB_PID" "$SERVE_WORKER_PID" || status=$?
    if kill -0 "$SERVE_WEB_PID" 2>/dev/null; then
        warn "the task worker stopped (log: $log); stopping the web server too"
    else
        warn "the web server stopped; stopping the task worker too"
    fi
    _serve_stop
    return "$status"
}

_serve_stop() {
    trap - INT TERM
    local pid
    for pid in $SERVE_WEB_PID $SERVE_WORKER_PID; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
}
