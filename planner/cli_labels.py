"""Every word the command line says — ``--help``, what each command prints, the steps of a run,
the plan's short summary — in Chinese and English, side by side in one table.

As in :mod:`planner.report.labels`, keeping both languages together is what makes "both
complete" checkable: a test walks :data:`TEXT` and fails on a key missing a language or whose
two sides take different ``{fields}``. Names, titles and ids the office typed are printed as
typed.

Which language: once a command has read the plan's inputs, the plan's (``--lang``, else
``language`` in plan.yaml, Chinese by default); commands on an outputs folder speak the language
the plan was written in. Before that — ``--help``, a mistyped option — :func:`env_language`:
``PLANNER_LANG`` (``zh`` or ``en``), else English for an English locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG`` starting with ``en``), else Chinese.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

LANGUAGES = ("zh", "en")
LANG_ENV = "PLANNER_LANG"

#: key → (Chinese, English); ``{name}`` fields are filled by :meth:`Labels.__call__`
TEXT: dict[str, tuple[str, str]] = {
    # --- typer's and click's own words around the help -----------------------------------------
    "usage": ("用法：", "Usage:"),
    "panel.arguments": ("参数", "Arguments"),
    "panel.options": ("选项", "Options"),
    "panel.commands": ("命令", "Commands"),
    "panel.error": ("错误", "Error"),
    "required": ("[必填]", "[required]"),
    "default": ("[默认：{}]", "[default: {}]"),
    "help.help": ("显示本帮助并退出。", "Show this message and exit."),
    "try_help": ("用 [blue]'{command_path} {help_option}'[/] 查看帮助。",
                 "Try [blue]'{command_path} {help_option}'[/] for help."),
    # --- a mistyped command line (planner/cli_usage.py; English keeps click's own words) ------
    "usage.missing": ("缺少 {what}{about}。", "Missing {what}{about}."),
    "usage.about": ("（{help}）", " ({help})"),
    "usage.no_option": ("没有 {name} 这个选项。", "No such option: {name}."),
    "usage.needs_value": ("选项 {name} 后面要写一个值。", "Option {name} requires a value."),
    "usage.bad_value": ("{what} 的值不对{got}：应为{expected}。",
                        "Invalid value for {what}{got}: expected {expected}."),
    "usage.got": ("（写的是 {value}）", " (got {value})"),
    "usage.expect.choice": ("以下之一：{choices}", "one of: {choices}"),
    "usage.expect.number": ("一个数，如 60 或 1.5", "a number such as 60 or 1.5"),
    "usage.expect.integer": ("一个整数，如 3", "a whole number such as 3"),
    "usage.expect.boolean": ("是或否（true / false）", "true or false"),
    "usage.expect.path": ("一个存在的文件或文件夹", "an existing file or folder"),
    "usage.expect.date": ("一个日期，如 2027-03-01", "a date such as 2027-03-01"),
    "usage.expect.text": ("一段文字", "some text"),
    "usage.no_command": ("没有 {name} 这个命令。", "No such command: {name}."),
    "usage.no_command_given": ("请写出要做的事：{commands}。",
                               "Name a command: {commands}."),
    "usage.extra": ("多写了 {args}：这个命令不需要它。",
                    "Unexpected extra argument {args}: the command does not take it."),
    "usage.did_you_mean": ("是不是要写 {names}？", " Did you mean {names}?"),
    # --- help: the program and its commands ----------------------------------------------------
    "help.app": (
        "医院继续医学教育（CME）培训计划编排：讲座、轮转、进修、学时学分与日历订阅。"
        "界面语言：计划的语言（--lang 或 plan.yaml），读入计划前取环境变量 PLANNER_LANG"
        "（zh 或 en）或 LANG，默认中文。",
        "Training schedule planner for hospitals' continuing medical education: lectures, "
        "rotations, external study, hours and credits, calendar feeds. Messages follow the "
        "plan's language (--lang or plan.yaml); before a plan is read, PLANNER_LANG (zh or en) "
        "or LANG; Chinese by default.",
    ),
    "help.validate": ("检查输入并打印简要情况；不写任何文件。",
                      "Check the inputs and print a short summary; nothing is written."),
    "help.plan": (
        "编排讲座的日期、时段、教室、讲者和参训人员，写入 outputs/<名称>/ 并独立校核。\n\n"
        "若本院已有发布的计划，则在其基础上重新编排：已过去的保持不变，以后的按输入的变动"
        "尽量少改，changes.md / changes.csv 列出受影响的人。",
        "Plan sessions, rooms, speakers and attendance; write outputs/<name>/ and check "
        "them.\n\nWhen the hospital already has a published plan, this re-plans against it: "
        "the past stays, the future moves as little as the changed inputs allow, and "
        "changes.md / changes.csv list who is affected.",
    ),
    "help.explain": (
        "排不出计划时说明原因，以及改动哪些输入就能排出（退出码 3）；能排出时说明可以排"
        "（退出码 0）。不写任何文件。",
        "Say why no plan is possible and which changes to the inputs would make one possible "
        "(exit 3), or that the inputs can be planned (exit 0). Nothing is written.",
    ),
    "help.check": ("对照输入独立复核已写出的计划（不依赖编排程序）。",
                   "Re-verify a written plan against the inputs, independently of the solver."),
    "help.template": ("写出一个空白输入工作簿：包含所有工作表、列说明和下拉选项。",
                      "Write an empty input workbook with every sheet, column notes and "
                      "dropdowns."),
    "help.generate": ("按输入格式生成一家虚构医院（用于性能测试和自动测试）。",
                      "Write a realistic synthetic hospital in the input format (for "
                      "benchmarks and tests)."),
    "help.publish": ("发布 OUTPUTS 中的计划，使订阅者看到它（订阅链接只提供已发布的计划）。",
                     "Make the plan in OUTPUTS the one subscribers see (feeds serve published "
                     "plans only)."),
    "help.serve": ("在 /feeds/<token>.ics 提供已发布的日历订阅（GET/HEAD、ETag、304）。",
                   "Serve the published feeds at /feeds/<token>.ics (GET/HEAD, ETag, 304)."),
    "help.tokens": ("日历订阅链接。", "Feed tokens."),
    "help.notify": (
        "把重新编排后的变动通知（changes.csv）逐人发邮件，并可发一条企业微信群汇总；"
        "发送记录保存在计划状态中，同一通知不重复发送，失败的下次重试。",
        "E-mail each changed person their notice from a re-plan (changes.csv) and optionally "
        "post one summary to a WeCom group robot; a sent log in the plan state sends nobody the "
        "same notice twice and retries failures."),
    "help.sheets": ("打印签到表：每场讲座一页，含参加人名单和扫码签到的二维码（按已发布的计划）。",
                    "Sign-in sheets to print: a page per session with its attendees and the QR "
                    "code to sign in by phone (from the published plan)."),
    "opt.session": ("只打印这一场（可重复）", "only this session (repeatable)"),
    "opt.since": ("打印这一天及以后的场次", "sessions on or after this date"),
    "opt.sheets_to": ("写到这个文件（默认 OUTPUTS/sign-in-sheets.html）",
                      "write to this file (default OUTPUTS/sign-in-sheets.html)"),
    "opt.dry_run": ("只把邮件写成 .eml 文件（OUTPUTS/notices/），不发送",
                    "write the messages as .eml files (OUTPUTS/notices/) instead of sending"),
    "help.tokens_rotate": ("作废一个订阅链接并发放新链接（重写 feeds.csv / feeds.xlsx）。",
                           "Revoke a feed's link and issue a new one (feeds.csv / feeds.xlsx "
                           "are rewritten)."),
    "help.web": ("科教科的网页版：上传输入、检查、编排（显示进度）、查看摘要、发布（默认只监听本机）。",
                 "The education office's web app: upload, check, plan with live progress, "
                 "review, publish (listens on loopback by default)."),
    "help.users": ("网页版的账号。", "Accounts of the web app."),
    "help.users_add": ("新建网页版账号（或为已有账号改密码和角色）；密码从提示输入或标准输入读取。",
                       "Add a web app account (or change an account's password and role); the "
                       "password is prompted for or read from standard input."),
    # --- help: arguments and options -------------------------------------------------------------
    "arg.inputs": ("输入文件夹（plan.yaml 加 CSV 表）或 .xlsx 工作簿",
                   "input folder (plan.yaml + CSVs) or .xlsx workbook"),
    "arg.outputs": ("由 planner plan 写出的输出文件夹", "an outputs folder written by 'planner plan'"),
    "arg.plan_dir": ("计划文件夹（outputs/<名称>/plan）", "a plan folder (outputs/<name>/plan)"),
    "arg.template": ("空白工作簿的保存位置", "where to write the empty workbook"),
    "arg.generate": ("写入虚构医院输入的文件夹", "folder to write the synthetic inputs into"),
    "arg.feed_id": ("工号、科室编号或教室编号（或 room:<编号>、department:<编号>、hospital）",
                    "staff, department or room id (or room:<id>, department:<id>, hospital)"),
    "opt.estimate": ("对尚未公布放假安排的年份估算节假日（各输出中均会醒目标明）",
                     "estimate holidays of years nobody published (flagged everywhere)"),
    "opt.state": ("计划状态目录，内含 <名称>/planner.sqlite（默认 $PLANNER_STATE_DIR 或 ./state）",
                  "plan-state root holding <name>/planner.sqlite (default $PLANNER_STATE_DIR "
                  "or ./state)"),
    "opt.time_limit": ("计算时间上限（确定性秒数：同样的输入得到同样的计划）",
                       "search budget, deterministic seconds"),
    "opt.seed": ("随机种子", "random seed"),
    "opt.workers": ("计算线程数", "solver threads"),
    "opt.freeze": ("重新编排时：此日期之前已发布的安排全部保留（默认今天）",
                   "re-planning: keep everything published before this date (default today)"),
    "opt.output": ("输出文件夹（默认 outputs/<名称>）", "output folder (default outputs/<name>)"),
    "opt.engine": ("参训安排的计算引擎：highs 或 cp-sat（默认取 plan.yaml，否则 highs）",
                   "attendance-phase engine: highs or cp-sat (default: plan.yaml, else highs)"),
    "opt.lang.plan": ("日历、摘要和屏幕信息的语言：zh 或 en（默认取 plan.yaml）",
                      "language of calendars, reports and messages: zh or en (default: "
                      "plan.yaml)"),
    "opt.lang.explain": ("诊断说明的语言：zh 或 en（默认取 plan.yaml）",
                         "language of the diagnosis: zh or en (default: plan.yaml)"),
    "opt.lang.messages": ("屏幕信息的语言：zh 或 en（默认取 plan.yaml）",
                          "language of the messages: zh or en (default: plan.yaml)"),
    "opt.fresh": ("不参照已发布的计划，从头编排", "plan from scratch, ignoring the published plan"),
    "opt.fresh.explain": ("不参照已发布的计划，按从头编排来诊断",
                          "explain a plan from scratch, ignoring the published plan"),
    "opt.replan_scope": (
        "重新编排的范围：local（只重排受变动影响者的参训）或 full（全体人员）；默认取 "
        "plan.yaml，否则 local",
        "re-planning: local (re-plan the attendance of the people the change reaches) or full "
        "(everyone's); default: plan.yaml, else local",
    ),
    "opt.held_before": (
        "此日期之前的讲座已经举行（即重新编排时的 --freeze-until）：计入学时，但不按今天的"
        "输入评判（默认取 plan.json 中记录的日期）",
        "sessions before this date were held (a re-plan's --freeze-until): counted, but not "
        "judged against today's inputs (default: the date the re-plan recorded in plan.json)",
    ),
    "opt.staff": ("职工人数", "number of staff"),
    "opt.departments": ("科室数", "number of departments"),
    "opt.rooms": ("教室数", "number of rooms"),
    "opt.months": ("计划期月数", "horizon length in months"),
    "opt.to": ("同时把订阅导出为静态文件 DIR/feeds/<token>.ics（会记住：以后的发布和换链接都会"
               "更新它）",
               "also export the feeds as static files DIR/feeds/<token>.ics (remembered: later "
               "publishes and token rotations refresh it)"),
    "opt.today": ("把发布时间记为这一日期或 ISO 时间，而不是现在",
                  "record the publication at this date or ISO time instead of now"),
    "opt.rollback": ("重新发布较早版本的计划（记为新版本；SEQUENCE 仍然递增）",
                     "publish an earlier version's plan again (recorded as a new version; "
                     "SEQUENCE still rises)"),
    "opt.host": ("监听地址（放在反向代理之后时保持 127.0.0.1）",
                 "address to listen on (keep loopback behind a proxy)"),
    "opt.port": ("TCP 端口", "TCP port"),
    "opt.access_log": ("逐条记录请求（链接中的 token 会被隐去）",
                       "log each request (tokens redacted)"),
    "opt.request_timeout": ("请求在此秒数内未完整到达即关闭连接（408）",
                            "close a connection whose request has not arrived whole by then "
                            "(408)"),
    "arg.hospital": ("输入的名称，即 state/<名称>/ 中的名称（如 example）",
                     "the input set's name, as in state/<name>/ (e.g. example)"),
    "arg.user": ("登录用的用户名", "the name to log in with"),
    "opt.web_lang": ("网页的语言：zh 或 en（默认中文）", "the pages' language: zh or en (default zh)"),
    "opt.web_time_limit": ("网页发起的编排的计算时间上限（默认取 plan.yaml）",
                           "search budget of the runs the web app starts (default plan.yaml's)"),
    "opt.hospital": ("账号所属的输入名称（state/<名称>/）", "the input set the account belongs to "
                     "(state/<name>/)"),
    "opt.role": ("office（科教科，可做所有操作）或 department（科室主任，只看本科室）",
                 "office (does everything) or department (reads their department only)"),
    "opt.dept": ("科室主任所在科室的编号", "a department head's department id"),
    "opt.password_stdin": ("从标准输入读取密码（用于脚本）", "read the password from standard input (scripts)"),
    "users.password": ("密码", "Password"),
    "users.added": ("已保存账号 {name}（{role}{dept}），保存在 {db}",
                    "account {name} saved ({role}{dept}) in {db}"),
    # --- errors the command line finds itself ---------------------------------------------------
    "error": ("错误：{message}", "error: {message}"),
    "bad.date": ("{option} {value!r}：应为日期，例如 2027-05-01",
                 "{option} {value!r}: expected a date such as 2027-05-01"),
    "bad.moment": ("--today {value!r}：应为日期（如 2027-03-01）或时间（如 2027-03-01T09:00+08:00）",
                   "--today {value!r}: expected a date like 2027-03-01 or a time like "
                   "2027-03-01T09:00+08:00"),
    "bad.choice": ("{option} {value!r}：应为 {choices} 之一",
                   "{option} {value!r}: expected one of {choices}"),
    "bad.time_limit": ("--time-limit {value:g}：应为大于 0 且不超过 {high:,g} 的数",
                       "--time-limit {value:g}: expected a number > 0 and ≤ {high:,g}"),
    "bad.whole": ("{option} {value}：应为 {low:,} 到 {high:,} 之间的整数",
                  "{option} {value}: expected a whole number from {low:,} to {high:,}"),
    "bad.request_timeout": ("--request-timeout {value:g}：应为大于 0 且不超过 3,600 的秒数",
                            "--request-timeout {value:g}: expected a number of seconds > 0 "
                            "and ≤ 3,600"),
    "bad.target": (
        "-o {target}：输出文件夹会被整体替换，而它包含{what}（{path}）；请另选一个专用文件夹，"
        "例如 outputs/<名称>",
        "-o {target}: the output folder is replaced as a whole and holds {what} ({path}); "
        "choose a folder of its own, such as outputs/<name>",
    ),
    "target.cwd": ("当前文件夹", "the current folder"),
    "target.inputs": ("输入", "the inputs"),
    "target.state": ("计划状态", "the plan state"),
    "no_plan_json": ("{folder}：找不到 plan.json（应为 planner plan 写出的文件夹）",
                     "{folder}: no plan.json found (expected a folder written by 'planner "
                     "plan')"),
    # --- what commands print ---------------------------------------------------------------------
    "wrote": ("已写出 {path}", "wrote {path}"),
    "warning": ("提示：{text}", "warning: {text}"),
    "check.held": ("{date} 之前的讲座视为已举行（重新编排时的冻结日期，记录在 plan.json 中；"
                   "可用 --held-before 改变）",
                   "sessions before {date} count as held (the re-plan's freeze date, recorded "
                   "in plan.json; --held-before overrides)"),
    "check.passed": ("校核通过：{folder} 中没有违反规则之处",
                     "check passed: 0 violations in {folder}"),
    "publish.rollback": ("已发布第 {version} 版 = 第 {of} 版的内容，时间 {at}Z：新增 {new} 项，"
                         "调整 {moved} 项，删除 {removed} 项日程",
                         "published version {version} = the content of version {of}, at {at}Z: "
                         "{new} new, {moved} moved, {removed} removed events"),
    "publish.unchanged": ("第 {version} 版已经发布；订阅中不再包含 {reference} 之前超出保留期"
                          "结束的日程",
                          "version {version} is already published; the feeds now leave out "
                          "events that ended over the window before {reference}"),
    "publish.done": ("已发布第 {version} 版，时间 {at}Z：新增 {new} 项，调整 {moved} 项，"
                     "删除 {removed} 项日程",
                     "published version {version} at {at}Z: {new} new, {moved} moved, "
                     "{removed} removed events"),
    "publish.live": ("{feeds} 个订阅已生效", "{feeds} feeds live"),
    "publish.exported": ("；静态文件在 {folder}/feeds/", "; static files in {folder}/feeds/"),
    "publish.revoked": ("已作废 {count} 个订阅链接（这些人员、教室或科室已不在输入中）",
                        "revoked {count} feeds of people, rooms or departments no longer in the "
                        "inputs"),
    "rotate.new": ("{feed} 的新链接（旧链接现在返回 404）：",
                   "new link for {feed} (the old one now answers 404):"),
    "rotate.no_base": ("（在 plan.yaml 中设置 public_base_url 后才有完整链接）",
                       "(set public_base_url for full links)"),
    "rotate.exported": ("静态导出已更新：{folder}/feeds/", "static export refreshed in {folder}/feeds/"),
    # --- planner plan: the run -------------------------------------------------------------------
    "run.head": ("开始编排 {name}：{staff} 名职工，{courses} 门课程（随机种子 {seed}，计算时间上限 "
                 "{budget:g} 秒，{workers} 个线程，参训安排用 {engine}）",
                 "planning {name}: {staff} staff, {courses} courses (seed {seed}, budget "
                 "{budget:g} deterministic s, {workers} workers, attendance by {engine})"),
    "run.step": ("[{clock:6.1f}s] 第 {k} 步（共 {n} 步）：{what}",
                 "[{clock:6.1f}s] step {k} of {n}: {what}"),
    "run.done": ("[{clock:6.1f}s] 完成", "[{clock:6.1f}s] done"),
    "run.figures": ("[{clock:6.1f}s] {what}：{figures}", "[{clock:6.1f}s] {what}: {figures}"),
    "run.improving": ("已有可用的安排，仍在改进", "a usable plan found, still improving"),
    "run.quotas_met": ("学时达标 {percent:.2f}%", "quotas met {percent:.2f}%"),
    "run.reading": ("正在读取输入", "reading the inputs"),
    "run.live": ("{k}/{n} {what} · {step:.0f} 秒（共 {total:.0f} 秒）",
                 "{k}/{n} {what} · {step:.0f}s (in all {total:.0f}s)"),
    "run.no_plan": ("[bold red]排不出计划[/]，未写出计划文件：",
                    "[bold red]no plan[/] — no plan files were written:"),
    "run.diagnosis": ("诊断已写入 {html} 和 {md}", "the diagnosis was written to {html} and {md}"),
    "run.diagnosis_failed": ("诊断未能写入 {folder}：{error}",
                             "the diagnosis could not be written to {folder}: {error}"),
    "run.check_failed": ("[bold red]独立校核未通过[/]：输出未被替换",
                         "[bold red]the independent check failed[/]: outputs not replaced"),
    "run.wrote": ("校核通过，没有违反规则之处——已写出 {target}/",
                  "check passed: 0 violations — wrote {target}/"),
    "run.wall_clock": (
        "{phases} 的计算因为机器太忙而在墙钟时间保护处停止，而不是在确定性时间上限处：同样的"
        "输入再运行一次可能得到另一份计划（run.log 有记录）；请在较空闲时重新运行，或调小 "
        "--time-limit",
        "the {phases} search stopped on the wall-clock safety net, not its deterministic "
        "budget: the machine was too busy, and the same inputs may give another plan on another "
        "run (run.log records it); re-run on a quieter machine or lower --time-limit",
    ),
    "run.record_ignored": ("忽略一条签到记录：{staff} {session}：{why}",
                           "attendance record ignored: {staff} {session}: {why}"),
    "run.replanning": (
        "对照已发布的第 {version} 版重新编排：{date} 之前的 {sessions} 场讲座视为已举行并保留；"
        "至少有 {min_sessions} 场讲座、{min_events} 个人次必须变动",
        "re-planning against published version {version}: {sessions} sessions before {date} "
        "kept as held; at least {min_sessions} sessions and {min_events} person-events must "
        "change",
    ),
    "run.calendars": ("日历：{feeds} 个订阅、{events} 项日程——执行 planner publish 之前只是草稿",
                      "calendars: {feeds} feeds, {events} events — a draft until 'planner "
                      "publish'"),
    "run.no_base_url": ("plan.yaml 中没有设置 public_base_url：feeds.csv 中暂无订阅链接",
                        "public_base_url is not set in plan.yaml: feeds.csv has no links yet"),
    # the steps of a run, as the progress display names them
    "step.months": ("轮转与进修月份", "rotation and external-study months"),
    "step.timetable": ("课表（时间、教室、讲者）", "timetable (when, where, who speaks)"),
    "step.attendance": ("参训安排（谁参加哪一场）", "attendance (who goes to which session)"),
    "step.naming": ("落实到人", "naming people"),
    "step.check": ("独立校核", "independent check"),
    "step.summary": ("摘要（html、xlsx、md）", "summary (html, xlsx, md)"),
    "step.calendars": ("日历订阅", "calendar feeds"),
    "step.changes": ("变更通知", "change notices"),
    # --- the plan's summary, as planner plan prints it -------------------------------------------
    "sum.head": ("{hospital}：{start} 至 {end} —— {status}",
                 "{hospital}: {start} .. {end} — {status}"),
    "sum.sessions": ("  讲座         {sessions} 场（现场出席 {live} 人次，看录像 {recordings} 人次，"
                     "网络课程 {online} 人次）",
                     "  sessions     {sessions} ({live} live attendances, {recordings} by "
                     "recording, {online} online)"),
    "sum.quotas": ("  学时         要求学时完成 {percent:.2f}%；{people} 人共 {lines} 项未达标",
                   "  quotas       {percent:.2f}% of required hours reached; {people} person(s) "
                   "short in {lines} line(s)"),
    "sum.missed": ("  缺席         必修讲座缺席 {missed} 人次",
                   "  missed       {missed} required session(s) not attended"),
    "sum.phases": ("  计划质量     {phases}", "  phases       {phases}"),
    "sum.shortfalls": ("  未达标原因   {reasons}", "  shortfalls   {reasons}"),
    "sum.rotations": ("  轮转         {blocks} 段，{people} 人，{programmes} 个轮转项目；出科考核 "
                      "{exams} 场",
                      "  rotations    {blocks} block(s) for {people} participant(s) in "
                      "{programmes} programme(s); {exams} exit exam session(s)"),
    "sum.placements": ("  进修         {count} 人次", "  external     {count} placement(s)"),
    "sum.placement": ("               {name} {partner} {start} 至 {end}{back}，{credits:g} 学分",
                      "               {name} {partner} {start}..{end}{back}, {credits:g} "
                      "credits"),
    "sum.teach_back": ("，{date} 回院汇报", ", teach-back {date}"),
    "sum.more": ("               ……另有 {count} 人次（见 plan/placements.csv）",
                 "               … and {count} more (plan/placements.csv)"),
    "sum.warning": ("  提示：{text}", "  warning: {text}"),
    "sum.relaxation": ("    可排上的修改（已验证）：{text}", "    a change that plans it (tried): {text}"),
    "sum.reason": ("{reason} {count}", "{reason}: {count}"),
    "sep": ("、", ", "),
    "phase.sep": (" · ", " · "),
    "phase.item": ("{phase}：{status}", "{phase} {status}"),
    "phase.months": ("轮转与进修月份", "months"),
    "phase.timetable": ("课表", "timetable"),
    "phase.attendance": ("参训安排", "attendance"),
    "status.OPTIMAL": ("最优（已证明）", "optimal (proved, given the phases before)"),
    "status.FEASIBLE": ("可用，未证明最优", "feasible, not proved best"),
    "status.CONSTRUCTIVE": ("逐项排定，未证明最优", "constructive plan (built step by step, not "
                            "proved best)"),
    "status.KEPT": ("沿用已发布的安排", "published plan kept"),
    "status.EMPTY": ("无需安排", "nothing to plan"),
    "status.INFEASIBLE": ("排不出", "infeasible"),
    "status.UNKNOWN": ("时间内未找到", "not found in time"),
    "reason.away": ("外出或请假", "away"),
    "reason.not eligible": ("可参加的场次不够", "not eligible"),
    "reason.no session in window": ("期限内没有场次", "no session in window"),
    "reason.capacity": ("各场已满", "capacity"),
    "reason.coverage": ("科室在岗人数到了下限", "coverage"),
    "reason.clash": ("与本人其他培训同时", "clash"),
    "reason.trade-off": ("统筹让给缺口更大的同事", "trade-off"),
    "reason.solver limit": ("计划时间用尽", "solver limit"),
    # --- planner validate ------------------------------------------------------------------------
    "val.head": ("{hospital}（{name}）—— 输入有效", "{hospital} ({name}) — inputs are valid"),
    "val.horizon": ("  计划期       {start} 至 {end}（{tz}）", "  horizon      {start} .. {end} ({tz})"),
    "val.workdays": ("  工作日       {workdays} 天（节假日 {holidays} 天，调休上班 {makeup} 天）",
                     "  working days {workdays} ({holidays} holiday(s) off, {makeup} make-up "
                     "workday(s))"),
    "val.slots": ("  时段         每周 {slots} 个 → 共 {points} 个可排讲座的时刻",
                  "  slots        {slots} a week → {points} lecture time points"),
    "val.staff": ("  职工         {staff} 人，{departments} 个科室（最大的科室 {largest} 人）",
                  "  staff        {staff} in {departments} departments (largest {largest})"),
    "val.rooms": ("  教室         {rooms} 间（最大 {seats} 座）",
                  "  rooms        {rooms} (largest {seats} seats)"),
    "val.courses": ("  课程         现场 {in_person} 门，网络 {online} 门",
                    "  courses      {in_person} in person, {online} online"),
    "val.quotas": ("  学时要求     {lines} 项{credits}", "  quotas       {lines} hour line(s){credits}"),
    "val.credits": ("，另有继续医学教育学分要求", ", CME credits"),
    "val.rotations": ("  轮转与进修   轮转项目 {programmes} 个；进修名额 {seats} 个",
                      "  rotations    {programmes} programme(s); external seats {seats}"),
    "val.other": ("  其他         固定场次 {pins} 行，不可用 {unavailability} 行，节假日 {holidays} 行，"
                  "既往学时 {history} 行",
                  "  other rows   pins {pins}, unavailability {unavailability}, holidays "
                  "{holidays}, history {history}"),
    "val.note": ("  说明：{text}", "  note: {text}"),
}


def env_language() -> str:
    """The language before any plan is read: ``PLANNER_LANG``, else the locale, else Chinese."""
    chosen = os.environ.get(LANG_ENV, "").strip().lower()
    if chosen in LANGUAGES:
        return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").strip().lower()
        if value:
            return "en" if value.startswith("en") else "zh"
    return "zh"


@dataclass(frozen=True)
class Labels:
    """The words of one language: ``labels("wrote", path=p)``."""

    lang: str

    def __call__(self, key: str, **values: object) -> str:
        return TEXT[key][0 if self.lang == "zh" else 1].format(**values)

    def raw(self, key: str) -> str:
        """The text with its ``{fields}`` unfilled (for a library that fills them itself)."""
        return TEXT[key][0 if self.lang == "zh" else 1]


def labels_for(lang: str | None) -> Labels:
    """The labels of ``lang``; anything but English falls back to Chinese, the default."""
    return Labels("en" if lang == "en" else "zh")
