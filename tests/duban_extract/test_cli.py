from __future__ import annotations

import json
from pathlib import Path

import pytest

from duban_extract.cli import main
from tests.zipbombs import docx_bomb

DOC = "东湖镇2021年重点工作安排\n年底前建成东湖污水处理厂,新增3个社区服务站。\n"


def test_ingest_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(DOC, encoding="utf-8")
    assert main(["ingest", str(path), "--ref-date", "2021-02-01", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ref_date_source"] == "caller"
    assert data["tasks"][0]["deadline"] == "2021-12-31"


def test_ingest_without_date_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(DOC, encoding="utf-8")
    assert main(["ingest", str(path)]) == 2
    assert "--ref-date" in capsys.readouterr().err


def test_ingest_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert main(["ingest", str(path), "--ref-date", "2021-02-01"]) == 2
    assert "empty.txt" in capsys.readouterr().err


def test_bad_date_and_missing_corpus(tmp_path: Path) -> None:
    assert main(["ingest", "x.txt", "--ref-date", "2021-13-01"]) == 2
    assert main(["bench", "extract", "--corpus", str(tmp_path)]) == 2


def test_ingest_of_a_docx_bomb_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(docx_bomb())
    assert main(["ingest", str(path), "--ref-date", "2021-02-01"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bomb.docx" in err and "Traceback" not in err


def test_ingest_explain_names_the_rules_for_owners_and_indicators(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "report.txt"
    path.write_text(
        "一、工作进展\n县委派出3个督查组开展专项督查;对县水利局开展延伸检查。\n"
        "上半年,全县实现地区生产总值56.2亿元,同比增长6.1%,增幅居全市第2位。\n",
        encoding="utf-8",
    )
    assert main(["ingest", str(path), "--ref-date", "2024-07-20", "--explain"]) == 0
    out = capsys.readouterr().out
    assert "unit_subject+carried" in out and "县委" in out
    assert "value        地区生产总值  value=56.2亿元  growth=+6.1%  rank=全市增幅第2" in out
    assert main(["ingest", str(path), "--ref-date", "2024-07-20", "--explain", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert any("unit_subject+carried" in line for line in data["explain"])
    assert data["indicators"][0]["rule"] == "value"
