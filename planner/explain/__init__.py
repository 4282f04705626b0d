"""Why no plan is possible, and what would make one possible — in the plan's language.

``planner plan`` (on exit 3) and ``planner explain`` print the same diagnosis:

1. **the rules that clash** — a minimal set of rule instances the phases could not keep together
   (:mod:`planner.solver.findings`: the timetable's guard literals shrunk to a minimal core, a
   session with no possible time and what ruled each time out, an exit exam without a day),
   named with the people, departments, rooms, courses, days and months they are about;
2. **the relaxations** — changes to the inputs that would lift the conflict, each tried by
   running the phases again on the changed inputs (:mod:`planner.explain.relax`), e.g. "lower
   急诊科's minimum on duty from 3 to 2" or "王建国 (S01) available 2026-03-09..2026-03-13".

Words live in :mod:`planner.explain.labels` (Chinese and English side by side); nothing the
solver calls things, and no internal id, reaches the office.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from planner.domain import Problem
from planner.explain.labels import labels_for
from planner.explain.phases import Outcome, through_timetable
from planner.explain.relax import Candidates, Relaxation, apply
from planner.explain.words import Words
from planner.solver.config import SolverConfig
from planner.solver.findings import Finding
from planner.solver.replan.past import PastWork
from planner.workdays import WorkCalendar

#: Re-solves spent trying relaxations (each runs the months and the timetable again: about a
#: second for a county hospital, so a refusal costs at most a few seconds more).
MAX_TRIALS = 12
#: Relaxations shown (those that make a plan possible; then those lifting one conflict); the
#: trying stops once this many make a plan possible.
MAX_SHOWN = 4
#: Deterministic seconds for each re-solve (at most the run's own budget).
TRIAL_S = 4.0
#: Rules whose every finding is a conflict by itself (not part of a set that clashes).
SINGLE = ("no-time", "pin-no-time", "no-speaker", "no-room", "exam")


@dataclass
class Diagnosis:
    """What clashes (``findings``), and the changes tried that make a plan possible (``fixes``)
    or lift one conflict while others remain (``partial``)."""

    findings: list[Finding]
    fixes: list[Relaxation] = field(default_factory=list)
    partial: list[Relaxation] = field(default_factory=list)
    tried: int = 0

    @property
    def independent(self) -> bool:
        """Whether the findings are conflicts each on its own (sessions without a time, exams
        without a day) rather than one set that clashes together."""
        return len(self.findings) > 1 and all(f.rule in SINGLE for f in self.findings)

    @property
    def proven(self) -> bool:
        """Whether "no plan" is a proof (not a search that ran out of time)."""
        return bool(self.findings) and not any(f.rule == "limit" for f in self.findings)

    def lines(self, problem: Problem, lang: str | None = None) -> list[str]:
        """The diagnosis as the office reads it, in ``lang`` (default: the plan's language)."""
        t = labels_for(lang or problem.settings.language)
        w = Words(problem, t)
        if not self.proven:
            out = [t("head.limit")]
            out += [f"  - {line}" for line in w.findings(self.findings)]
            out.append(f"  {t('relax.limit')}")
            return out
        lines = w.findings(self.findings)
        out = [t("head") if len(lines) > 1 else t("head.one")]
        out += [f"  - {line}" for line in lines]
        if self.fixes:
            out.append(t("relax.head"))
            out += [f"  - {w.relaxation(r)}" for r in self.fixes[:MAX_SHOWN]]
        if self.partial and len(self.fixes) < MAX_SHOWN:
            out.append(t("relax.partial"))
            out += [f"  - {w.relaxation(r)}"
                    for r in self.partial[:MAX_SHOWN - len(self.fixes)]]
        if not self.fixes and not self.partial:
            out.append(t("relax.none"))
        if any(f.rule == "unexplained" for f in self.findings):
            out.append(t("relax.limit"))
        return out


def diagnose(problem: Problem, calendar: WorkCalendar, config: SolverConfig,
             findings: list[Finding], past: PastWork | None = None) -> Diagnosis:
    """The relaxations of ``findings`` (what the phases could not keep for ``problem``) that
    were tried and found to lift the conflict. Same inputs and configuration, same diagnosis."""
    out = Diagnosis(list(findings))
    if not out.proven:
        return out
    trial = replace(config, time_limit=min(config.time_limit, TRIAL_S), workers=1)
    done: set[tuple[object, ...]] = set()
    partial: dict[tuple[object, ...], Relaxation] = {}
    for relaxation, finding in Candidates(problem, calendar, out.findings).all():
        if out.tried >= MAX_TRIALS or len(out.fixes) >= MAX_SHOWN:
            break
        if relaxation.group in done:
            continue
        out.tried += 1
        result = through_timetable(apply(problem, relaxation), calendar, trial, past,
                                   only_whether=True)
        if result.ok:
            out.fixes.append(relaxation)
            done.add(relaxation.group)
            partial.pop(relaxation.group, None)
        elif out.independent and result.proven and relaxation.group not in partial \
                and finding.key not in {f.key for f in result.findings}:
            partial[relaxation.group] = relaxation  # a later step of the knob may do it all
    out.partial = list(partial.values())
    return out


def explain_inputs(problem: Problem, calendar: WorkCalendar, config: SolverConfig,
                   past: PastWork | None = None) -> tuple[Outcome, Diagnosis | None]:
    """``planner explain``: the phases up to the timetable; when they find no plan, the
    diagnosis."""
    outcome = through_timetable(problem, calendar, config, past, only_whether=True,
                                advise=True)
    if outcome.ok:  # the first timetable found answers it
        return outcome, None
    # the phases again as planner plan runs them, for the same minimal set plan names
    outcome = through_timetable(problem, calendar, config, past, advise=True)
    if outcome.ok:  # the quick look ran out of time; the full search found one
        return outcome, None
    return outcome, diagnose(problem, calendar, config, outcome.findings, past)


__all__ = ["Diagnosis", "Outcome", "diagnose", "explain_inputs", "through_timetable"]
