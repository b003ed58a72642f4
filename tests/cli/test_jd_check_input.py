"""`eaism jd check` on files that are not a job ad: a located error, or "No AI skill recognised"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eaism.cli.app import app

runner = CliRunner()
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
CHINESE_AD = "高级软件工程师\n\n我们正在招聘一名经验丰富的工程师，负责维护支付系统和数据库。\n"  # noqa: RUF001


def check(file: Path, *options: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["jd", "check", str(file), *options])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty; expected the text of a job ad"),
        (b" \n\t\n", "is empty; expected the text of a job ad"),
        (PNG, ":1: is not plain text; expected a job ad as UTF-8 text"),
        (
            "Ingénieur IA\n".encode("latin-1"),
            ":1: is not plain text; expected a job ad as UTF-8 text",
        ),
        (
            b"AI Engineer\nBuild \x00 things\n",
            ":2: is not plain text; expected a job ad as UTF-8 text",
        ),
    ],
)
def test_a_file_that_is_not_an_ad_is_refused_with_its_name(
    tmp_path: Path, content: bytes, message: str
) -> None:
    ad = tmp_path / "ad.txt"
    ad.write_bytes(content)
    code, stdout, stderr = check(ad)
    assert code == 1
    assert stderr.startswith(f"error: {ad}")
    assert message in stderr
    assert stdout == ""


def test_five_megabytes_of_text_are_refused_with_the_limit_and_its_setting(tmp_path: Path) -> None:
    ad = tmp_path / "huge.txt"
    ad.write_text("AI Systems Engineer\n" + "We build evaluation pipelines. " * 170_000)
    assert ad.stat().st_size > 5_000_000
    code, stdout, stderr = check(ad)
    assert code == 1
    assert stderr == (
        f"error: {ad}: is larger than 1,048,576 bytes, longer than any job ad "
        "(EAISM_MAX_JOB_AD_BYTES)\n"
    )
    assert stdout == ""


def test_the_limit_is_a_setting(tmp_path: Path) -> None:
    ad = tmp_path / "ad.txt"
    ad.write_text("AI Systems Engineer\nWe build evaluation pipelines.\n")
    result = runner.invoke(app, ["jd", "check", str(ad)], env={"EAISM_MAX_JOB_AD_BYTES": "20"})
    assert result.exit_code == 1
    assert "is larger than 20 bytes" in result.stderr


def test_an_ad_in_another_script_reads_as_no_ai_skill_recognised(tmp_path: Path) -> None:
    ad = tmp_path / "chinese.txt"
    ad.write_text(CHINESE_AD, encoding="utf-8")
    code, stdout, stderr = check(ad)
    assert (code, stderr) == (0, "")
    assert stdout.startswith("# Job description check: 高级软件工程师\n")
    assert "No AI skill recognised" in stdout
    code, stdout, _ = check(ad, "--format", "json")
    document = json.loads(stdout)
    assert (document["recognised"], document["level"], document["title_level"]) == (False, 0, None)


def test_a_cyrillic_ad_saved_as_utf16_by_a_windows_editor_is_read(tmp_path: Path) -> None:
    ad = tmp_path / "cyrillic.txt"
    ad.write_text("Бухгалтер\r\nВедение учёта и отчётности.\r\n", encoding="utf-16")  # noqa: RUF001
    code, stdout, stderr = check(ad, "--format", "json")
    assert (code, stderr) == (0, "")
    assert json.loads(stdout)["title"] == "Бухгалтер"


def test_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    code, _, stderr = check(tmp_path)
    assert code == 2
    assert stderr.startswith(f"error: {tmp_path}: cannot be read (")
