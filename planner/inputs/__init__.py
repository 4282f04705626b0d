"""Loading and validating inputs: a CSV folder + ``plan.yaml``, or one ``.xlsx`` workbook.

Layers, bottom up: :mod:`.schema` (tables and columns), :mod:`.tables` (raw cells from CSV or
Excel), :mod:`.cells` / :mod:`.enums` / :mod:`.who` (typed cells), :mod:`.plandoc` /
:mod:`.settings` (plan settings), one module per group of tables (:mod:`.staffing`,
:mod:`.courses`, :mod:`.rotations`, :mod:`.availability`), and :mod:`.problem`, which reads them
in dependency order and raises one :class:`~planner.errors.InputError` listing every issue.
"""

from planner.inputs.problem import load_problem
from planner.inputs.who import WhoSyntaxError, parse_who

__all__ = ["load_problem", "parse_who", "WhoSyntaxError"]
