"""Every word the web app shows, in Chinese and English side by side (one table, as
:mod:`planner.cli_labels`): a test walks :data:`TEXT` and fails on a key missing a language or
whose two sides take different ``{fields}``. The app speaks one language, ``planner web --lang``
(Chinese by default); names the office typed are shown as typed.
"""

from __future__ import annotations

from dataclasses import dataclass

#: key → (Chinese, English)
TEXT: dict[str, tuple[str, str]] = {
    "app.title": ("继续医学教育培训计划", "CME training planner"),
    "nav.home": ("首页", "Home"),
    "nav.versions": ("已发布版本", "Published versions"),
    "nav.logout": ("退出登录", "Log out"),
    "nav.signed_in": ("{user}（{role}）", "{user} ({role})"),
    "role.office": ("科教科", "education office"),
    "role.department": ("科室主任", "department head"),
    # --- login ---------------------------------------------------------------------------------
    "login.title": ("登录", "Log in"),
    "login.user": ("用户名", "User name"),
    "login.password": ("密码", "Password"),
    "login.submit": ("登录", "Log in"),
    "login.failed": ("用户名或密码不对。", "Wrong user name or password."),
    "login.throttled": ("登录失败次数太多，请 {minutes} 分钟后再试。",
                        "Too many failed attempts: try again in {minutes} minutes."),
    "login.out": ("已退出登录。", "You are logged out."),
    # --- errors --------------------------------------------------------------------------------
    "error.title": ("出错了", "Something is wrong"),
    "error.csrf": ("表单已过期，请返回后刷新页面再提交。",
                   "The form has expired: go back, reload the page and submit again."),
    "error.forbidden": ("您没有查看或操作此页面的权限。",
                        "You may not see or do this."),
    "error.not_found": ("没有这个页面。", "There is no such page."),
    "error.back": ("返回首页", "Back to the home page"),
    # --- home ----------------------------------------------------------------------------------
    "home.title": ("{hospital}：培训计划", "{hospital}: training plan"),
    "home.upload": ("上传输入工作簿", "Upload the input workbook"),
    "home.upload_help": (
        ("上传 .xlsx 工作簿（可用 planner template 生成的模板），或把 CSV 文件夹（plan.yaml 加各表）"
        "压缩成 .zip 上传。每次上传都会保存为一个版本。"),
        ("Upload an .xlsx workbook (the template 'planner template' writes), or a .zip of the "
        "CSV folder (plan.yaml and the tables). Every upload is kept as a version.")),
    "home.upload_file": ("文件", "File"),
    "home.upload_submit": ("上传并检查", "Upload and check"),
    "home.uploads": ("上传记录", "Uploads"),
    "home.jobs": ("编排记录", "Planning runs"),
    "home.current": ("当前输入：第 {id} 次上传（{file}，{who}，{at}）",
                     "Current inputs: upload {id} ({file}, {who}, {at})"),
    "home.no_current": ("还没有通过检查的输入。", "No inputs have passed the checks yet."),
    "home.published": ("已发布：第 {version} 版（{at}）", "Published: version {version} ({at})"),
    "home.not_published": ("尚未发布计划。", "No plan is published yet."),
    "home.departments": ("科室页面", "Department pages"),
    "col.id": ("编号", "No."),
    "col.file": ("文件", "File"),
    "col.who": ("上传人", "By"),
    "col.started_by": ("发起人", "Started by"),
    "col.at": ("时间", "When"),
    "col.result": ("结果", "Result"),
    "col.upload": ("输入", "Inputs"),
    "col.status": ("状态", "Status"),
    # --- uploads -------------------------------------------------------------------------------
    "upload.title": ("第 {id} 次上传：{file}", "Upload {id}: {file}"),
    "upload.by": ("{who} 于 {at} 上传", "uploaded by {who} at {at}"),
    "upload.ok": ("检查通过", "passed"),
    "upload.bad": ("有 {count} 处问题", "{count} problem(s)"),
    "upload.rejected": ("未能读取", "not readable"),
    "upload.valid": ("输入检查通过，可以开始编排。", "The inputs passed every check: ready to plan."),
    "upload.invalid": ("输入有 {count} 处问题，改好后请重新上传。当前输入未作任何改动。",
                       ("The inputs have {count} problem(s): fix them and upload again. The "
                       "current inputs are unchanged.")),
    "upload.marked": ("下载标出问题的工作簿（问题单元格填红色，批注说明问题）",
                      ("Download the workbook with the problem cells in red and the message "
                      "in a comment")),
    "upload.plan": ("开始编排", "Plan"),
    "upload.summary": ("概况", "Summary"),
    "issue.sheet": ("工作表 / 文件", "Sheet / file"),
    "issue.row": ("行", "Row"),
    "issue.column": ("列", "Column"),
    "issue.value": ("填写的值", "Value"),
    "issue.expected": ("应为", "Expected"),
    "issue.fix": ("如何修改", "How to fix"),
    # --- refused uploads (nothing kept, nothing changed) ---------------------------------------
    "refused.title": ("无法接收这个文件", "This file cannot be taken"),
    "refused.nothing_changed": ("当前输入和已发布的计划都未作改动。",
                                "The current inputs and the published plan are unchanged."),
    "refused.empty": ("没有选择文件，或文件是空的。", "No file was chosen, or it is empty."),
    "refused.too_big": ("文件太大（上限 {most} MB）。输入工作簿通常不超过几 MB。",
                        ("The file is too large (at most {most} MB). An input workbook is "
                        "usually a few MB.")),
    "refused.kind": ("只接受 .xlsx 工作簿或 CSV 文件夹的 .zip 压缩包；这个文件两者都不是。",
                     ("Only an .xlsx workbook or a .zip of the CSV folder is taken; this file "
                     "is neither.")),
    "refused.bomb": ("压缩包解开后超过 {most} MB，不像输入文件，已拒收。",
                     ("The archive unpacks to more than {most} MB; that is no input set, so it "
                     "was refused.")),
    "refused.path": ("压缩包内的路径“{path}”不安全（含 ..、绝对路径或反斜杠），已拒收。",
                     ("The archive holds an unsafe path \"{path}\" (.., an absolute path or a "
                     "backslash), so it was refused.")),
    "refused.members": ("压缩包内文件太多（上限 {most} 个）。",
                        "The archive holds too many files (at most {most})."),
    "refused.zip": ("压缩包已损坏，无法解开。", "The archive is damaged and cannot be unpacked."),
    "refused.no_plan_yaml": ("压缩包里没有 plan.yaml（应为 CSV 文件夹的压缩包）。",
                             "The archive holds no plan.yaml (expected a zipped CSV folder)."),
    # --- jobs ----------------------------------------------------------------------------------
    "job.title": ("第 {id} 次编排", "Planning run {id}"),
    "job.of_upload": ("输入：第 {upload} 次上传，{who} 于 {at} 发起",
                      "Inputs: upload {upload}; started by {who} at {at}"),
    "job.status.queued": ("排队中", "waiting"),
    "job.status.running": ("编排中", "planning"),
    "job.status.done": ("已完成", "finished"),
    "job.status.no_plan": ("排不出计划", "no plan possible"),
    "job.status.failed": ("失败", "failed"),
    "job.status.cancelled": ("已取消", "cancelled"),
    "job.busy": ("本院已有一次编排正在进行（第 {id} 次），请等它结束或取消后再开始。",
                 ("A planning run is already under way for this hospital (run {id}): wait for it "
                 "or cancel it first.")),
    "job.not_valid": ("这次上传没有通过检查，不能用来编排。",
                      "This upload did not pass the checks, so it cannot be planned."),
    "job.step": ("第 {k} 步（共 {n} 步）：{what}", "step {k} of {n}: {what}"),
    "job.waiting": ("正在读取输入……", "reading the inputs…"),
    "job.quota": ("学时达标 {percent}%", "quotas met {percent}%"),
    "job.elapsed": ("已用 {seconds} 秒", "{seconds} s so far"),
    "job.estimate": ("预计共约 {seconds} 秒（按上次编排）", "about {seconds} s in all (as last time)"),
    "job.no_estimate": ("首次编排，暂无时长估计", "first run: no estimate yet"),
    "job.took": ("用时 {seconds} 秒", "took {seconds} s"),
    "job.cancel": ("取消编排", "Cancel"),
    "job.summary": ("计划摘要", "Plan summary"),
    "job.summary_open": ("在新窗口打开摘要", "Open the summary in its own window"),
    "job.changes": ("与已发布版本相比的变动", "Changes against the published version"),
    "job.publish": ("发布此计划……", "Publish this plan…"),
    "job.feeds": ("下载订阅链接表 feeds.xlsx（用于邮件合并）",
                  "Download feeds.xlsx (the links for the mail-merge)"),
    "job.failed": ("编排未能完成：{why}", "The run did not finish: {why}"),
    "job.no_plan": ("按现有输入排不出计划：", "No plan is possible with these inputs:"),
    "job.why.restart": ("服务在编排过程中重新启动，本次结果作废，未发布任何内容。",
                        "the server restarted during the run; nothing of it was published."),
    "job.why.crash": ("编排进程意外结束，未发布任何内容。",
                      "the planning process ended unexpectedly; nothing was published."),
    "job.why.check": ("独立校核发现计划违反规则（这是本软件的缺陷，请报告）。",
                      ("the independent check found a rule broken (a defect of the planner: "
                      "please report it).")),
    "job.why.error": ("{message}", "{message}"),
    "job.reload": ("编排已结束，正在刷新页面……", "The run has ended; reloading…"),
    # --- publish -------------------------------------------------------------------------------
    "publish.title": ("发布第 {id} 次编排的计划", "Publish the plan of run {id}"),
    "publish.first": (
        "这是首次发布：订阅者的日历中将出现本计划的全部 {sessions} 场培训及各人的轮转、进修安排。",
        ("This is the first publication: subscribers' calendars will show all {sessions} "
        "sessions of this plan and everyone's rotations and external study.")),
    "publish.replan": ("订阅者将看到以下变动（与已发布的第 {version} 版相比）：",
                       ("Subscribers will see these changes (against published version "
                       "{version}):")),
    "publish.no_changes": ("没有变动说明（计划与已发布版本相同，或没有可比较的已发布版本）。",
                           ("No list of changes (the plan equals the published one, or there is "
                           "none to compare with).")),
    "publish.confirm": ("确认发布", "Publish"),
    "publish.done": (("已发布第 {version} 版：新增 {new} 项、改动 {moved} 项、取消 {removed} 项；"
                     "{feeds} 个订阅已更新。"),
                     ("Published version {version}: {new} new, {moved} moved, {removed} removed; "
                     "{feeds} feeds updated.")),
    "publish.unchanged": ("计划与已发布的第 {version} 版相同，未新增版本。",
                          "The plan equals published version {version}; no new version."),
    "publish.not_ready": ("只有已完成的编排可以发布。", "Only a finished run can be published."),
    "versions.title": ("已发布版本", "Published versions"),
    "versions.version": ("版本", "Version"),
    "versions.at": ("发布时间", "Published at"),
    "versions.note": ("说明", "Note"),
    "versions.current": ("当前", "current"),
    "versions.rollback_of": ("恢复第 {version} 版", "re-publishes version {version}"),
    "versions.rollback": ("恢复此版本", "Publish this version again"),
    "versions.rolled_back": ("已恢复：第 {of} 版的内容作为第 {version} 版重新发布。",
                             ("Rolled back: version {of}'s content is published again as "
                             "version {version}.")),
    "versions.none": ("尚无已发布版本。", "Nothing is published yet."),
    # --- departments ---------------------------------------------------------------------------
    "dept.title": ("{name}：人员与订阅", "{name}: people and feeds"),
    "dept.not_published": ("本院计划尚未发布。", "The hospital's plan is not published yet."),
    "dept.feed": ("科室日历订阅", "Department calendar"),
    "dept.people": ("本科室人员", "People of the department"),
    "dept.name": ("姓名", "Name"),
    "dept.sessions": ("参加的培训（场）", "Sessions attended"),
    "dept.teaching": ("主讲（场）", "Sessions taught"),
    "dept.rotations": ("轮转安排", "Rotations"),
    "dept.link": ("订阅链接", "Feed link"),
    "dept.no_links": ("（订阅链接在发布后显示）", "(links appear once published)"),
}


@dataclass(frozen=True)
class Labels:
    """The words of one language: ``t("job.step", k=1, n=7, what="…")``."""

    lang: str

    def __call__(self, key: str, **values: object) -> str:
        return TEXT[key][0 if self.lang == "zh" else 1].format(**values)


def labels_for(lang: str | None) -> Labels:
    return Labels("en" if lang == "en" else "zh")
