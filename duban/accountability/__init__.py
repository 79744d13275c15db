"""Accountability measures (问责): taken against a unit or person, linked to the items behind them."""
