"""Supervision pages, one module per page (ledger, item, actions, sources, to-do, portfolio, files)."""
