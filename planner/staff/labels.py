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
}


@dataclass(frozen=True)
class Labels:
    lang: str

    def __call__(self, key: str, **values: object) -> str:
        return TEXT[key][0 if self.lang == "zh" else 1].format(**values)


def labels_for(lang: str | None) -> Labels:
    """English on request, Chinese otherwise (the default)."""
    return Labels("en" if lang == "en" else "zh")
