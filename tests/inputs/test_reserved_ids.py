"""Course ids starting ``exit:`` or ``teach-back:`` belong to the sessions the planner adds
itself (exit exams 出科考核, teach-backs 回院汇报): courses.csv may not use them."""

from __future__ import annotations

import pytest
from conftest import base_rows, issues_of, write_inputs


@pytest.mark.parametrize("cid", ["exit:NK:2027-03", "teach-back:JX1:S013"])
def test_reserved_course_id_is_rejected_with_file_row_column(tmp_path, cid: str) -> None:
    rows = base_rows("courses")
    rows[1]["id"] = cid
    issues = issues_of(write_inputs(tmp_path / "h", {"courses": rows}))
    hits = [i for i in issues if i.file == "courses.csv" and i.column == "id"]
    assert len(hits) == 1, issues
    assert hits[0].row == 3 and hits[0].value == cid
    assert "reserved" in hits[0].expected and "exit:" in hits[0].expected


def test_ids_merely_containing_the_words_are_fine(tmp_path) -> None:
    rows = base_rows("courses")
    rows[1]["id"] = "pre-exit-review"
    from planner.inputs import load_problem

    problem = load_problem(write_inputs(tmp_path / "h", {"courses": rows}))
    assert "pre-exit-review" in {c.id for c in problem.courses}
