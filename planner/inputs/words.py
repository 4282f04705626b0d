"""Every word the office reads about its inputs — errors, their hints and the warnings of
``planner validate`` — in Chinese and English, side by side in one table.

As in :mod:`planner.changes.labels`, a test walks :data:`TEXT` and fails on a key missing a
language or whose two texts take different ``{fields}``. A message is a :class:`~planner.errors.Msg`
(a key here and its values); it is turned into words only when shown, in the plan's language
(``language`` in plan.yaml; Chinese by default, and when plan.yaml cannot be read).

How a problem reads (:func:`render_issue`)::

    人员.csv，第 5 行，“科室”列：填的是“内一科”——应为科室表中已有的科室（编号或名称）。是否是：内科（NK）？
    staff.csv, row 5, column 'department': got '内一科' — expected a known department (id or
    name). Did you mean 内科 (NK)?

The English text after "expected" is a noun phrase (``a whole number from 1 to 10``); the
Chinese one a whole clause (``应为 1 到 10 之间的整数``). A key ending in ``.fix`` is the hint
shown after the message of the same key without it, when the call gives no other hint. What the
office typed — ids, names, titles — is shown as typed; dates stay ISO.

Chinese terms, used the same way throughout: 编号 (an id of a department, room, course…),
工号 (a staff id), 表 (a table: a CSV file or a sheet), 列 (a column), 行 (a row), 时段 (a
lecture slot), 学时 (hours), 学分 (credits), 计划期 (the horizon), 对象 (a who filter).
"""

from __future__ import annotations

from planner.errors import Both, InputIssue, Items, Msg

LANGUAGES = ("zh", "en")

