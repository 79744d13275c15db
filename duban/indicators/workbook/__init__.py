"""The monthly statistics workbook (统计月报): reading the shapes statisticians get, and writing them.

- :mod:`.layout`: the column names, sheet names and number formats both directions share;
- :mod:`.read`: a workbook → figures by sheet, row and column (no ORM; on :mod:`duban.core.sheets`);
- :mod:`.export`: the values in scope → the same shapes, written streamed (write-only openpyxl).

Matching figures to indicators and subjects, the preview and the write are the
service's (:mod:`duban.indicators.services.imports`).
"""
