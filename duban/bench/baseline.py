"""The bare baseline (裸基线) of ``duban bench web``: a minimal WSGI app without Django.

It stands for the physical limit of the machine for two of duban's pages: it
runs the one query the page needs, in its best form — a liaison's open items in
their units' scope (lead unit through the (unit, state) index, or a cooperating
unit), by deadline, with the names of lead unit,
leader and responsible person and the total count — and answers the rows:

- ``/api?unit=ID&state=S&limit=25``: the rows serialised as JSON (the API list);
- ``/ledger?unit=ID&state=S&limit=50``: the rows rendered as an HTML table (the ledger page).

Served by the same gunicorn as duban (``gunicorn duban.bench.baseline:app``),
with the database from ``BENCH_BASELINE_DB`` (``sqlite:///path`` or
``postgres://…``). It imports nothing of Django or duban: only the standard
library and psycopg.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import sqlite3
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

COLUMNS = (
    "id", "source_id", "parent_id", "number", "kind", "title", "state", "lead_unit_id", "lead_unit",
    "leader_id", "leader", "responsible_id", "responsible", "start_date", "deadline",
    "progress_percent", "priority", "report_frequency", "light", "light_reasons", "count",
)  # fmt: skip

QUERY = """
SELECT i.id, i.source_id, i.parent_id, i.number, i.kind, i.title, i.state, i.lead_unit_id, u.name,
       i.leader_id, l.name, i.responsible_id, r.name, i.start_date, i.deadline,
       i.progress_percent, i.priority, i.report_frequency, i.light, i.light_reasons, count(*) OVER ()
FROM supervision_item i
LEFT JOIN org_unit u ON u.id = i.lead_unit_id
LEFT JOIN org_person l ON l.id = i.leader_id
LEFT JOIN org_person r ON r.id = i.responsible_id
WHERE i.id IN (SELECT s.id FROM supervision_item s WHERE s.lead_unit_id IN ({units}) AND s.state IN ({states})
               UNION ALL
               SELECT c.item_id FROM supervision_item_cooperating_units c WHERE c.unit_id IN ({units}))
  AND i.state IN ({states})
ORDER BY i.deadline IS NULL, i.deadline, i.id
LIMIT {mark}
"""

Start = Callable[[str, list[tuple[str, str]]], Any]
_connections: dict[str, Any] = {}


def _connect() -> tuple[Any, str]:
    """One connection per worker process, opened on its first request."""
    url = os.environ["BENCH_BASELINE_DB"]
    if url not in _connections:
        if url.startswith("sqlite:///"):
            _connections[url] = sqlite3.connect(url.removeprefix("sqlite:///"), check_same_thread=False)
        else:
            import psycopg

            _connections[url] = psycopg.connect(url, autocommit=True)
    return _connections[url], "?" if url.startswith("sqlite:") else "%s"


def rows(units: list[int], states: list[str], limit: int) -> list[dict[str, Any]]:
    """The page's rows, as dicts keyed by ``COLUMNS``."""
    db, mark = _connect()
    sql = QUERY.format(
        states=", ".join([mark] * len(states)), units=", ".join([mark] * len(units)), mark=mark
    )
    cursor = db.execute(sql, [*units, *states, *units, *states, limit])
    return [dict(zip(COLUMNS, values, strict=True)) for values in cursor.fetchall()]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def as_json(found: list[dict[str, Any]]) -> bytes:
    items = []
    for r in found:
        reasons = r["light_reasons"]
        items.append(
            {
                **{k: _plain(v) for k, v in r.items() if k not in {"light_reasons", "count"}},
                "light_reasons": json.loads(reasons) if isinstance(reasons, str) else reasons,
            }
        )
    count = found[0]["count"] if found else 0
    return json.dumps({"count": count, "items": items}, ensure_ascii=False).encode()


def as_html(found: list[dict[str, Any]]) -> bytes:
    cells = ("number", "title", "lead_unit", "leader", "responsible", "deadline", "state", "light")
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(_plain(r[c]) or ''))}</td>" for c in cells) + "</tr>"
        for r in found
    )
    page = (
        '<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>督办台账</title></head>'
        f"<body><table><tbody>{body}</tbody></table></body></html>"
    )
    return page.encode()


def app(environ: dict[str, Any], start_response: Start) -> Iterable[bytes]:
    """The WSGI entry point."""
    query = parse_qs(environ.get("QUERY_STRING", ""))
    units = [int(u) for u in query.get("unit", [])]
    states = query.get("state", [])
    limit = int(query.get("limit", ["25"])[0])
    path = environ.get("PATH_INFO", "")
    if path not in {"/api", "/ledger"} or not units or not states:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]
    found = rows(units, states, limit)
    if path == "/api":
        body, kind = as_json(found), "application/json"
    else:
        body, kind = as_html(found), "text/html; charset=utf-8"
    start_response("200 OK", [("Content-Type", kind), ("Content-Length", str(len(body)))])
    return [body]
