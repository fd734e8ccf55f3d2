"""`xxgk report-check`: sources (URL, HTML, text, PDF, DOCX), outputs and exit codes."""

from __future__ import annotations

import functools
import json
import socket
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from documents import make_cjk_pdf, make_report_docx

from xxgk.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "annual"
REFERENCE = Path(__file__).parent.parent.parent / "shared" / "reference"
REFERENCE_REPORT = REFERENCE / "annual-report-sample-2022-2023.txt"
COMPLETE = FIXTURES / "complete-2023-2024.txt"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


ARTICLE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>江城职业技术学院2023-2024学年信息公开工作年度报告</title></head>
<body><div class="article"><h1>江城职业技术学院2023-2024学年信息公开工作年度报告</h1>
<p>发布时间：2024-10-29</p>
<p>附件：<a href="/upload/2024/jcxxgk-ndbg.pdf">江城职业技术学院2023-2024学年信息公开工作年度报告.pdf</a></p>
</div></body></html>
"""


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    """The fixtures, and an article that only links the report as a PDF (as most schools do)."""
    root = tmp_path / "site"
    root.mkdir()
    for path in FIXTURES.iterdir():
        (root / path.name).write_bytes(path.read_bytes())
    (root / "upload" / "2024").mkdir(parents=True)
    lines = COMPLETE.read_text(encoding="utf-8").splitlines()
    (root / "upload" / "2024" / "jcxxgk-ndbg.pdf").write_bytes(make_cjk_pdf(lines))
    (root / "article.htm").write_text(ARTICLE, encoding="utf-8")
    return root


@pytest.fixture
def report_site(site_dir: Path) -> Iterator[str]:
    """The site folder served on 127.0.0.1, as a school's site serves its report."""
    handler = functools.partial(QuietHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["report-check", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_complete_report_exits_0_and_writes_json_and_markdown(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, str(COMPLETE), "--out", str(tmp_path))
    assert (code, err) == (0, "")
    assert "结论：✓ 年度报告符合各项检查" in out
    data = json.loads((tmp_path / "report-check.json").read_text(encoding="utf-8"))
    assert data["passed"] is True
    assert data["source"] == str(COMPLETE)
    assert [part["heading"] for part in data["parts"]][:2] == ["一、概述", "二、主动公开 情况"]
    assert data["published"] == "2024-10-28"
    assert data["period"]["expected"] == "09-01:08-31"
    column = data["figures"][0]
    assert (column["key"], column["value"], column["qualifier"]) == ("column_items", 3570, "odd")
    markdown = (tmp_path / "report-check.md").read_text(encoding="utf-8")
    assert "| 主动公开情况 | ✓ | 二、主动公开 情况 | 16 | 2 |" in markdown
    assert "| 信息公开专栏发布信息 | 3570余 | 3,570余条 |" in markdown


def test_reference_report_exits_1_with_its_findings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(REFERENCE_REPORT))
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert "必备部分：7/7 个，顺序正确" in lines
    assert "  ✓ 主动公开情况：「二、主动公开情况」第 16 行" in lines
    assert (
        "统计期间：✗ 2022-11-01 至 2023-10-31，应为 2022-09-01 至 2023-08-31（默认 09-01:08-31）"
        in lines
    )
    assert (
        "发布日期：✗ 2023-11-29（取自文末落款），晚于截止日期 2023-10-31（默认），逾期 29 天"
        in lines
    )
    assert (
        "  信息公开专栏发布信息：357（另有 2 个）「其中：信息公开专栏发布信息357 条；」第 17 行"
        in lines
    )
    assert "  收到依申请公开申请：0「2022-2023学年，学校未收到公开信息申请。」第 38 行" in lines
    assert lines[-3:] == [
        "结论：✗ 年度报告有 2 项问题",
        "  - 统计期间为 2022-11-01 至 2023-10-31，与应有的 2022-09-01 至 2023-08-31"
        "（默认统计期间 09-01:08-31）不符",
        "  - 发布日期 2023-11-29 晚于截止日期 2023-10-31（逾期 29 天）",
    ]


def test_province_rules_put_the_reference_report_on_time(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rules = FIXTURES / "deadline-only.yaml"
    code, out, _ = run(capsys, str(REFERENCE_REPORT), "--rules", str(rules), "--out", str(tmp_path))
    assert code == 1  # its period is still not the academic year
    assert (
        "发布日期：✓ 2023-11-29（取自文末落款），未晚于截止日期 2023-11-30（规则文件）"
        in out.splitlines()
    )
    data = json.loads((tmp_path / "report-check.json").read_text(encoding="utf-8"))
    assert (data["deadline"], data["on_time"], data["deadline_origin"]) == (
        "2023-11-30",
        True,
        "rules",
    )
    assert [f["kind"] for f in data["findings"]] == ["period_mismatch"]
    # the province's period and annex too: the period now fits, the annex is missing
    code, _, _ = run(
        capsys,
        str(REFERENCE_REPORT),
        "--rules",
        str(FIXTURES / "province.yaml"),
        "--out",
        str(tmp_path),
    )
    data = json.loads((tmp_path / "report-check.json").read_text(encoding="utf-8"))
    assert (code, [f["kind"] for f in data["findings"]]) == (1, ["missing_annex"])
    assert data["period"]["matches"] is True


def test_options_override_the_rules(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        str(REFERENCE_REPORT),
        "--rules",
        str(FIXTURES / "deadline-only.yaml"),
        "--deadline",
        "12-15",
        "--period",
        "11-01:10-31",
    )
    assert code == 0
    assert "截止日期 2023-12-15（命令行）" in out


def test_pdf_and_docx_sources(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    lines = COMPLETE.read_text(encoding="utf-8").splitlines()
    pdf, docx = tmp_path / "report.pdf", tmp_path / "report.docx"
    pdf.write_bytes(make_cjk_pdf(lines, 20))
    docx.write_bytes(make_report_docx(lines))
    outputs = []
    for path in (pdf, docx):
        code, out, err = run(capsys, str(path), "--out", str(tmp_path / path.suffix[1:]))
        assert (code, err) == (0, "")
        outputs.append(out.splitlines()[2:-1])  # between the source line and the files written
    assert outputs[0] == outputs[1]
    pdf_json = json.loads((tmp_path / "pdf" / "report-check.json").read_text(encoding="utf-8"))
    docx_json = json.loads((tmp_path / "docx" / "report-check.json").read_text(encoding="utf-8"))
    assert (pdf_json.pop("kind"), docx_json.pop("kind")) == ("pdf", "docx")
    assert (pdf_json.pop("source"), docx_json.pop("source")) == (str(pdf), str(docx))
    assert pdf_json == docx_json


def test_url_source_is_fetched_and_its_page_date_judged(
    capsys: pytest.CaptureFixture[str], report_site: str
) -> None:
    url = f"{report_site}/merged-parts.htm"
    code, out, err = run(capsys, url)
    assert (code, err) == (1, "")
    assert f"来源：{url}（网页）" in out
    assert (
        "发布日期：✗ 2024-11-20（取自网页的发布时间），晚于截止日期 2024-10-31（默认），逾期 20 天"
        in out
    )
    code, out, _ = run(capsys, url, "--deadline", "11-30")
    assert code == 0
    assert "结论：✓ 年度报告符合各项检查" in out


def test_page_linking_the_report_is_read_through_its_pdf(
    capsys: pytest.CaptureFixture[str], report_site: str, tmp_path: Path
) -> None:
    url = f"{report_site}/article.htm"
    code, out, err = run(capsys, url, "--out", str(tmp_path))
    assert (code, err) == (0, "")
    pdf = f"{report_site}/upload/2024/jcxxgk-ndbg.pdf"
    assert f"来源：{url} 所附的 {pdf}（PDF 文件）" in out
    assert "发布日期：✓ 2024-10-29（取自网页的发布时间），未晚于截止日期 2024-10-31（默认）" in out
    data = json.loads((tmp_path / "report-check.json").read_text(encoding="utf-8"))
    assert (data["source"], data["document"], data["kind"]) == (url, pdf, "pdf")
    assert all(part["found"] for part in data["parts"])


def test_page_linking_a_missing_document_exits_3(
    capsys: pytest.CaptureFixture[str], site_dir: Path, report_site: str
) -> None:
    (site_dir / "upload" / "2024" / "jcxxgk-ndbg.pdf").unlink()
    code, out, err = run(capsys, f"{report_site}/article.htm")
    assert (code, out) == (3, "")
    pdf = f"{report_site}/upload/2024/jcxxgk-ndbg.pdf"
    assert err == f"无法完成核查：无法读取年度报告 {pdf}：HTTP 404\n"


def test_local_html_page(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(FIXTURES / "merged-parts.htm"), "--deadline", "11-30")
    assert code == 0
    assert "（与依申请公开和不予公开情况合并）" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--period", "9-1:8-31"],
            "--period: 统计期间无效（应为 \"MM-DD:MM-DD\"，实际为 '9-1:8-31'）",
        ),
        (["--deadline", "10-32"], "--deadline: 截止日期无效（应为 \"MM-DD\"，实际为 '10-32'）"),
    ],
)
def test_bad_option_exits_2_with_one_chinese_line(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, str(COMPLETE), *args)
    assert (code, out, err) == (2, "", message + "\n")


