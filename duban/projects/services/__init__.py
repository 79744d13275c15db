"""Writes of the projects domain: each a named service with its audit row in the same transaction.

- :mod:`.project`: the ledger (project create/update, milestones, flag settings);
- :mod:`.report`: monthly reports (immutable; a correction supersedes), photos, and a
  reported problem turned into a supervision item;
- :mod:`.lead`: attraction leads, their stages, targets, and a started lead → project;
- :mod:`.imports`: the ledger and monthly report sheets (preview, then all-or-nothing).
"""
