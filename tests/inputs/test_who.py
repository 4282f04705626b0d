"""The "who" filter: parsing the office's one-cell descriptions and matching staff against them."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.domain import Grade, Role, Staff
from planner.inputs import WhoSyntaxError, parse_who

START = dt.date(2027, 1, 1)


def person(
    pid: str = "S1",
    role: Role = Role.DOCTOR,
    title: str = "主治医师",
    grade: Grade = Grade.INTERMEDIATE,
    dept: str = "NK",
    birth: dt.date | None = dt.date(1985, 1, 1),
    age: int | None = None,
) -> Staff:
    return Staff(pid, "x", dept, role, title, grade, birth_date=birth, age=age)


def test_everyone_and_nobody() -> None:
    for text in ("everyone", "All", "全体", "*"):
        assert parse_who(text).matches(person(), START)
    for text in ("nobody", "无"):
        assert not parse_who(text).matches(person(), START)


def test_clauses_are_anded_and_values_ored() -> None:
    who = parse_who("role=doctor,nurse; title<=intermediate; age<=45")
    assert who.roles == frozenset({Role.DOCTOR, Role.NURSE})
    assert who.grade_max is Grade.INTERMEDIATE and who.age_max == 45
    assert who.matches(person(), START)
    assert not who.matches(person(role=Role.ADMIN), START)
    assert not who.matches(person(title="主任医师", grade=Grade.SENIOR), START)


def test_chinese_keys_separators_and_operators() -> None:
    who = parse_who("角色=医生、护士；职称≥中级；科室=NK，WK")
    assert who.roles == frozenset({Role.DOCTOR, Role.NURSE})
    assert who.grade_min is Grade.INTERMEDIATE
    assert who.departments == frozenset({"NK", "WK"})


def test_not_equal_for_role_department_and_id() -> None:
    who = parse_who("role!=admin; dept!=ADMIN; id!=S9")
    assert who.roles == frozenset(Role) - {Role.ADMIN}
    assert who.not_departments == frozenset({"ADMIN"}) and who.not_ids == frozenset({"S9"})
    assert not who.matches(person(pid="S9"), START)
    assert not who.matches(person(dept="ADMIN"), START)


def test_grades_compare_across_ladders() -> None:
    """主管护师 (nurse ladder) and 主治医师 (doctor ladder) are both intermediate."""
    who = parse_who("title<=主治医师")
    nurse = person(role=Role.NURSE, title="主管护师", grade=Grade.INTERMEDIATE)
    assert who.matches(nurse, START)
    assert parse_who("title=主管护师").matches(person(), START)
    assert not parse_who("title>intermediate").matches(nurse, START)
    assert parse_who("title>=associate").grade_min is Grade.ASSOCIATE
    assert parse_who("title<中级").grade_max is Grade.JUNIOR
    assert parse_who("title=junior,intermediate").grade_min is Grade.JUNIOR


def test_age_is_taken_on_the_first_day_of_the_horizon() -> None:
    who = parse_who("age<45")
    turns_45_on_start = person(birth=dt.date(1982, 1, 1))
    turns_45_next_day = person(birth=dt.date(1982, 1, 2))
    assert not who.matches(turns_45_on_start, START)
    assert who.matches(turns_45_next_day, START)
    assert parse_who("年龄>=30").matches(person(birth=None, age=30), START)
    assert not parse_who("age>=30").matches(person(birth=None, age=None), START)


def test_repeated_clauses_narrow() -> None:
    who = parse_who("age>=30; age<=45; role=doctor,nurse; role=nurse")
    assert (who.age_min, who.age_max) == (30, 45)
    assert who.roles == frozenset({Role.NURSE})
    assert parse_who("age>50; age<40").nobody


def test_ids() -> None:
    who = parse_who("id=S001,S002,S017")
    assert who.ids == frozenset({"S001", "S002", "S017"})
    assert who.matches(person(pid="S002"), START) and not who.matches(person(pid="S003"), START)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "cell is empty"),
        ("role=chef", "unknown role 'chef'"),
        ("title>=boss", "unknown title 'boss'"),
        ("colour=red", "unknown key 'colour'"),
        ("doctors", "is not key=value"),
        ("role>doctor", "does not apply to role"),
        ("title!=junior", "does not apply to title"),
        ("age<=old", "whole number"),
        ("age=30,40", "one age per clause"),
        ("role=", "a value after 'role'"),
        ("title>=junior,senior", "one title after '>='"),
        ("title=junior,senior", "neighbouring grades"),
    ],
)
def test_bad_filters_say_why(text: str, message: str) -> None:
    with pytest.raises(WhoSyntaxError, match=message):
        parse_who(text)


def test_who_syntax_error_is_a_value_error() -> None:
    assert issubclass(WhoSyntaxError, ValueError)
