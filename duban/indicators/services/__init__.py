"""Indicator writes (指标数据的写入): named services ``<entity>_<verb>(*, actor, ...)``.

Each is ``@transaction.atomic`` and records its audit row in the same transaction;
each checks the actor against :mod:`duban.indicators.policy` first.

- :mod:`.definitions`: ``indicator_create``, ``indicator_update`` (指标定义);
- :mod:`.subjects`: ``subject_create``, ``subject_update``, ``peer_set_create``, ``peer_set_update``;
- :mod:`.values`: ``indicator_value_enter``, ``indicator_value_correct`` (录入、更正), with growth (比增)
  computed from the prior year's value or entered as published;
- :mod:`.targets`: ``target_set`` (年度目标);
- :mod:`.imports`: ``values_import_preview`` and ``values_import`` (统计月报导入);
- :mod:`.warning_items`: ``warning_to_item`` (预警转督办).
"""
