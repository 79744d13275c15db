"""Quantities (数量): amounts with units and the thing counted."""

from duban_extract.quantities.rules import find_quantities

__all__ = ["find_quantities"]