#: key → (Chinese, English)
TEXT: dict[str, tuple[str, str]] = {
    # --- how a problem is shown ----------------------------------------------------------------
    "issues.heading": ("输入中有 {count} 处问题，未写出任何文件：",
                       "{count} problem(s) in the inputs — nothing was written:"),
    "list.sep": ("、", ", "),
    "list.semi": ("；", "; "),
    # --- the input set (:mod:`planner.inputs.problem`) ----------------------------------------
    "source.root": ("应为有名称的输入文件夹（输出写到 outputs/<名称>/，计划状态存到 state/<名称>/），不能是根目录",
                    "an input folder with a name (outputs go to outputs/<name>/ and plan state "
                    "to state/<name>/), not the root folder"),
    "source.missing": ("应为输入文件夹或 .xlsx 工作簿（找不到这个文件或文件夹）",
                       "an input folder or an .xlsx workbook (no such file or folder)"),
    "source.kind": ("应为输入文件夹或 .xlsx 工作簿（这个既不是文件夹也不是 .xlsx 工作簿）",
                    "an input folder or an .xlsx workbook (not a folder or an .xlsx workbook)"),
    "plan.missing.yaml": ("缺少 plan.yaml 文件（计划设置：计划期、时段……）",
                          "a plan.yaml file with the plan settings (horizon, slots, …)"),
    "plan.missing.sheet": ("缺少“设置”表（或工作簿旁边的 {stem}.yaml 文件）",
                           "a sheet named 'plan' or a file {stem}.yaml beside the workbook"),
    "plan.missing.fix": ("用 planner template 生成的模板里已有“设置”表，可从那里复制。",
                         "The workbook from planner template has one to copy."),
    "plan.horizon": ("计划设置中应有计划期（开始和结束日期）", "plan settings with a horizon"),
    "table.missing": ("缺少{zh}表（{table}）", "a table '{table}' ({zh})"),
    "table.missing.fix": ("请加上这张表（CSV 文件或工作表，名称用中文或英文均可）；可从 planner template 生成的模板中复制。",
                          "Add it (a CSV file or a sheet, named in English or Chinese); the "
                          "template from planner template has every table."),
    "table.no_rows": ("{zh}表（{table}）至少要有一行（现在没有任何行）",
                      "at least one row of {table} ({zh}): the table has no rows"),
    "slots.none": ("至少要有一个讲课时段（线下课程如 {course} 需要时段）",
                   "at least one lecture slot (in-person courses such as {course} need one)"),
    "slots.none.fix": ("请在“时段”表中每行填一个时段，如：tue-pm，周二，16:30，18:00。",
                       "Add a row to the slots sheet, such as: tue-pm, tue, 16:30, 18:00."),
    "loader.crash": ("输入无法读取（读取时出错：{error}；请报告这个问题）",
                     "inputs the loader can read (it stopped with {error}; please report this)"),
    # --- files, sheets, tables (:mod:`planner.inputs.tables`) -------------------------------
    "table.header": ("第 1 行应为表头，列出{zh}表（{table}）的各列名称",
                     "a header row with the columns of the {table} table ({zh})"),
    "table.column_once": ("“{column}”列只能出现一次", "the column '{column}' only once"),
    "table.column_missing": ("缺少“{zh}”列（也可写作“{column}”）",
                             "a column named '{column}' (or {zh})"),
    "table.column_missing.fix": ("请在第 1 行加上这一列的列名；各列的含义见模板的“说明”表。",
                                 "Add it to the header row; the template's README sheet lists "
                                 "every column."),
    "table.rows": ("一张表最多 {most:,} 行（请把输入拆成几套）",
                   "at most {most:,} rows in one table (split the input set)"),
    "file.readable": ("文件无法读取（{error}）", "a readable file ({error})"),
    "csv.empty": ("CSV 文件应有表头行（这个文件是空的）", "a CSV file with a header row (the file is empty)"),
    "csv.size": ("CSV 文件最大 {most} MB（这个有 {size} MB）",
                 "a CSV file of at most {most} MB (this one has {size} MB)"),
    "csv.binary": ("应为 CSV 文本文件（这个文件像是二进制文件）", "a CSV text file (this one looks binary)"),
    "csv.binary.fix": ("如果这是 Excel 文件，请另存为“CSV UTF-8”，或直接把整个 .xlsx 工作簿交给 planner。",
                       "If it is an Excel file, save it as CSV UTF-8, or give the planner the "
                       ".xlsx workbook itself."),
    "csv.encoding": ("CSV 文件应为 UTF-8 或 GBK 编码", "a CSV text file in UTF-8 or GBK encoding"),
    "csv.malformed": ("CSV 文件格式有误（{error}）", "a well-formed CSV file ({error})"),
    "workbook.size": ("工作簿最大 {most} MB（这个有 {size} MB）",
                      "a workbook of at most {most} MB (this one has {size} MB)"),
    "workbook.unpacked": ("工作簿解压后最大 {most} MB（这个解压后有 {size} MB）",
                          "a workbook whose sheets unpack to at most {most} MB (this one unpacks "
                          "to {size} MB)"),
    "workbook.bad": ("应为 Excel .xlsx 工作簿（{error}）", "an Excel .xlsx workbook ({error})"),
    "workbook.bad.fix": ("请在 Excel 或 WPS 中打开后另存为 .xlsx 格式。",
                         "Open it in Excel or WPS and save it as .xlsx."),
    "sheet.readable": ("工作表无法读取（{error}）", "a readable sheet ({error})"),
    # --- plan settings (:mod:`planner.inputs.plandoc`, :mod:`planner.inputs.settings`) --------
    "yaml.valid": ("应为正确的 YAML 写法（{problem}{where}）", "valid YAML ({problem}{where})"),
    "yaml.at": ("，位于第 {line} 行第 {column} 列", " at line {line}, column {column}"),
    "yaml.at.context": ("，位于第 {line} 行第 {column} 列（{context}，从第 {begin} 行开始）",
                        " at line {line}, column {column}, {context} that began at line {begin}"),
    "yaml.fix": ("请检查这一行的冒号、逗号、括号和引号：须为半角英文符号，冒号后留一个空格。",
                 "Check the colons, commas, brackets and quotes on that line."),
    "yaml.cell.fix": ("时段、学时要求和全院规则请填在各自的表里（时段、学时要求、全院规则），每行一项，不必在一个单元格里写 YAML。",
                      "Put slots, quotas and rules on their own sheets (slots, quotas, rules), "
                      "one row each, instead of YAML in one cell."),
    "yaml.alias": ("不能使用别名（如 *{anchor}），请把值直接写出来",
                   "no aliases such as *{anchor}: write the value out where it is needed"),
    "yaml.depth": ("列表和映射最多嵌套 {most} 层", "lists and mappings nested at most {most} deep"),
    "plan.size": ("计划设置文件最大 {most:,} kB（这个有 {size} kB）",
                  "plan settings of at most {most:,} kB (this file has {size} kB)"),
    "plan.yaml_text": ("应为 UTF-8 编码的 YAML 文本文件", "a YAML text file in UTF-8"),
    "plan.mapping": ("计划设置应为“键: 值”的行（医院名称、计划期、时段……）",
                     "plan settings as 'key: value' lines (hospital, horizon, slots, …)"),
    "plan.repeated": ("每个设置只能写一次（{key} 在第 {line} 行已经设过；YAML 会悄悄只保留最后一个）",
                      "each setting once ({key} is already set on line {line}; YAML would "
                      "silently keep the last one)"),
    "plan.repeated.sheet": ("每个设置只能写一次（这个设置项重复，或与另一项冲突）",
                            "each setting once (this key repeats or clashes with another)"),
    "plan.sheet_and_cell": ("{key} 只能写在一个地方：这里和“{sheet}”表都有",
                            "{key} in one place only: it is both here and on the sheet "
                            "'{sheet}'"),
    "plan.sheet_and_cell.fix": ("请删去这一行，只保留“{sheet}”表。",
                                "Delete this row and keep the sheet '{sheet}'."),
    "setting.required": ("此项必填", "a value (this setting is required)"),
    "setting.keys": ("应为含以下各项的设置：{keys}", "keys {keys}"),
    "setting.key": ("应为以下各项之一：{keys}", "one of the keys {keys}"),
    "setting.top": ("应为以下设置之一：{keys}", "one of the settings {keys}"),
    "setting.did_you_mean": ("是否是“{key}”？", "Did you mean '{key}'?"),
    "setting.list": ("应为列表（plan.yaml 中每项一行“- {{…}}”）",
                     "a list (one '- {{…}}' entry per line, or YAML [..] in a sheet cell)"),
    "setting.language": ("应为 zh（中文）或 en（英文）", "zh or en"),
    "cell.link": ("应为以 https:// 或 http:// 开头、不含空格的网址",
                  "an address starting with https:// or http://, without spaces"),
    "setting.reminders": ("应为提醒时间的列表，如 [1天, 1小时]、[1d, 1h]，或 off（不提醒）",
                          "a list of reminder times such as [1d, 1h], or off (no reminders)"),
    "setting.security": ("应为 ssl、starttls 或 none", "ssl, starttls or none"),
    "setting.timezone": ("应为时区名称，如 Asia/Shanghai", "a time zone name such as Asia/Shanghai"),
    "setting.url.https": ("应为以 https:// 开头的网址", "an address starting with https://"),
    "setting.url.form": ("应为形如 https://cme.example-hospital.cn/cme 的网址：主机名之后只能有字母、数字和 . _ ~ % / -（不能有空格、引号、<、>、? 或 #）",
                         "an address such as https://cme.example-hospital.cn/cme: a host name, "
                         "then a path of letters, digits and . _ ~ % / - only (no spaces, quotes, "
                         "<, >, ? or #)"),
    "setting.url.long": ("网址最多 {most} 个字符（日历链接还要加 {suffix} 个字符，且总长不能超过 {link}，这是 Google 日历的要求）",
                         "an address of at most {most} characters (feed links add {suffix} and "
                         "must stay within {link}, which Google Calendar requires)"),
    "setting.text.single": ("应为一段文字（不能是列表或映射）",
                            "a single text value (not a list or a mapping)"),
    "setting.text.long": ("文字最多 {most} 个字符", "a text of at most {most} characters"),
    "setting.share": ("应为 0 到 1 之间的比例", "a share between 0 and 1"),
    "slot.id_once": ("时段编号不能重复", "a slot id used once"),
    "slot.end": ("结束时间应晚于开始时间 {start}", "a time after the start {start}"),
    "credits.class1_max": ("应不小于 I类学分下限（{low:g}）", "a number ≥ class1.min ({low:g})"),
    "horizon.order": ("计划结束日期应不早于开始日期（{start}）",
                      "a date on or after horizon.start ({start})"),
    "horizon.long": ("计划期自开始日期（{start}）起最长 {days} 天（三年）",
                     "a horizon of at most {days} days (three years) from horizon.start ({start})"),
    # --- warnings (:mod:`planner.inputs.advice`) -----------------------------------------------
    "warn.quota.no_course": ("学时要求“{category} ≥ {hours:g} 学时”（对象：{who}，{people} 人）没有任何课程可以提供：课程表中没有类别为“{category}”的课程。请添加该类别的课程，或删去、调低这条学时要求。",
                             "quota {category} ≥ {hours:g} h for {who!r} ({people} staff): no "
                             "course has the category {category}, so nobody can reach it. Add "
                             "a course of that category, or remove or lower the quota."),
    "warn.quota.no_audience": ("学时要求“{category} ≥ {hours:g} 学时”（对象：{who}，{people} 人）没有任何课程可以提供：类别为“{category}”的课程，对象都不包括这些人。请放宽这些课程的对象，或删去、调低这条学时要求。",
                               "quota {category} ≥ {hours:g} h for {who!r} ({people} staff): no "
                               "course of the category {category} has them in its audience, so "
                               "nobody can reach it. Widen a course's audience, or remove or "
                               "lower the quota."),
    "warn.quota.short": ("学时要求“{category} ≥ {hours:g} 学时”（对象：{who}）：{people} 人中有 {short} 人无法达到——该类别的课程（加上已完成的学时）最多只能提供 {most:g} 学时（最接近的是{name}（{id}））。请增加该类别的课程或讲次，或调低这条学时要求。",
                         "quota {category} ≥ {hours:g} h for {who!r}: {short} of its {people} "
                         "staff cannot reach it — the courses of that category (with hours "
                         "already done) offer them at most {most:g} h (the closest is {name} "
                         "{id}). Add courses or sessions of that category, or lower the quota."),
    "warn.seat.nobody": ("进修名额 {seat}（{partner} {specialty}）无人符合条件，{seats} 个名额将空着：候选人条件“{who}”没有匹配任何人员。请放宽候选人条件。",
                         "seat {seat} ({partner} {specialty}): nobody qualifies, so its {seats} "
                         "place(s) stay empty — its candidate filter {who!r} matches no staff"),
    "warn.seat.years": ("进修名额 {seat}（{partner} {specialty}）无人符合条件，{seats} 个名额将空着：候选人条件“{who}”匹配的 {count} 人到 {day} 的工作年限都不足 {min_years} 年（最长的是{name}（{id}），{years} 年）。请调低进修名额表中的“最少工作年限”，或放宽候选人条件。",
                        "seat {seat} ({partner} {specialty}): nobody qualifies, so its {seats} "
                        "place(s) stay empty — the {count} staff its candidate filter {who!r} "
                        "matches have all served fewer than {min_years} year(s) by {day} "
                        "(min_years in external_seats; the longest-serving, {name} {id}, has "
                        "{years})"),
    # --- cells ---------------------------------------------------------------------------------
    "cell.int.range": ("应为 {low:,} 到 {high:,} 之间的整数", "a whole number from {low:,} to {high:,}"),
    "cell.int": ("应为整数", "a whole number"),
    "cell.int.min": ("应为不小于 {low} 的整数", "a whole number ≥ {low}"),
    "cell.number.positive.max": ("应为大于 0、不超过 {high:,g} 的数", "a number > 0 and ≤ {high:,g}"),
    "cell.number.range": ("应为 {low:g} 到 {high:,g} 之间的数", "a number from {low:g} to {high:,g}"),
    "cell.number.positive": ("应为大于 0 的数", "a number > 0"),
    "cell.number": ("应为数字", "a number"),
    "cell.number.min": ("应为不小于 {low:g} 的数", "a number ≥ {low:g}"),
    "cell.date": ("应为日期，格式 YYYY-MM-DD（如 2027-03-01）", "a date YYYY-MM-DD"),
    "cell.date.no_such_day": ("应为日期 YYYY-MM-DD（没有这一天）", "a date YYYY-MM-DD (no such day)"),
    "cell.date.years": ("应为 {low}–{high} 年间的日期 YYYY-MM-DD",
                        "a date YYYY-MM-DD in the years {low}–{high}"),
    "cell.time": ("应为时间 HH:MM（如 16:30）", "a time HH:MM"),
    "cell.bool": ("应为“是”或“否”（也可填 yes/no、1/0）", "yes or no (also true/false, 1/0, 是/否)"),
    "cell.enum": ("应为{what}：{choices}", "{what}: {choices}"),
    "cell.too_long": ("文字过长：最多 {limit:,} 个字符（这里有 {length:,} 个）",
                      "a text of at most {limit:,} characters (this one has {length:,})"),
    "cell.formula": ("应为数值，不能是公式", "a value, not a formula (save values only)"),
    "cell.formula.fix": ("请复制该单元格后“选择性粘贴 → 数值”，或直接填入结果。",
                         "Copy the cell and paste it back as a value."),
    "cell.required": ("此列必填，不能为空", "a value (this column is required)"),
    "cell.required.no_column": ("这一行需要填写“{column}”，但表中没有这一列",
                                "a value (this row needs one, but the file has no column "
                                "'{column}')"),
    # --- references (:mod:`planner.inputs.refs`, :mod:`planner.inputs.names`) ----------------
    "ref.unknown.department": ("应为科室表中已有的科室（编号或名称）", "a known department id or name"),
    "ref.unknown.staff": ("应为人员表中已有的人员（工号或姓名）", "a known staff id or name"),
    "ref.unknown.room": ("应为场地表中已有的场地（编号或名称）", "a known room id or name"),
    "ref.unknown.course": ("应为课程表中已有的课程编号", "a known course id"),
    "ref.unknown.programme": ("应为轮转项目表中已有的项目编号", "a known programme id"),
    "ref.unknown.slot": ("应为已设的时段编号", "a known slot id"),
    "ref.suggest": ("是否是：{close}？{known}", "Did you mean {close}? {known}"),
    "ref.suggest.only": ("是否是：{close}？", "Did you mean {close}?"),
    "ref.known": ("已有：{known}", "Known: {known}"),
    "ref.known.more": ("已有：{known} 等，共 {count} 个", "Known: {known}, … ({count} in all)"),
    "ref.none_known": ("该表还没有任何一行", "That table has no rows yet."),
    "ref.ambiguous.staff": ("“{name}”有 {count} 位同名人员：{candidates}，无法确定是哪一位",
                            "one person, but {count} staff are called '{name}': {candidates}"),
    "ref.ambiguous.staff.fix": ("请改填工号（如 {example}），或在姓名后注明科室，如“{qualified}”。",
                                "Write the staff id instead (such as {example}), or the name "
                                "with the department in brackets, such as {qualified}."),
    "ref.ambiguous.department": ("“{name}”对应 {count} 个科室：{candidates}，无法确定是哪一个",
                                 "one department, but {count} are called '{name}': "
                                 "{candidates}"),
    "ref.ambiguous.department.fix": ("请改填科室编号（如 {example}），或把科室表中重名的科室改成不同名称。",
                                     "Write the department id instead (such as {example}), or "
                                     "give the departments different names."),
    "ref.ambiguous.room": ("“{name}”对应 {count} 个场地：{candidates}，无法确定是哪一个",
                           "one room, but {count} are called '{name}': {candidates}"),
    "ref.ambiguous.room.fix": ("请改填场地编号（如 {example}），或把场地表中重名的场地改成不同名称。",
                               "Write the room id instead (such as {example}), or give the rooms "
                               "different names."),
    "unique": ("不能重复（第 {row} 行已填过）", "a unique value (already used in row {row})"),
    "unique.fix": ("请删去重复的一行，或改掉其中一行。", "Delete the repeated row or change one of the two."),
    "date.in_horizon": ("应为计划期 {start} 至 {end} 内的日期", "a date within the horizon {start} … {end}"),
    "date.order": ("应不早于“{column}”（{first}）", "a date on or after {column} ({first})"),
    "cell.dates": ("应为日期 YYYY-MM-DD，多个日期用逗号或顿号分隔", "dates YYYY-MM-DD separated by commas"),
    # --- who filters (:mod:`planner.inputs.who`) -----------------------------------------------
    "who.bad": ("对象写法有误：{problem}", "a who filter — {problem}"),
    "who.bad.fix": ("请照这样写：全体；角色=医生；职称>=中级；科室=内科,外科；工号=S001,S002（条件之间用分号，一个条件的多个取值之间用逗号）。",
                    "Write it like everyone; role=doctor; title>=intermediate; dept=NK,WK; "
                    "id=S001,S002 (semicolons between conditions, commas between the values of "
                    "one)."),
    "who.naming": ("对象中{problem}", "a who filter naming {problem}"),
    "who.unknown.department": ("有科室表中没有的科室：{missing}",
                               "known department ids (unknown: {missing})"),
    "who.unknown.staff": ("有人员表中没有的人员：{missing}", "known staff ids (unknown: {missing})"),
    "who.value_after": ("“{key}”后面缺少取值", "a value after '{key}'"),
    "who.role": ("没有“{value}”这种角色（可填：医生、护士、技师、药师、行政、其他）",
                 "unknown role '{value}' (doctor, nurse, technician, pharmacist, admin, other)"),
    "who.title": ("没有“{value}”这种职称（可填：初级、中级、副高、正高，或主治医师等职称）",
                  "unknown title '{value}' (junior, intermediate, associate, senior or a title "
                  "such as 主治医师)"),
    "who.age": ("年龄应为整数，这里是“{value}”", "age must be a whole number, got '{value}'"),
    "who.one_title": ("“{op}”后面只能写一个职称", "one title after '{op}'"),
    "who.neighbour_titles": ("“职称=”后列出的须是相邻的职称等级",
                             "titles after 'title=' must be neighbouring grades"),
    "who.one_age": ("每个条件只能写一个年龄（范围请写成 年龄>=30；年龄<=45）",
                    "one age per clause (use age>=30; age<=45 for a range)"),
    "who.empty": ("应填写对象，如“全体”或“角色=医生”（单元格为空）",
                  "a filter such as everyone or role=doctor (the cell is empty)"),
    "who.clause": ("“{clause}”不是“条件=取值”的写法（如 角色=医生；职称<=中级）",
                   "'{clause}' is not key=value (e.g. role=doctor; title<=intermediate)"),
    "who.key": ("没有“{key}”这个条件（可用：角色、职称、科室、年龄、工号）",
                "unknown key '{key}' (role, title, dept, age, id)"),
    "who.operator": ("“{op}”不能用于{key}（可用：{ops}）", "'{op}' does not apply to {key} (use {ops})"),
    # --- staff, departments, rooms (:mod:`planner.inputs.staffing`) ---------------------------
    "staff.title": ("应为职称，如主治医师、主管护师，或职称等级（初级/中级/副高/正高/无）",
                    "a professional title such as 主治医师 or 主管护师, or a grade "
                    "(初级/中级/副高/正高/无)"),
    "staff.birth_or_age.column": ("缺少“出生日期”（birth_date）或“年龄”（age）列",
                                  "a column named 'birth_date' (出生日期) or 'age' (年龄)"),
    "staff.birth_or_age": ("应填写出生日期或年龄（二者填一）", "a birth date or an age (one of the two)"),
    "staff.not_both": ("出生日期和年龄只填一个", "either birth_date or age, not both"),
    "staff.email": ("应为电子邮箱（如 name@host）", "an e-mail address (name@host)"),
    "staff.age": ("应为年龄（{low}–{high} 岁）", "an age in years ({low}–{high})"),
    "staff.birth_age": ("出生日期应使其在计划期首日 {start} 的年龄为 {low}–{high} 岁",
                        "a birth date giving an age of {low}–{high} on {start}, the first day of "
                        "the horizon"),
    "staff.employed.late": ("入职日期应不晚于计划期末（{end}）",
                            "a date on or before the end of the horizon ({end})"),
    "staff.employed.birth": ("入职日期应在出生日期（{birth}）至少 {years} 年之后",
                             "a date at least {years} years after birth_date ({birth})"),
    "staff.employed.age": ("入职日期应在出生至少 {years} 年之后（{start} 时 {age} 岁）",
                           "a date at least {years} years after birth (age {age} on {start})"),
    "dept.min_on_duty": ("应为人数（如 8）或占本科室人员的比例（如 0.7 或 70%）",
                         "a head count (8) or a share of the department's staff (0.7 or 70%)"),
    "dept.min_on_duty.staff": ("不能超过本科室的人数（人员表中有 {count} 人）",
                               "at most the department's staff count ({count} in staff)"),
    "dept.min_on_duty.staff.fix": ("请调低最少在岗人数，或改填比例（如 70%）。",
                                   "Lower it, or give a share such as 70%."),
    # --- courses, topics, pins (:mod:`planner.inputs.courses`) --------------------------------
    "course.external_name": ("“外请:”后面应写专家姓名", "the expert's name after external:"),
    "who.list.unknown": ("应为人员（姓名或工号）或科室的名单，或对象写法如“角色=医生”（找不到：{missing}）",
                         "known people or departments (ids or names), or a who filter such as "
                         "role=doctor (unknown: {missing})"),
    "course.reserved_id": ("课程编号不能以“exit:”或“teach-back:”开头（这两种编号留给系统自动安排的出科考核和进修汇报）",
                           "a course id not starting with 'exit:' or 'teach-back:' (those are "
                           "reserved for the exit exams and teach-back lectures the planner adds "
                           "itself)"),
    "course.window": ("开始和结束日期之间应与计划期 {start} 至 {end} 有重叠",
                      "a window overlapping the horizon {start} … {end}"),
    "topics.numbering": ("课程 {course} 的讲次应从 1 连续编号到 {count}，中间不能缺号",
                         "sessions of course {course} numbered 1..{count} without gaps"),
    "course.sessions_topics": ("应为 {count}，即讲题表中课程 {course} 的行数",
                               "{count}, the number of rows for course {course} in topics"),
    "course.sessions_topics.fix": ("次数可以不填，按讲题表的行数计。",
                                   "Leave it empty: the rows in topics give the number."),
    "course.speakers.missing": ("应填写主讲人（人员姓名或工号、对象写法，或“外请:姓名”），或在讲题表中为每一讲指定主讲人",
                                "speakers (a who filter, staff ids or external:<name>), or a "
                                "speaker for every session in topics"),
    "course.room_feature": ("应为至少一个场地具备的设施", "a feature that at least one room offers"),
    "course.room_feature.fix": ("场地表中已有的设施：{features}；或在场地表的“设施”列为合适的场地加上它。",
                                "Rooms offer: {features}; or add it to a room's features."),
    "course.cohort_room": ("不能超过 {most} 人，即适合课程 {course} 的最大场地容量",
                           "at most {most}, the largest capacity of a room that fits course "
                           "{course}"),
    "course.hours_slot": ("课程 {course} 每次不能超过 {longest:g} 学时：每次课须排进一个时段（最长的时段）",
                          "at most {longest:g} hours for course {course}: a session must fit in "
                          "one slot (the longest slot)"),
    "course.hours_slot.fix": ("请缩短学时，或在时段表中增加一个更长的时段。",
                              "Shorten the course, or add a longer slot."),
    "runs.repeats": ("课程 {course} 每一讲最多开 1 + 重复场次 = {runs} 场",
                     "course {course} runs each session at most 1 + repeats = {runs} times"),
    "runs.cohorts": ("课程 {course} 的对象有 {audience} 人，每期最多 {size} 人：{runs} 场",
                     "course {course} has {audience} in its audience, in cohorts of at most "
                     "{size}: {runs} run(s)"),
    "runs.once": ("课程 {course} 每一讲只开一场：没有填写重复场次或每期人数上限",
                  "course {course} runs each session once: it sets neither repeats nor "
                  "cohort_size"),
    "pin.session": ("应为 1 到 {parts} 之间的讲次（课程 {course} 共 {parts} 讲）",
                    "a session number from 1 to {parts} (course {course} has {parts})"),
    "pin.run": ("应为 1 到 {most} 之间的场次（{why}）", "a run number from 1 to {most} ({why})"),
    "pin.slot_weekday": ("应为 {day}（{weekday}）那天有的时段", "a slot on the weekday of {day} (a {weekday})"),
    "fixed.holiday": ("{day} 是节假日（{name}）", "{day} is a holiday ({name})"),
    "fixed.weekend": ("{day} 是{weekday}，不是工作日", "{day} is a {weekday}, no working day"),
    "fixed.makeup": ("{day} 是调休上班日，只能用标明“调休日可用”的时段",
                     "{day} is a make-up workday (调休), which only slots with 'makeup: true' "
                     "are offered on"),
    "fixed.no_slot": ("{weekday}没有设时段", "no slot in plan.yaml falls on a {weekday}"),
    "fixed.slot_not_offered": ("{day} 没有时段 {slot}（{why}）",
                               "slot {slot} is not offered on {day} ({why})"),
    "fixed.pin": ("应为有讲课时段的日子，才能安排这一已定场次（{why}）",
                  "a day with a lecture slot for the pinned session ({why})"),
    "fixed.topic": ("应为有讲课时段的日子，才能安排这一讲（{why}）",
                    "a day with a lecture slot for the session ({why})"),
    "fixed.dates": ("所列日期中至少要有一天有讲课时段（{why}）",
                    "at least one day with a lecture slot among the dates ({why})"),
    "fixed.dates.more": ("所列日期中至少要有一天有讲课时段（{why}；…）",
                         "at least one day with a lecture slot among the dates ({why}; …)"),
    # --- rotations and external study (:mod:`planner.inputs.rotations`) -----------------------
    "programme.exam_hours": ("不能超过最长的时段 {longest:g} 学时：出科考核排在一个时段内",
                             "at most the longest slot, {longest:g} h: an exit exam is held in "
                             "one slot"),
    "programme.exam_hours.fix": ("请缩短考核学时，或在时段表中增加一个更长的时段。",
                                 "Shorten the exam, or add a longer slot."),
    "programme.no_blocks": ("轮转项目应有各段的安排：{where} 中没有项目 {programme} 的行",
                            "a programme with its blocks: {where} has no row for programme "
                            "{programme}"),
    "blocks.numbers": ("应为段号，多个用逗号隔开", "block numbers separated by commas"),
    "blocks.department_once": ("每个科室只能列一次", "each department once"),
    "blocks.choose": ("不能超过 {count}，即所列科室的个数", "at most {count}, the number of departments listed"),
    "blocks.max_months": ("应不少于最短月数（{low}）", "at least min_months ({low})"),
    "blocks.preference": ("应为本段所列科室中的科室", "departments listed in this block's departments"),
    "blocks.after": ("应为轮转项目 {programme} 的其他段号", "other block numbers of programme {programme}"),
    "blocks.step": ("第 {block} 段（第 {row} 行）", "block {block} (row {row})"),
    "blocks.step.last": ("第 {block} 段", "block {block}"),
    "blocks.chain": ("{first}须在{rest}之后", "{first} comes after {rest}"),
    "blocks.chain.sep": ("之后，它又须在", ", which comes after "),
    "blocks.cycle": ("前置各段不能循环（轮转项目 {programme} 中，{chain}：这几段都永远无法开始）",
                     "prerequisites without a cycle (in programme {programme}, {chain}: none of "
                     "them can ever start)"),
    # rotation programmes as residency offices write them (issue 18)
    "disciplines.not_department": ("专业名称不能与科室编号相同（各段的“科室”列两者都可以填）",
                                   "a discipline name that is not also a department id (a "
                                   "block's departments may name either)"),
    "blocks.name": ("应为科室（编号或名称）或轮转专业表中的专业",
                    "a known department id or a discipline of disciplines.csv"),
    "blocks.choose.disciplines": ("不能超过 {count}，即所列不同专业的个数",
                                  "at most {count}, the number of different disciplines listed"),
    "blocks.prerequisites.syntax": ("应为“甲->乙”形式的各项（乙须在甲之后），多项用逗号隔开",
                                    "items A->B (B only after A), separated by commas"),
    "blocks.prerequisites.name": ("两边都应为本段所列的科室或专业（{side} 不是）",
                                  "departments or disciplines of this block's departments "
                                  "({side} is not one)"),
    "blocks.prerequisites.same": ("两边应为不同的科室或专业", "two different departments or disciplines"),
    "blocks.prerequisites.cycle": ("先修不能循环（{chain}：这几项都永远无法开始）",
                                   "prerequisites without a cycle ({chain}: none of them can ever "
                                   "start)"),
    "places.neither": ("应填容量或最少人数（这一行两者都没填）",
                       "a capacity or a minimum (this row sets neither)"),
    "places.minimum": ("不能超过容量（{capacity}）", "at most the capacity ({capacity})"),
    "places.overlap": ("{dept} 的这些月份未在别处设置过（第 {row} 行已覆盖 {first}..{last} 中的月份）",
                       "months not set already for {dept} (row {row} covers some of "
                       "{first}..{last})"),
    "what.wish_kind": ("意愿类型", "a kind of wish"),
    "wishes.value.discipline": ("应填这条意愿针对的专业", "the discipline this wish is about"),
    "wishes.value.host": ("应填这条意愿针对的基地", "the host this wish is about"),
    "wishes.value.department": ("应填这条意愿针对的科室", "the department this wish is about"),
    "wishes.value.none": ("不填：这类意愿不针对某一项", "nothing: this kind of wish is about no one thing"),
    "wishes.discipline": ("应为轮转专业表中的专业", "a discipline of disciplines.csv"),
    "wishes.host": ("应为轮转专业表中的基地", "a host of disciplines.csv"),
    "wishes.cost.change": ("权重应为 0 或负数：更换基地只会扣分",
                           "a weight of 0 or less: a change of host can only cost"),
    "wishes.cost.idle": ("权重应为 0 或负数：空档月只会扣分",
                         "a weight of 0 or less: an idle month can only cost"),
    "wishes.fairness": ("权重应为 0 或正数：最不满意的轮转人员在总和之外再计入的倍数",
                        "a weight of 0 or more: how much the least satisfied rotator counts on "
                        "top of everyone's sum"),
    "seat.candidates_none": ("候选人条件应至少匹配一人（这个条件没有匹配任何人员）",
                             "a candidate filter that matches at least one person (this "
                             "candidate filter matches no staff)"),
    # --- leave, holidays, history, sign-in records, the previous term --------------------------
    "leave.overlap.staff": ("不能与第 {row} 行重叠（人员 {id}，{start} 至 {end}）；请把两行合并为一行",
                            "no overlap with row {row} (staff {id}, {start} … {end}); merge the "
                            "two rows"),
    "leave.overlap.room": ("不能与第 {row} 行重叠（场地 {id}，{start} 至 {end}）；请把两行合并为一行",
                           "no overlap with row {row} (room {id}, {start} … {end}); merge the "
                           "two rows"),
    "history.credit_class": ("应为学分类别 I 或 II", "a credit class I or II"),
    "record.session_id": ("应为场次编号，如 CPR#1.3（课程#讲次.场次）",
                          "a session id like CPR#1.3 (<course>#<part>.<run>)"),
    "record.course": ("应为场次 {session} 的课程（{course}），或不填",
                      "the course of session {session} ({course}) or nothing"),
    "record.part": ("应为场次 {session} 的讲次（{part}），或不填",
                    "the part of session {session} ({part}) or nothing"),
    "record.missing": ("应填写场次编号（如 CPR#1.3），或填写课程和讲次",
                       "a session id (e.g. CPR#1.3), or a course and part"),
    "record.part_missing": ("应填写所参加的课程 {course} 的讲次（或填写场次编号）",
                            "the part of course {course} attended (or a session id)"),
    "record.part_range": ("应为课程 {course} 的第 1 到 {parts} 讲", "a part 1..{parts} of course {course}"),
    "previous.path": ("应为上一期计划的输出文件夹、plan 文件夹或 plan.json 的路径",
                      "a path to the previous term's outputs folder, plan folder or plan.json"),
    "previous.path.missing": ("应为上一期计划的输出文件夹、plan 文件夹或 plan.json 的路径（找不到：{path}）",
                              "a path to the previous term's outputs folder, plan folder or "
                              "plan.json (no such file or folder: {path})"),
    "previous.path.no_plan": ("应为上一期计划的输出文件夹、plan 文件夹或 plan.json 的路径（其中没有 plan/plan.json：{path}）",
                              "a path to the previous term's outputs folder, plan folder or "
                              "plan.json (no plan/plan.json in it: {path})"),
    "previous.not_a_plan": ("应为上一期计划的 plan.json；{path} 不是“planner plan”写出的计划（{error}）",
                            "a path to the previous term's outputs folder, plan folder or "
                            "plan.json; {path} is not a plan.json written by 'planner plan' "
                            "({error})"),
    "previous.snapshot": ("计划旁边应有可读的输入快照（{error}）",
                          "a readable inputs snapshot beside the plan ({error})"),
    "previous.not_before": ("应为早于本期（{start}）开始的上一期计划；{path} 从 {previous} 开始",
                            "a previous term, starting before this one ({start}); {path} starts "
                            "{previous}"),
    "what.role": ("角色", "a role"),
    "what.category": ("培训类别", "a training category"),
    "what.mode": ("形式", "a mode"),
    "what.credit_class": ("学分类别", "a credit class"),
    "what.credit_class_1_2": ("学分类别 I 或 II", "a credit class I or II"),
    "what.frequency": ("频次", "a frequency"),
    "what.order": ("顺序", "an order"),
    "what.kind": ("类型", "a kind"),
    "what.day_kind": ("日期类型", "a day kind"),
    "what.weekday": ("星期", "a weekday"),
    "what.rule_kind": ("规则类型", "a rule kind"),
    "what.engine": ("求解引擎", "an engine"),
    "what.replan_scope": ("重排范围", "a re-plan scope"),
}


