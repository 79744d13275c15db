"""Benchmarks (基准测试): ``duban bench import|export|bulk|portfolio|web|jobs``.

``wrk`` runs the load tool and reads its summary (pure); ``baseline`` is the bare
WSGI app without Django that stands for the limit (no Django import); ``targets``
picks the users, items and URLs of a generated database and logs the users in;
``web`` serves duban (and the baseline) with gunicorn and drives them; ``jobs``
times the long jobs on the same database. The ledger benchmarks themselves live
in :mod:`duban.reports.bench_ledger`.
"""
