"""The checker's findings as text the office reads: grouped by rule family, counted."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from planner.check.violation import Violation

#: Families in the order the office reads them: hard rules first, then quotas.
FAMILIES = ("sessions", "pins", "rooms", "speakers", "people", "coverage",
            # month by month: rotations (轮转) and their exit exams, external study (进修) and its
            # teach-back lectures, then the departments' monthly coverage
            "rotations", "exit exams", "external study", "teach-back", "monthly coverage",
            "hospital rules", "quotas")


def format_violations(violations: Iterable[Violation]) -> str:
    """``N violation(s)`` then one block per family (``rooms (2):``) listing its messages."""
    by_rule: dict[str, list[str]] = defaultdict(list)
    for v in sorted(set(violations)):
        by_rule[v.rule].append(v.message)
    if not by_rule:
        return ("Independent check: no violations — every hard rule holds and every quota "
                "figure agrees.\n")
    total = sum(len(v) for v in by_rule.values())
    order = [f for f in FAMILIES if f in by_rule] + sorted(set(by_rule) - set(FAMILIES))
    lines = [f"Independent check: {total} violation(s)"]
    for rule in order:
        lines.append("")
        lines.append(f"{rule} ({len(by_rule[rule])}):")
        lines.extend(f"  - {m}" for m in by_rule[rule])
    return "\n".join(lines) + "\n"
