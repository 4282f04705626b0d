"""Every word the staff parts show — ``planner notify``'s lines and messages, the staff page,
the certificate, the sign-in pages and sheets — in Chinese and English, side by side so a test
can fail on a key missing a language (as :mod:`planner.changes.labels`)."""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("zh", "en")

TEXT: dict[str, tuple[str, str]] = {
    # --- planner notify ------------------------------------------------------------------------
    "notify.no_changes": ("{outputs} 中没有 changes.csv：这次编排没有对照已发布的计划，无需通知",
                          "{outputs} has no changes.csv: this plan was not made against a "
                          "published one, so there is nothing to notify"),
    "notify.bad_csv": ("{path}：不是 planner plan 写出的变动通知（缺少列 {column}）",
                       "{path}: not the change notices 'planner plan' writes (no column "
                       "{column})"),
    "notify.no_server": (
        "未设置邮件服务器：请在 plan.yaml 的 notify: smtp_host 或环境变量 PLANNER_SMTP_HOST 中"
        "填写；或用 --dry-run 只写出邮件文件",
        "no mail server: set notify: smtp_host in plan.yaml or PLANNER_SMTP_HOST in the "
        "environment, or use --dry-run to write the messages as files"),
    "notify.no_sender": ("未设置发件人：请在 plan.yaml 的 notify: sender 或环境变量 "
                         "PLANNER_SMTP_SENDER 中填写",
                         "no sender: set notify: sender in plan.yaml or PLANNER_SMTP_SENDER "
                         "in the environment"),
    "notify.bad_port": ("环境变量 PLANNER_SMTP_PORT 应为 1–65535 的整数，填的是“{value}”",
                        "PLANNER_SMTP_PORT should be a whole number 1–65535, not “{value}”"),
    "notify.bad_security": ("环境变量 PLANNER_SMTP_SECURITY 应为 ssl、starttls 或 none，"
                            "填的是“{value}”",
                            "PLANNER_SMTP_SECURITY should be ssl, starttls or none, not "
                            "“{value}”"),
    "notify.sent": ("已发送 {sent} 封通知", "sent {sent} notices"),
    "notify.already": ("{count} 人此前已收到同样的通知，未重复发送",
                       "{count} people already had this notice and were not sent it again"),
    "notify.no_email": ("{count} 人没有邮箱，未能通知：{names}",
                        "{count} people have no e-mail address and were not notified: {names}"),
    "notify.failed": ("{count} 封未能送达（下次运行 planner notify 时重试）：",
                      "{count} notices could not be delivered (retried on the next "
                      "'planner notify'):"),
    "notify.failure": ("  - {name}（{address}）：{error}", "  - {name} ({address}): {error}"),
    "notify.bad_address": ("邮箱地址无效", "not a valid e-mail address"),
    "notify.dry_run": ("演练：{count} 封邮件写入 {folder}（未发送，未记入发送记录）",
                       "dry run: {count} messages written to {folder} (nothing sent or "
                       "logged)"),
    "notify.wecom_sent": ("已发送企业微信群汇总", "WeCom group summary sent"),
    "notify.wecom_failed": ("企业微信群汇总未能发送（下次重试）：{error}",
                            "the WeCom group summary could not be sent (retried next time): "
                            "{error}"),
    "notify.wecom_text": (
        "【{hospital}】培训安排有变动：{people} 人的日程已调整，已逐一发送邮件通知。"
        "{departments}已订阅的日历会自动更新。",
        "{hospital}: the training schedule changed for {people} people; each has been sent "
        "their notice by e-mail. {departments}Subscribed calendars update themselves."),
    "notify.wecom_department": ("{department} {count} 人", "{department} {count}"),
    "notify.wecom_departments": ("涉及：{list}。", "By department: {list}. "),
    "list.sep": ("、", ", "),
    # --- the staff page ------------------------------------------------------------------------
    "page.title": ("{name} 的培训", "{name}'s training"),
    "page.hello": ("{name}（{department}）", "{name} ({department})"),
    "page.as_of": ("截至 {date}", "as of {date}"),
    "page.upcoming": ("接下来的安排", "Coming up"),
    "page.none_upcoming": ("暂无安排", "Nothing scheduled"),
    "page.you_teach": ("您主讲", "you teach"),
    "page.speaker": ("主讲：{name}", "speaker {name}"),
    "page.online": ("网络课程截止：{title}", "online module due: {title}"),
    "page.recording": ("观看录像：{title}", "recording to watch: {title}"),
    "page.open_link": ("打开链接", "open link"),
    "page.progress": ("学时与学分", "Hours and credits"),
    "page.no_quota": ("本计划对您没有学时或学分要求", "This plan sets you no hours or credits"),
    "page.legend": ("深色：已完成　浅色：已安排　竖线：要求",
                    "dark: done   light: planned   line: required"),
    "page.figures": ("已完成 {done} / 已安排 {planned} / 要求 {required} {unit}",
                     "done {done} / planned {planned} / required {required} {unit}"),
    "page.unit.hours": ("学时", "h"),
    "page.unit.credits": ("学分", "credits"),
    "page.credits-total": ("学分合计", "Credits, total"),
    "page.credits-I": ("I类学分", "Class I credits"),
    "page.credits-II": ("II类学分", "Class II credits"),
    "page.credit_class": ("{klass}类学分", "Class {klass} credits"),
    "page.away": ("轮转与进修", "Rotation and external study"),
    "page.rotation": ("轮转：{department}", "rotation: {department}"),
    "page.placement": ("进修：{partner} {specialty}", "external study: {partner} {specialty}"),
    "page.dates": ("{start} 至 {end}", "{start} to {end}"),
    "page.subscribe": ("订阅日历", "Subscribe"),
    "page.subscribe_note": ("订阅后，安排变动会自动更新到您的日历。",
                            "Once subscribed, changes reach your calendar by themselves."),
    "page.webcal": ("苹果/手机日历", "Apple / phone calendar"),
    "page.google": ("Google 日历", "Google Calendar"),
    "page.outlook": ("Outlook 日历", "Outlook"),
    "page.certificate": ("学分证明", "Credit certificate"),
    "page.certificate_link": ("查看并打印学分证明", "View and print the credit certificate"),
    "page.leave": ("请假申请", "Leave request"),
    "page.leave_note": ("提交后由科教科处理并重新编排；原因只有您和科教科可见。",
                        "The education office handles it and re-plans; only you and the "
                        "office see the reason."),
    "page.leave_start": ("开始日期", "From"),
    "page.leave_end": ("结束日期", "To"),
    "page.leave_reason": ("原因", "Reason"),
    "page.leave_submit": ("提交申请", "Send request"),
    "page.leave_sent": ("已提交：{start} 至 {end}，等待科教科处理。",
                        "Sent: {start} to {end}, waiting for the education office."),
    "page.leave_bad": ("请填写开始和结束日期（结束不早于开始，最长一年），原因不超过 200 字。",
                       "Give a start and an end date (the end not before the start, at most a "
                       "year) and a reason of at most 200 characters."),
    "page.leave_mine": ("我的申请", "My requests"),
    "page.leave_status.open": ("待处理", "waiting"),
    "page.leave_status.accepted": ("已接受", "accepted"),
    "page.leave_status.declined": ("未接受", "declined"),
    "page.role.attended": ("参加", "attended"),
    "page.role.taught": ("主讲", "taught"),
    # --- the certificate -----------------------------------------------------------------------
    "cert.title": ("继续医学教育学分证明", "Continuing medical education: credit certificate"),
    "cert.intro": ("兹证明 {name}（{department}）截至 {date} 在{hospital}"
                   "参加继续医学教育情况如下：",
                   "This certifies the continuing medical education of {name} ({department}) "
                   "at {hospital} up to {date}:"),
    "cert.header": ("日期|项目|身份|学时|学分|类别", "Date|Training|Role|Hours|Credits|Class"),
    "cert.carried": ("此前已记录", "Recorded earlier"),
    "cert.totals": ("合计：{hours} 学时，{credits} 学分",
                    "Total: {hours} hours, {credits} credits"),
    "cert.none": ("尚无记录", "Nothing recorded yet"),
    "cert.source": ("依据：科教科培训记录（含签到）。", "From the education office's records, "
                    "sign-ins included."),
    "cert.print": ("打印", "Print"),
    "cert.seal": ("（盖章）", "(seal)"),
    # --- QR sign-in ----------------------------------------------------------------------------
    "sign.title": ("签到", "Sign in"),
    "sign.confirm": ("{name}，确认签到：", "{name}, confirm you are at:"),
    "sign.button": ("确认签到", "Sign in"),
    "sign.done": ("{name}，已签到：{title}", "{name}, you are signed in: {title}"),
    "sign.again": ("{name}，您已签到过：{title}", "{name}, you had already signed in: {title}"),
    "sign.refused": ("这个签到码无效。请扫描本场讲座签到表上的二维码。",
                     "This sign-in code is not valid. Scan the QR code on this session's "
                     "sign-in sheet."),
    "sign.expired": ("本场签到已结束（{until} 截止）。请向科教科补登。",
                     "Sign-in for this session closed at {until}. Ask the education office to "
                     "record it."),
    "sign.early": ("签到尚未开始（{from_} 开始）。", "Sign-in opens at {from_}."),
    "sign.who": ("请先在本手机上打开您的个人培训页面（日历订阅链接中的“我的页面”），再扫码签到。",
                 "First open your own training page on this phone (the page link that came "
                 "with your calendar link), then scan again."),
    "sheet.title": ("签到表", "Sign-in sheet"),
    "sheet.scan": ("用手机扫码签到（{from_} 至 {until}）", "Scan to sign in ({from_} to {until})"),
    "sheet.header": ("序号|姓名|科室|签名", "No.|Name|Department|Signature"),
    "sheet.speaker": ("主讲：{name}", "Speaker: {name}"),
    "sheet.no_base": ("计划设置中没有 public_base_url：签到二维码需要公开网址",
                      "no public_base_url in the plan settings: the sign-in QR codes need the "
                      "public address"),
    "sheet.none": ("已发布的计划中没有这些场次：{ids}", "no such sessions in the published plan: "
                   "{ids}"),
    "sheet.wrote": ("已写出 {count} 张签到表：{path}", "wrote {count} sign-in sheets: {path}"),
}


@dataclass(frozen=True)
class Labels:
    lang: str

    def __call__(self, key: str, **values: object) -> str:
        return TEXT[key][0 if self.lang == "zh" else 1].format(**values)

    def category(self, value: str) -> str:
        """A training category's name, as the calendars say it."""
        from planner.calendars.labels import Labels as CalendarLabels

        return CalendarLabels(self.lang).category(value)


def labels_for(lang: str | None) -> Labels:
    """English on request, Chinese otherwise (the default)."""
    return Labels("en" if lang == "en" else "zh")
