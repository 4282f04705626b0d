"""Departments and their staff: which departments a hospital of ``n`` departments has, how big
each is, and who works there (roles by the department's kind, titles and ages drawn per person).

The first 42 departments are a county or city hospital's own (:data:`_CATALOGUE`, in the order a
growing hospital adds them). A bigger hospital splits its large clinical departments into wards
(病区): 内科二病区, 心血管内科二病区 … 内科三病区 … (:data:`_WARDS`), each with its parent's kind
and specialty — how a tertiary hospital of 10,000 staff reaches 70–100 departments.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from planner.generate.people import LADDERS, Person, make_person

if TYPE_CHECKING:
    from planner.generate.hospital import Hospital

# id, name, kind, size weight, specialty of its doctors
_CATALOGUE: tuple[tuple[str, str, str, float, str], ...] = (
    ("XZ", "行政后勤", "admin", 0.9, ""),
    ("NK", "内科", "medical", 2.6, "内科学"),
    ("WK", "外科", "surgical", 2.4, "外科学"),
    ("JZ", "急诊科", "emergency", 1.3, "急诊医学"),
    ("ICU", "重症医学科", "icu", 1.1, "重症医学"),
    ("FCK", "妇产科", "obgyn", 1.3, "妇产科学"),
    ("EK", "儿科", "paeds", 1.1, "儿科学"),
    ("MZ", "麻醉科", "anaesthesia", 1.1, "麻醉学"),
    ("JY", "医学检验科", "lab", 0.8, "临床检验"),
    ("YX", "医学影像科", "imaging", 0.8, "影像诊断"),
    ("YJ", "药剂科", "pharmacy", 0.6, "临床药学"),
    ("GRK", "感染性疾病科", "medical", 0.9, "感染病学"),
    ("GK", "骨科", "surgical", 1.4, "骨科学"),
    ("ZYK", "中医科", "medical", 0.8, "中医内科"),
    ("KFK", "康复医学科", "medical", 0.8, "康复医学"),
    ("XNK", "心血管内科", "medical", 1.4, "心血管病学"),
    ("HXK", "呼吸与危重症医学科", "medical", 1.3, "呼吸病学"),
    ("XHK", "消化内科", "medical", 1.2, "消化病学"),
    ("SJNK", "神经内科", "medical", 1.2, "神经病学"),
    ("SNK", "肾内科", "medical", 0.9, "肾脏病学"),
    ("NFMK", "内分泌科", "medical", 0.9, "内分泌学"),
    ("XYK", "血液科", "medical", 0.8, "血液病学"),
    ("ZLK", "肿瘤科", "medical", 1.1, "肿瘤学"),
    ("LNK", "老年医学科", "medical", 0.9, "老年医学"),
    ("QKK", "全科医学科", "medical", 0.8, "全科医学"),
    ("SJWK", "神经外科", "surgical", 1.0, "神经外科学"),
    ("MNWK", "泌尿外科", "surgical", 1.0, "泌尿外科学"),
    ("XXWK", "心胸外科", "surgical", 0.9, "胸心外科学"),
    ("GDWK", "肝胆外科", "surgical", 1.0, "肝胆外科学"),
    ("SSK", "烧伤整形科", "surgical", 0.7, "烧伤外科学"),
    ("XSEK", "新生儿科", "paeds", 0.8, "新生儿学"),
    ("YK", "眼科", "surgical", 0.7, "眼科学"),
    ("EBHK", "耳鼻咽喉科", "surgical", 0.7, "耳鼻咽喉科学"),
    ("KQK", "口腔科", "surgical", 0.7, "口腔医学"),
    ("PFK", "皮肤科", "medical", 0.6, "皮肤病学"),
    ("BLK", "病理科", "lab", 0.6, "病理学"),
    ("CSK", "超声医学科", "imaging", 0.8, "超声医学"),
    ("HYXK", "核医学科", "imaging", 0.5, "核医学"),
    ("YYK", "临床营养科", "medical", 0.5, "临床营养"),
    ("JKGL", "健康管理中心", "medical", 0.7, "健康管理"),
    ("XGNK", "心理科", "medical", 0.6, "精神病学"),
    ("TTK", "疼痛科", "medical", 0.5, "疼痛医学"),
)

#: A big hospital splits its large clinical departments (weight ≥ this) into wards (病区);
#: administration, laboratory, imaging, pharmacy, anaesthesia and the small specialties stay one.
_WARD_KINDS = ("medical", "surgical", "emergency", "icu", "obgyn", "paeds")
_WARD_WEIGHT = 0.9
_WARD_NUMBERS = "二三四"


def _wards() -> tuple[tuple[str, str, str, float, str], ...]:
    """Second, then third and fourth wards of the large clinical departments, biggest first
    (a ward has its department's id and a number, its name and 二病区 / 三病区 / 四病区, its kind,
    weight and specialty)."""
    split = sorted((c for c in _CATALOGUE if c[2] in _WARD_KINDS and c[3] >= _WARD_WEIGHT),
                   key=lambda c: -c[3])
    return tuple((f"{did}{k + 2}", f"{name}{number}病区", kind, weight, spec)
                 for k, number in enumerate(_WARD_NUMBERS)
                 for did, name, kind, weight, spec in split)


_WARDS = _wards()
DEPARTMENTS = _CATALOGUE + _WARDS
MIN_DEPARTMENTS = 10
MAX_DEPARTMENTS = len(DEPARTMENTS)
CLINICAL = {"medical", "surgical", "emergency", "icu", "obgyn", "paeds", "anaesthesia"}
DOCTOR_SHARE = {"anaesthesia": 0.5, "lab": 0.1, "imaging": 0.35, "pharmacy": 0.0, "admin": 0.12}
NURSE_SPECIALTY = {
    "emergency": "急诊护理",
    "icu": "重症护理",
    "obgyn": "助产",
    "paeds": "儿科护理",
    "anaesthesia": "手术室护理",
}

#: Minimum share on duty: acute departments keep more staff on the floor.
_MIN_ON_DUTY = {
    "emergency": 0.7,
    "icu": 0.7,
    "medical": 0.7,
    "surgical": 0.7,
    "obgyn": 0.65,
    "paeds": 0.65,
    "anaesthesia": 0.65,
    "lab": 0.6,
    "imaging": 0.6,
    "pharmacy": 0.6,
    "admin": 0.6,
}


def _specialty(role: str, kind: str, dept_specialty: str) -> str:
    if role == "doctor" or role == "technician":
        return dept_specialty
    if role == "nurse":
        return NURSE_SPECIALTY.get(kind, "临床护理")
    if role == "pharmacist":
        return "临床药学"
    return ""


@dataclass
class Dept:
    id: str
    name: str
    kind: str
    specialty: str
    size: int = 0
    rotator_capacity: int = 0
    people: list[Person] = field(default_factory=list)

    @property
    def min_share(self) -> float:
        return _MIN_ON_DUTY[self.kind]

    def away_budget(self) -> int:
        """How many may be away at once while the department keeps its minimum on duty."""
        return self.size - math.ceil(self.size * self.min_share - 1e-9)


def _allocate(total: int, weights: Sequence[float], minimum: int) -> list[int]:
    """Split ``total`` by ``weights`` (largest remainder), each part at least ``minimum``."""
    n = len(weights)
    spare = total - minimum * n
    w = sum(weights)
    raw = [spare * x / w for x in weights]
    parts = [int(r) for r in raw]
    order = sorted(range(n), key=lambda i: (-(raw[i] - parts[i]), i))
    for i in order[: spare - sum(parts)]:
        parts[i] += 1
    return [p + minimum for p in parts]


def build_staff(h: Hospital) -> None:
    """The departments (the first ``n`` of :data:`DEPARTMENTS`, sized by weight, at least 8
    people each) and their staff, ids ``S001``… in department order."""
    chosen = DEPARTMENTS[: h.n_depts]
    sizes = _allocate(h.n_staff, [c[3] for c in chosen], 8)
    width = max(3, len(str(h.n_staff)))
    k = 0
    for (did, name, kind, _w, spec), size in zip(chosen, sizes):
        d = Dept(did, name, kind, spec, size)
        doctors = round(size * DOCTOR_SHARE.get(kind, 0.38))
        roles: list[str] = []
        if kind == "lab" or kind == "imaging":
            roles = ["doctor"] * doctors + ["technician"] * (size - doctors)
        elif kind == "pharmacy":
            roles = ["pharmacist"] * size
        elif kind == "admin":
            nurses = max(1, round(size * 0.25))
            roles = (
                ["doctor"] * doctors
                + ["nurse"] * nurses
                + ["admin"] * (size - doctors - nurses)
            )
        else:
            roles = ["doctor"] * doctors + ["nurse"] * (size - doctors)
        seen_roles: set[str] = set()
        for role in roles:
            k += 1
            sid = f"S{k:0{width}d}"
            # the first of each profession heads it at 副高 (正高 in a big department): every
            # department then has a senior who can lecture or lead its grand round
            rung = None
            if role not in seen_roles and role != "admin":
                rung = len(LADDERS[role]) - (1 if size >= 25 else 2)
            seen_roles.add(role)
            p = make_person(
                h.rng,
                h.names,
                sid,
                did,
                role,
                h.start,
                rung,
                _specialty(role, kind, spec),
            )
            d.people.append(p)
            h.people.append(p)
        h.depts.append(d)
    h.by_dept = {d.id: d for d in h.depts}