def test_missing_file_and_bad_options_are_reported_together(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "no-such-report.pdf"
    code, out, err = run(capsys, str(missing), "--deadline", "1031")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "--deadline: 截止日期无效（应为 \"MM-DD\"，实际为 '1031'）",
        f"SOURCE: 文件不存在（实际为 '{missing}'）",
    ]
    assert "Traceback" not in err


def test_url_that_cannot_be_reached_exits_3(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again before the check connects
    url = f"http://127.0.0.1:{port}/report.htm"
    code, out, err = run(capsys, url)
    assert (code, out) == (3, "")
    assert err.startswith(f"无法完成核查：无法读取年度报告 {url}：连接失败")


def test_url_answering_404_exits_3(capsys: pytest.CaptureFixture[str], report_site: str) -> None:
    code, _, err = run(capsys, f"{report_site}/gone.htm")
    assert code == 3
    assert err == f"无法完成核查：无法读取年度报告 {report_site}/gone.htm：HTTP 404\n"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("report.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "不是网页、文本、PDF 或 DOCX 文件"),
        (
            "report.pdf",
            b"%PDF-1.4\n1 0 obj << /Type /Catalog",
            "没有可提取的文字（文件损坏或为扫描件）",
        ),
    ],
)
def test_file_without_readable_text_exits_3(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run(capsys, str(path))
    assert (code, out) == (3, "")
    assert err == f"无法完成核查：无法读取年度报告 {path}：{reason}\n"
