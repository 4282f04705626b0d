"""The checker's findings as text the office reads: grouped by rule family, counted.

A violation means the planner itself is wrong (the solver is meant never to write a plan the
checker rejects), so what the office needs is to know that nothing was published and whom to
send what. In Chinese the heading, the families and that advice are in Chinese; each finding
stays in the checker's own precise words (English), for the developers it is meant for."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from planner.check.violation import Violation

#: Families in the order the office reads them: hard rules first, then quotas.
FAMILIES = ("sessions", "pins", "rooms", "speakers", "people", "coverage",
            # month by month: rotations (轮转) and their exit exams, external study (进修) and its
            # teach-back lectures, then the departments' monthly coverage
            "rotations", "exit exams", "external study", "teach-back", "monthly coverage",
            "hospital rules", "quotas")


#: The families in the office's words.
FAMILY_ZH = {"sessions": "场次", "pins": "固定安排", "rooms": "教室", "speakers": "讲者",
             "people": "参训人员", "coverage": "科室在岗", "rotations": "轮转",
             "exit exams": "出科考核", "external study": "进修", "teach-back": "进修回院授课",
             "monthly coverage": "每月在岗", "hospital rules": "全院规则", "quotas": "学时学分"}


def format_violations(violations: Iterable[Violation], lang: str = "en") -> str:
    """``N violation(s)`` then one block per family (``rooms (2):``) listing its messages."""
    by_rule: dict[str, list[str]] = defaultdict(list)
    for v in sorted(set(violations)):
        by_rule[v.rule].append(v.message)
    zh = lang == "zh"
    if not by_rule:
        return ("独立校核：没有违反规则之处——每条硬性规则都满足，学时学分的数字都对得上。\n" if zh
                else "Independent check: no violations — every hard rule holds and every quota "
                     "figure agrees.\n")
    total = sum(len(v) for v in by_rule.values())
    order = [f for f in FAMILIES if f in by_rule] + sorted(set(by_rule) - set(FAMILIES))
    if zh:
        lines = [f"独立校核：发现 {total} 处违反规则。这是编排程序本身的错误，不是输入的问题；"
                 "计划未被替换、未发布。请把这段文字和输出文件夹中的 plan/ 发给维护人员。"
                 "各条说明为校核程序的原文（英文）。"]
    else:
        lines = [f"Independent check: {total} violation(s)"]
    for rule in order:
        lines.append("")
        name = f"{FAMILY_ZH.get(rule, rule)}（{rule}）" if zh else rule
        lines.append(f"{name} ({len(by_rule[rule])}):" if not zh
                     else f"{name}：{len(by_rule[rule])} 处")
        lines.extend(f"  - {m}" for m in by_rule[rule])
    return "\n".join(lines) + "\n"
