"""The rotators' wishes (``rotation_wishes.csv``) resolved per person, and each department's
discipline and host (``disciplines.csv``): what the wishes rule (:mod:`.wishes`), the ideal plan
(:mod:`.ideal`) and the constructive plan read. Plain data, no solver objects."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from planner.domain import Problem, WishKind, disciplines_of


@dataclass
class Weights:
    """Per person: points per block by department, per host change and per idle month; the
    fairness rows as (weight, people); each department's discipline and host."""

    discipline: dict[str, str] = field(default_factory=dict)  # dept → discipline (declared only)
    host: dict[str, str] = field(default_factory=dict)  # dept → host ("" = this hospital)
    _block: dict[str, dict[str, int]] = field(default_factory=dict)  # pid → dept → points
    change: dict[str, int] = field(default_factory=dict)  # pid → points per host change (≤ 0)
    idle: dict[str, int] = field(default_factory=dict)  # pid → points per idle month (≤ 0)
    fairness: list[tuple[int, frozenset[str]]] = field(default_factory=list)
    any: bool = False  # whether the inputs hold any wish

    @classmethod
    def of(cls, problem: Problem) -> Weights:
        w = cls()
        for d in disciplines_of(problem).values():
            w.discipline[d.department] = d.discipline
            w.host[d.department] = d.host
        if not problem.wishes:
            return w
        w.any = True
        h = problem.settings.horizon_start
        depts = [d.id for d in problem.departments]
        block: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for wish in problem.wishes:
            people = [s.id for s in problem.staff if wish.who.matches(s, h)]
            if wish.kind is WishKind.FAIRNESS:
                if wish.weight:
                    w.fairness.append((wish.weight, frozenset(people)))
                continue
            if wish.kind is WishKind.HOST_CHANGE:
                for p in people:
                    w.change[p] = w.change.get(p, 0) + wish.weight
                continue
            if wish.kind is WishKind.IDLE_MONTH:
                for p in people:
                    w.idle[p] = w.idle.get(p, 0) + wish.weight
                continue
            hit = [d for d in depts if (
                (wish.kind is WishKind.DEPARTMENT and d == wish.value)
                or (wish.kind is WishKind.DISCIPLINE and w.discipline.get(d) == wish.value)
                or (wish.kind is WishKind.HOST and w.host.get(d) == wish.value))]
            for p in people:
                for d in hit:
                    block[p][d] += wish.weight
        w._block = {p: {d: v for d, v in m.items() if v} for p, m in block.items()}
        return w

    def block(self, pid: str, dept: str) -> int:
        """Points ``pid`` gets for a block in ``dept``."""
        return self._block.get(pid, {}).get(dept, 0)

    def host_of(self, dept: str) -> str:
        return self.host.get(dept, "")

    def discipline_of(self, dept: str) -> str | None:
        """The declared discipline, or ``None`` (the department is its own discipline)."""
        return self.discipline.get(dept)
