"""``planner publish``, ``planner tokens rotate`` and ``planner serve`` as a user meets them."""

from __future__ import annotations

from pathlib import Path

from ..conftest import run_cli
from . import builders
from .conftest import write_outputs


def test_publish_reports_the_version_and_exports_static_feeds(state_root: Path,
                                                             tmp_path: Path) -> None:
    out = write_outputs(tmp_path / "out", builders.problem(), builders.plan())
    result = run_cli("publish", out, "--to", tmp_path / "www", "--today", "2027-02-01",
                     "--state", state_root)
    assert result.exit_code == 0, result.output
    # 5 sessions, a rotation block, a placement, 2 deadlines, 1 recording
    # in the plan's language (Chinese here)
    assert "已发布第 1 版，时间 2027-02-01 00:00Z：新增 10 项，调整 0 项，删除 0 项日程" in \
        result.output
    assert len(list((tmp_path / "www" / "feeds").glob("*.ics"))) == 9
    again = run_cli("publish", out, "--state", state_root)
    assert "第 1 版已经发布" in again.output
    english = write_outputs(tmp_path / "en", builders.problem("en"), builders.plan())
    result = run_cli("publish", english, "--today", "2027-02-02", "--state", state_root)
    assert "published version 2 at 2027-02-02 00:00Z" in result.output, result.output


def test_tokens_rotate_prints_the_new_links(state_root: Path, tmp_path: Path) -> None:
    out = write_outputs(tmp_path / "out", builders.problem(), builders.plan())
    result = run_cli("tokens", "rotate", out, "S001", "--state", state_root)
    assert result.exit_code == 0, result.output
    assert "person:S001 的新链接" in result.output
    assert "https://cme.example.cn/feeds/" in result.output
    assert "webcal://cme.example.cn/feeds/" in result.output
    unknown = run_cli("tokens", "rotate", out, "S999", "--state", state_root)
    assert unknown.exit_code == 1 and "“S999”不是这份输出中的职工、科室或教室" in unknown.output


def test_commands_on_a_folder_that_is_no_plan_say_so(state_root: Path, tmp_path: Path) -> None:
    for args in (("publish", tmp_path), ("serve", tmp_path), ("tokens", "rotate", tmp_path, "x")):
        result = run_cli(*args)
        assert result.exit_code == 1
        assert "应为 planner plan 写出的文件夹" in result.output, result.output


def test_serve_without_state_says_so(tmp_path: Path, state_root: Path) -> None:
    out = write_outputs(tmp_path / "out", builders.problem(), builders.plan())
    result = run_cli("serve", out, "--state", tmp_path / "elsewhere")
    assert result.exit_code == 1 and "no plan state yet" in result.output


def test_plan_refuses_an_unknown_language() -> None:
    result = run_cli("plan", "inputs/example", "--lang", "fr")
    assert result.exit_code == 1 and "--lang 'fr'：应为 zh、en 之一" in result.output


def test_the_static_export_folder_cannot_be_listed_by_other_users(state_root: Path,
                                                                  tmp_path: Path) -> None:
    """Item 14 of issue 19: ``--to DIR/feeds`` was 0755 and its files are named by token, so
    any local user could list every token. Now only its owner may list it; the web server
    still opens a file whose name (the token) it is given."""
    import stat

    from planner.calendars.token_rotation import rotate

    out = write_outputs(tmp_path / "out", builders.problem(), builders.plan())
    result = run_cli("publish", out, "--to", tmp_path / "www", "--state", state_root)
    assert result.exit_code == 0, result.output
    feeds = tmp_path / "www" / "feeds"
    assert stat.S_IMODE(feeds.stat().st_mode) == 0o711
    some = next(feeds.glob("*.ics"))
    assert stat.S_IMODE(some.stat().st_mode) & 0o004  # readable by name
    rotate(out, "S001", state_root)  # a refreshed export keeps the mode
    assert stat.S_IMODE(feeds.stat().st_mode) == 0o711
