"""Indicators (指标监测, SPEC C): definitions, subjects and peer sets, values, targets.

Pure computation, no ORM inside (dataclasses in, values out): ``growth`` (比增),
``expected`` (序时 and 双过半), ``ranking`` (排名), ``warnings`` (预警) and
``sentences`` (报告用语). The models are in ``models``.

What comes next (issue 10): services (``indicator_value_enter`` and the other
writes, with their audit rows), selectors and read bundles feeding the pure
modules, a policy (statisticians write; leaders and the supervision office read
everything; a unit sees what it is responsible for), the monthly workbook
import/export on ``core.sheets``, pages with charts and the API. Turning a
warning into a supervision item belongs to a layer above both apps: this one
sits below supervision and never imports it.
"""