def _value(value: object, lang: str) -> object:
    if isinstance(value, Msg):
        return render(value, lang)
    if isinstance(value, Both):
        return value.zh if lang == "zh" else value.en
    if isinstance(value, tuple):
        value = Items(value)
    if isinstance(value, Items):
        return TEXT[value.sep][0 if lang == "zh" else 1].join(
            str(_value(v, lang)) for v in value.values)
    return value


def render(message: Msg | str, lang: str) -> str:
    """``message`` in ``lang`` (``zh``, or ``en``); plain text (a message no table holds yet)
    as it is."""
    if isinstance(message, str):
        return message
    values = {name: _value(value, lang) for name, value in message.args}
    return TEXT[message.key][0 if lang == "zh" else 1].format(**values)


def hint_of(issue: InputIssue) -> Msg | None:
    """The hint given with the issue, else the ``.fix`` of its message's key, if any."""
    if issue.hint is not None:
        return issue.hint
    if isinstance(issue.message, Msg) and f"{issue.message.key}.fix" in TEXT:
        return Msg(f"{issue.message.key}.fix", issue.message.args)
    return None


def render_issue(issue: InputIssue, lang: str) -> str:
    """One problem as one line: where, what was found, what was expected, how to fix it."""
    hint = hint_of(issue)
    if lang == "zh":
        where = issue.file
        if issue.row is not None:
            where += f"，第 {issue.row} 行"
        if issue.column:
            where += f"，“{issue.column}”列"
        found = "" if issue.value is None else f"：填的是“{issue.value}”"
        text = f"{where}{found}——{render(issue.message, 'zh')}"
        if hint is not None:
            text += ("" if text.endswith(("。", "！", "？")) else "。") + render(hint, "zh")
        return text
    where = issue.file
    if issue.row is not None:
        where += f", row {issue.row}"
    if issue.column:
        where += f", column '{issue.column}'"
    found = "" if issue.value is None else f": got {issue.value!r}"
    text = f"{where}{found} — expected {render(issue.message, 'en')}"
    if hint is not None:
        text += ". " + render(hint, "en")
    return text
