"""Indicator pages (指标监测): the month's overview, an indicator's page, value entry and correction."""
