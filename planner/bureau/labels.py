"""Every word of the bureau's plan — its input problems, what ``planner bureau plan`` prints and
the bureau summary — in Chinese and English side by side (a test fails on a key missing a
language or whose two sides take different ``{fields}``)."""

from __future__ import annotations

import string
from dataclasses import dataclass

#: key → (Chinese, English)
TEXT: dict[str, tuple[str, str]] = {
    # --- input problems: where, what was found, what was expected -----------------------------
    "where.file": ("{file}", "{file}"),
    "where.row": ("{file}，第 {row} 行", "{file}, row {row}"),
    "where.cell": ("{file}，第 {row} 行，“{column}”列", "{file}, row {row}, column '{column}'"),
    "where.key": ("{file}，“{column}”项", "{file}, entry '{column}'"),
    "where.hospital": ("医院“{hospital}”（hospitals/{folder}）：", "hospital '{hospital}' "
                       "(hospitals/{folder}): "),
    "found": ("：填的是“{value}”", ": got '{value}'"),
    "issue": ("{where}{found}——{expected}", "{where}{found} — expected {expected}"),
    "issues.heading": ("市卫生局输入中有 {count} 处问题，未写出任何文件：",
                       "{count} problem(s) in the bureau's inputs — nothing was written:"),
    "in.folder": ("应为市卫生局的输入文件夹（含 bureau.yaml 和 hospitals/ 文件夹）",
                  "a bureau input folder (bureau.yaml and a hospitals/ folder)"),
    "in.yaml": ("应为可读的 YAML 设置（{error}）", "readable YAML settings ({error})"),
    "in.yaml.map": ("应为“名称: 值”形式的设置", "settings written as 'name: value'"),
    "in.unknown_key": ("应为以下设置之一：{keys}", "one of the settings {keys}"),
    "in.text": ("应为一段不超过 {max} 个字的文字", "text of at most {max} characters"),
    "in.language": ("应为 zh（中文）或 en（英文）", "zh (Chinese) or en (English)"),
    "in.horizon": ("应为计划期 {{start: 开始日期, end: 结束日期}}，开始不晚于结束，不超过 3 年",
                   "a horizon {{start: date, end: date}}, start not after end, at most 3 years"),
    "in.date": ("应为日期，如 2027-03-01", "a date such as 2027-03-01"),
    "in.dates": ("应为一个或多个日期，用逗号隔开，如 2027-04-13,2027-05-18",
                 "one or more dates separated by commas, such as 2027-04-13,2027-05-18"),
    "in.whole": ("应为 {low} 到 {high} 之间的整数", "a whole number from {low} to {high}"),
    "in.number": ("应为 {low} 到 {high} 之间的数", "a number from {low} to {high}"),
    "in.required": ("这一列必须填写", "a value (this column is required)"),
    "in.duplicate": ("编号不能重复（第 {row} 行已用过）", "an id not used before (row {row} "
                     "has it)"),
    "in.partners": ("应为合作医院列表，每项 {{id: 编号, name: 名称}}",
                    "a list of partners, each {{id: …, name: …}}"),
    "in.partner": ("应为 bureau.yaml 中 partners 已列出的合作医院（编号或名称）：{known}",
                   "a partner listed under partners in bureau.yaml (id or name): {known}"),
    "in.venue": ("应为 city_venues.csv 中已有的场地编号：{known}",
                 "a venue of city_venues.csv: {known}"),
    "in.hospital": ("应为 hospitals/ 下已有的医院文件夹名：{known}",
                    "a hospital folder under hospitals/: {known}"),
    "in.who": ("应为人员筛选条件（如 role=doctor; title>=intermediate）：{error}",
               "a who filter (such as role=doctor; title>=intermediate): {error}"),
    "in.category": ("应为学时类别之一：{known}", "one of the hour categories {known}"),
    "in.class": ("应为 I、II 或 none", "I, II or none"),
    "in.window": ("开始时间窗的最晚日期不能早于最早日期（{earliest}）",
                  "a latest start not before the earliest ({earliest})"),
    "in.outside": ("应在计划期 {start} 至 {end} 之内", "a day inside the horizon {start} .. "
                   "{end}"),
    "in.cohort": ("每期人数不能超过场地“{venue}”的容量 {capacity} 人",
                  "at most the capacity of venue '{venue}' ({capacity})"),
    "in.no_hospitals": ("hospitals/ 下至少要有一家医院的输入（每家一个文件夹或一个 .xlsx 工作簿）",
                        "at least one hospital's inputs under hospitals/ (a folder or an .xlsx "
                        "workbook each)"),
    "in.horizon_differs": ("医院的计划期（{hstart} 至 {hend}）应与市卫生局的计划期（{start} 至 "
                           "{end}）相同", "the hospital's horizon ({hstart} .. {hend}) to be the "
                           "bureau's ({start} .. {end})"),
    "in.seat_clash": ("医院自己的进修名额编号不能与全市共享名额“{seat}”相同",
                      "a seat id of the hospital's own other than the shared seat '{seat}'"),
    # --- the run ---------------------------------------------------------------------------------
    "run.head": ("开始编排 {bureau}：{hospitals} 家医院，共享进修名额 {seats} 个，全市培训 {trainings} 项"
                 "（随机种子 {seed}；{where}）",
                 "planning {bureau}: {hospitals} hospital(s), {seats} shared seat(s), "
                 "{trainings} city training(s) (seed {seed}; {where})"),
    "run.sequential": ("逐家依次编排", "one hospital after another"),
    "run.ray_local": ("本机 Ray，{cpus} 个 CPU", "Ray on this machine, {cpus} CPU(s)"),
    "run.ray_cluster": ("Ray 集群 {address}，{cpus} 个 CPU", "Ray cluster {address}, {cpus} CPU(s)"),
    "run.survey": ("第 1 步（共 3 步）：读入各医院并估算各科室每月可外派人数",
                   "step 1 of 3: reading each hospital and the staff each department can spare"),
    "run.master": ("第 2 步（共 3 步）：全市分配进修名额和培训名额",
                   "step 2 of 3: allocating the shared seats and city trainings"),
    "run.plans": ("第 3 步（共 3 步）：各医院按分配结果编排", "step 3 of 3: planning each "
                  "hospital with its allocation"),
    "run.hospital_ok": ("  {hospital}：已写出 {folder}", "  {hospital}: written to {folder}"),
    "run.hospital_failed": ("  {hospital}：{what}", "  {hospital}: {what}"),
    "run.wrote": ("市卫生局汇总已写出 {folder}（summary.html、summary.xlsx、summary.md）",
                  "the bureau's summary is written to {folder} (summary.html, summary.xlsx, "
                  "summary.md)"),
    "run.failed_count": ("{count} 家医院未能编排，见上；其余医院的计划已写出。",
                         "{count} hospital(s) could not be planned (above); the others' plans "
                         "are written."),
    "run.ray_missing": ("未安装 Ray：请在虚拟环境中执行 pip install 'ray>=2.9'，或加 --sequential 逐家编排",
                        "Ray is not installed: pip install 'ray>=2.9' into the virtual "
                        "environment, or add --sequential"),
    "run.ray_connect": ("连接不上 Ray 集群 {address}：{error}", "cannot reach the Ray cluster "
                        "{address}: {error}"),
    "bad.workers": ("--workers 应为 0 到 1024 之间的整数（0 表示逐家依次编排），现为 {value}",
                    "--workers must be a whole number from 0 to 1024 (0: one hospital after "
                    "another), got {value}"),
    "bad.target": ("输出文件夹 {target} 不能包含当前文件夹，也不能是输入或计划状态文件夹（{path}）"
                   "或在其中：其中各医院的文件夹会被整体替换",
                   "the output folder {target} may not hold the current folder, nor be or lie "
                   "inside the inputs or the plan state ({path}): the hospitals' folders in it "
                   "are replaced whole"),
    "bad.lang": ("--lang 应为 zh 或 en，现为 {value}", "--lang must be zh or en, got {value}"),
    "bad.time_limit": ("--time-limit 应为 0 到 3600 秒之间，现为 {value}",
                       "--time-limit must be above 0 and at most 3600 seconds, got {value}"),
    "fail.inputs": ("输入有误，未编排：\n{text}", "bad inputs, not planned:\n{text}"),
    "fail.no_plan": ("排不出计划（诊断见 {folder}）：\n{text}",
                     "no plan is possible (diagnosis in {folder}):\n{text}"),
    "fail.check": ("独立校核发现违规，未写出", "the independent check found violations; not "
                   "written"),
    "fail.crash": ("编排时出错：{error}", "planning failed: {error}"),
    "fail.lost": ("执行该医院任务的进程多次中断，放弃", "the process planning it died "
                  "repeatedly; gave up"),
    "help.bureau": ("市卫生局：多家医院共享进修名额和全市培训，统一编排。",
                    "City health bureau: many hospitals sharing external-study seats and city "
                    "trainings."),
    "help.bureau_plan": (
        "先在全市分配共享进修名额和全市培训，再按分配结果逐家编排各医院（默认用本机 Ray 并行，"
        "--ray-address 连接集群），写出各医院的计划与市卫生局汇总。",
        "Allocate the shared seats and city trainings over all hospitals, then plan every "
        "hospital with its allocation (in parallel on Ray, local by default; --ray-address for a "
        "cluster); write each hospital's plan and the bureau's summary."),
    "arg.bureau": ("市卫生局输入文件夹（bureau.yaml、共享名额表、全市培训表、hospitals/）",
                   "the bureau's input folder (bureau.yaml, seat and training tables, "
                   "hospitals/)"),
    "opt.output": ("输出文件夹（默认 outputs/<名称>）", "output folder (default outputs/<name>)"),
    "opt.ray_address": ("Ray 集群地址（如 192.168.1.10:6379）；不填则在本机启动 Ray",
                        "a Ray cluster's address (such as 192.168.1.10:6379); default: Ray on "
                        "this machine"),
    "opt.workers": ("本机 Ray 使用的 CPU 数（默认全部）；0 表示不用 Ray，逐家依次编排",
                    "CPUs for Ray on this machine (default: all); 0 plans one hospital after "
                    "another without Ray"),
    "opt.sequential": ("不用 Ray，逐家依次编排（结果与并行完全相同）",
                       "plan one hospital after another without Ray (same results)"),
    "opt.seed": ("随机种子（默认 bureau.yaml 中的设置）", "random seed (default: bureau.yaml)"),
    "opt.time_limit": ("每家医院的计算时间上限（秒）", "each hospital's time limit (seconds)"),
    "opt.lang": ("输出语言：zh 或 en（默认 bureau.yaml 中的设置）",
                 "language: zh or en (default: bureau.yaml)"),
    "opt.state": ("计划状态文件夹（默认 state/<名称>）", "plan state folder (default "
                  "state/<name>)"),
    # --- the summary -------------------------------------------------------------------------
    "sum.title": ("{bureau} 全市继续医学教育计划汇总", "{bureau}: city-wide CME plan summary"),
    "sum.horizon": ("计划期 {start} 至 {end}", "horizon {start} .. {end}"),
    "sum.hospitals": ("各医院", "Hospitals"),
    "sum.seats": ("共享进修名额", "Shared external-study seats"),
    "sum.trainings": ("全市培训", "City trainings"),
    "sum.offered": ("名额与培训总览", "Places offered"),
    "sum.failed": ("未能编排的医院", "Hospitals not planned"),
    "col.hospital": ("医院", "Hospital"),
    "col.staff": ("职工", "Staff"),
    "col.status": ("结果", "Result"),
    "col.attainment": ("学时完成率", "Attainment"),
    "col.short": ("未达标人数", "People short"),
    "col.seats_used": ("共享进修人次", "Shared seats used"),
    "col.trainees": ("全市培训人次", "City trainees"),
    "col.seat": ("名额", "Seat"),
    "col.partner": ("合作医院", "Partner"),
    "col.specialty": ("专业", "Specialty"),
    "col.person": ("姓名", "Name"),
    "col.department": ("科室", "Department"),
    "col.start": ("开始", "Start"),
    "col.end": ("结束", "End"),
    "col.planned": ("医院计划中", "In the hospital's plan"),
    "col.training": ("培训", "Training"),
    "col.venue": ("场地", "Venue"),
    "col.date": ("日期", "Date"),
    "col.cohort": ("期次", "Cohort"),
    "col.message": ("原因", "Reason"),
    "col.offered": ("名额", "Places"),
    "col.filled": ("已分配", "Allocated"),
    "status.ok": ("已编排", "planned"),
    "status.failed": ("未编排", "not planned"),
    "yes": ("是", "yes"),
    "no": ("否（医院计划未能安排）", "no (the hospital's plan could not fit it)"),
    "sum.empty": ("（无）", "(none)"),
    "city.reason": ("全市培训：{title}（{venue}）", "city training: {title} ({venue})"),
    "city.note": ("全市培训 {title}，{date}，{venue}（市卫生局安排）",
                  "city training {title}, {date}, {venue} (arranged by the bureau)"),
}

_FORMATTER = string.Formatter()


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in _FORMATTER.parse(text) if name}


@dataclass(frozen=True)
class Words:
    """The bureau's words in one language: ``words("run.wrote", folder=...)``."""

    lang: str

    def __call__(self, key: str, **values: object) -> str:
        return TEXT[key][0 if self.lang == "zh" else 1].format(**values)


def words_for(lang: str | None) -> Words:
    return Words("en" if lang == "en" else "zh")
