"""Organisation registry (单位名录): the unit a name written in a document stands for.

Documents abbreviate unit names (县住建局 for 县住房和城乡建设局, 区发改局 for 区发展和改革局);
with a registry, each owner is reported as the registry's name.
"""

from __future__ import annotations

from collections.abc import Sequence


def _subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(ch in chars for ch in short)


def registry_name(name: str, units: Sequence[str]) -> str:
    """The registry unit a name stands for (县住建局 → 县住房和城乡建设局), or the name itself.

    An abbreviation keeps the first and the last character of the full name and the order of
    the rest; it is resolved only when exactly one registry unit fits.
    """
    if not units or len(name) < 3 or name in units:
        return name
    fits = [
        unit
        for unit in units
        if len(unit) > len(name) and unit[0] == name[0] and unit[-1] == name[-1] and _subsequence(name, unit)
    ]
    return fits[0] if len(fits) == 1 else name
