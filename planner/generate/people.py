"""People: unique Chinese names, title ladders, and a staff member whose age, title and years of
service agree with each other. Shared with ``scripts/make_example.py``, which writes the bundled
example hospital with the same helpers."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
# Common surnames appear more often, as in any Chinese staff list.
_SURNAME_WEIGHTS = tuple(max(1.0, 12.0 - i * 0.25) for i in range(len(SURNAMES)))
GIVEN_MALE = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林峰建国文志军海洋晨阳博昊天"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞秀玲燕萍红琳颖慧莉婷雪倩瑶洁琴晶佳欣怡悦梦蕾薇雯露月彤诗涵蓉"

#: Title ladders per role, lowest first, with the grade of each rung (docs/inputs.md).
LADDERS: dict[str, tuple[tuple[str, int], ...]] = {
    "doctor": (("住院医师", 1), ("主治医师", 2), ("副主任医师", 3), ("主任医师", 4)),
    "nurse": (("护士", 1), ("护师", 1), ("主管护师", 2), ("副主任护师", 3), ("主任护师", 4)),
    "technician": (("技士", 1), ("技师", 1), ("主管技师", 2), ("副主任技师", 3), ("主任技师", 4)),
    "pharmacist": (("药士", 1), ("药师", 1), ("主管药师", 2), ("副主任药师", 3), ("主任药师", 4)),
    "admin": (("none", 0),),
}
#: How likely each rung is (same order as LADDERS): a county hospital is bottom-heavy.
_RUNG_WEIGHTS: dict[str, tuple[float, ...]] = {
    "doctor": (30, 36, 24, 10),
    "nurse": (22, 36, 32, 8, 2),
    "technician": (10, 40, 38, 10, 2),
    "pharmacist": (10, 40, 38, 10, 2),
    "admin": (1,),
}
#: Plausible age range for each rung (index into the ladder); admin staff span a career.
_AGE_BY_RUNG: dict[str, tuple[tuple[int, int], ...]] = {
    "doctor": ((25, 33), (31, 46), (38, 55), (45, 59)),
    "nurse": ((21, 27), (24, 38), (31, 50), (40, 55), (46, 58)),
    "technician": ((21, 27), (24, 38), (31, 50), (40, 55), (46, 58)),
    "pharmacist": ((21, 27), (24, 38), (31, 50), (40, 55), (46, 58)),
    "admin": ((24, 58),),
}


class NameMaker:
    """Unique, plausible Chinese names drawn from one random stream."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def __call__(self, female: bool) -> str:
        pool = GIVEN_FEMALE if female else GIVEN_MALE
        for attempt in range(200):
            surname = self.rng.choices(SURNAMES, weights=_SURNAME_WEIGHTS)[0]
            given = self.rng.choice(pool)
            if attempt > 20 or self.rng.random() < 0.6:
                given += self.rng.choice(pool)
            name = surname + given
            if name not in self.used:
                self.used.add(name)
                return name
        raise RuntimeError("name space exhausted")  # pragma: no cover — 10^5 combinations


@dataclass
class Person:
    id: str
    name: str
    department: str
    role: str
    title: str
    grade: int
    birth_date: dt.date
    female: bool
    employed_since: dt.date
    specialty: str = ""
    email: str = ""

    def age_on(self, day: dt.date) -> int:
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


def make_person(
    rng: random.Random,
    names: NameMaker,
    sid: str,
    department: str,
    role: str,
    on: dt.date,
    rung: int | None = None,
    specialty: str = "",
    email_domain: str = "hospital.example.cn",
) -> Person:
    """One staff member whose age, title and years of service agree with each other."""
    ladder = LADDERS[role]
    if rung is None:
        rung = rng.choices(range(len(ladder)), weights=_RUNG_WEIGHTS[role])[0]
    title, grade = ladder[rung]
    lo, hi = _AGE_BY_RUNG[role][rung]
    age = rng.randint(lo, hi)
    birth = on - dt.timedelta(days=age * 365 + rng.randint(30, 330))
    female = rng.random() < {"nurse": 0.96, "doctor": 0.45}.get(role, 0.6)
    start_age = {"doctor": 25, "nurse": 20, "admin": 23}.get(role, 22)
    years = max(0, age - start_age - rng.randint(0, 2))
    employed = dt.date(on.year - years, rng.choice((7, 8, 9)), 1)
    if employed >= on:
        employed = dt.date(on.year - 1, 8, 1)
    return Person(
        sid,
        names(female),
        department,
        role,
        title,
        grade,
        birth,
        female,
        employed,
        specialty,
        f"{sid.lower()}@{email_domain}",
    )
