"""Rooms and the weekly lecture slots, both growing with the head count."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planner.generate.hospital import Hospital

#: Staff per extra lecture hall (多功能厅) of :data:`HALL_SEATS` seats.
BIG_HOSPITAL = 5000
HALL_SEATS = 300

BASE_SLOTS: tuple[dict[str, Any], ...] = (
    {"id": "tue-pm", "weekday": "tue", "start": "16:30", "end": "18:00"},
    {"id": "thu-pm", "weekday": "thu", "start": "16:30", "end": "18:00"},
    {"id": "fri-pm", "weekday": "fri", "start": "16:00", "end": "17:30"},
)
EXTRA_SLOTS: tuple[dict[str, Any], ...] = (
    {"id": "wed-pm", "weekday": "wed", "start": "16:30", "end": "18:00"},
    {"id": "mon-pm", "weekday": "mon", "start": "16:30", "end": "18:00"},
    {"id": "tue-noon", "weekday": "tue", "start": "12:00", "end": "13:30"},
    {"id": "thu-noon", "weekday": "thu", "start": "12:00", "end": "13:30"},
    {"id": "wed-noon", "weekday": "wed", "start": "12:00", "end": "13:30"},
    {"id": "mon-noon", "weekday": "mon", "start": "12:00", "end": "13:30"},
    {"id": "fri-noon", "weekday": "fri", "start": "12:00", "end": "13:30"},
)


def build_rooms_and_slots(h: Hospital) -> None:
    """Rooms: one hall (a tenth of the staff, 100–500 seats) and one more of 300 seats per
    5,000 staff, a skills lab per five rooms, a computer room per eight, meeting rooms and
    classrooms for the rest. Slots: three a week, one more per 500 staff (up to ten)."""
    n = h.n_rooms
    hall = min(500, max(100, round(h.n_staff * 0.10, -1)))
    h.hall = hall
    rows: list[tuple[str, str, int, str]] = [("R01", "学术报告厅", hall, "projector,recording")]
    # A big hospital (5,000 staff or more) has more lecture halls: its whole-staff series
    # would otherwise need more runs of each part than the inputs allow (repeats ≤ 100).
    for i in range(h.n_staff // BIG_HOSPITAL):
        rows.append((f"R{len(rows) + 1:02d}", f"多功能厅{i + 1}", HALL_SEATS, "projector"))
    labs = max(1, n // 5)
    computers = max(1, n // 8)
    for i in range(labs):
        rows.append(
            (
                f"R{len(rows) + 1:02d}",
                f"技能培训中心{i + 1}室" if labs > 1 else "技能培训中心",
                30,
                "skills-lab,projector",
            )
        )
    for i in range(computers):
        rows.append(
            (
                f"R{len(rows) + 1:02d}",
                f"计算机考试室{i + 1}" if computers > 1 else "计算机考试室",
                40,
                "computers,projector",
            )
        )
    meeting_caps = (60, 40, 80, 30, 50, 20)
    i = 0
    while len(rows) < n:
        cap = meeting_caps[i % len(meeting_caps)]
        kind = "多功能会议室" if cap >= 50 else "示教室"
        rows.append((f"R{len(rows) + 1:02d}", f"{kind}{i + 1}", cap, "projector"))
        i += 1
    h.room_rows = rows
    extra = h.n_staff // 500
    h.slots = [dict(s) for s in BASE_SLOTS] + [dict(s) for s in EXTRA_SLOTS[:extra]]
