"""The state one synthetic hospital is built in: its arguments, its one random stream, and the
tables filled so far. Each module of :mod:`planner.generate` fills a part of it, in the fixed
order of :func:`planner.generate.build`, so the random stream — and so the output — depends
only on the arguments."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from planner.generate.dates import HORIZON_START, divmod_ym, month_end
from planner.generate.people import NameMaker, Person
from planner.generate.staff import Dept


class Hospital:
    def __init__(self, staff: int, departments: int, rooms: int, months: int, seed: int):
        self.n_staff, self.n_depts, self.n_rooms, self.months = staff, departments, rooms, months
        self.rng = random.Random(seed)
        self.start = HORIZON_START
        self.end = month_end(*divmod_ym(self.start, months - 1))
        self.hospital = f"合成市第{seed % 10 + 1}人民医院（{staff}人）"
        self.names = NameMaker(self.rng)
        self.depts: list[Dept] = []  # staff.build_staff
        self.by_dept: dict[str, Dept] = {}
        self.people: list[Person] = []
        self.room_rows: list[tuple[str, str, int, str]] = []  # rooms.build_rooms_and_slots
        self.hall = 0  # the lecture hall's seats
        self.slots: list[dict[str, Any]] = []
        self.courses: list[dict[str, Any]] = []  # courses.build_courses
        self.topics: list[tuple[str, int, str, str, str]] = []
        self.quota_hours: dict[str, float] = {}
        self.law_dates: list[dt.date] = []  # a small hospital's outside lawyer's visits
        self.busy: set[str] = set()  # speakers, instructors: kept off long leave and seats
        self.rotating_from: dict[str, int] = {}  # department → its promotion rotators
