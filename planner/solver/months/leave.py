"""Leave and rotation: a rotator is in a block only in months they mostly work — a rotation block
never includes a month in which the person is on leave (``unavailability.csv``) for more than
half of its working days. A block inside a long leave would be months of training on paper only;
a few days of leave inside a block are fine.

The same holds for the months a failed timetable asked the person to stay in their own
department (:mod:`.avoid`). A block begun before a re-plan's freeze date is a fact and is kept
whatever leave was entered since. Without a working-day calendar
(:attr:`MonthsModel.calendar`) this rule is not applied.
"""

from __future__ import annotations

from planner.solver.months.model import MonthsModel


def add(mm: MonthsModel) -> None:
    days = mm.days
    if days is None or mm.light:
        return
    for o in mm.options:
        fact = mm.begun(o)
        held = range(fact[0], fact[0] + fact[1]) if fact else range(0)
        for k, v in o.months.items():
            if k not in held and days.leave_month(o.pid, k):
                mm.model.add(v == 0).only_enforce_if(mm.enforce(("leave", o.pid, k)))
            elif k not in held and mm.kept_home(o, k):
                mm.model.add(v == 0)
