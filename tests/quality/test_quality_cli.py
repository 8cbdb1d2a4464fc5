"""``flis quality``: check, findings, ack, dismiss — through the real command line."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from flis.cli import app, main
from quality.builders import MUNICIPALITIES, months, pupils
from support.figures import warehouse_with

runner = CliRunner()


def run(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def test_check_stores_findings_and_the_workflow_commands_change_them(flis_home, monkeypatch):
    monkeypatch.delenv("FLIS_STATE_URL", raising=False)
    rows = []
    for k, m in enumerate(MUNICIPALITIES):
        for p in months("2024-01", 6):
            rows += pupils(m, p, 100 + 20 * k, copies=2 if (m, str(p)) == (101, "2024-04") else 1)
    warehouse_with(flis_home, {"schools.pupils": rows}).close()

    summary = json.loads(run("quality", "check", "--json").stdout)
    assert summary["by_code"] == {"quality.history_outlier": 1, "quality.peer_outlier": 1,
                                  "quality.repeated_records": 1}
    assert summary["new"] == 3 and "no release snapshot" in summary["notes"][0]
    again = json.loads(run("quality", "check", "--json").stdout)
    assert again["new"] == 0

    listed = json.loads(run("quality", "findings", "--municipality", "101", "--json").stdout)
    assert listed["total"] == 3
    ids = {f["code"]: f["id"] for f in listed["findings"]}
    assert all(f["period"] == "2024-04" and f["status"] == "open" for f in listed["findings"])

    run("quality", "ack", str(ids["quality.peer_outlier"]))
    result = runner.invoke(app, ["quality", "dismiss", str(ids["quality.history_outlier"]), "--reason", " "])
    assert result.exit_code != 0
    run("quality", "dismiss", str(ids["quality.history_outlier"]), "--reason", "checked with the school")
    statuses = {f["code"]: f["status"] for f in
                json.loads(run("quality", "findings", "--json").stdout)["findings"]}
    assert statuses == {"quality.history_outlier": "dismissed", "quality.peer_outlier": "acknowledged",
                        "quality.repeated_records": "open"}
    text = run("quality", "findings", "--status", "open").stdout
    assert "repeated_records" in text and "history_outlier" not in text


def test_errors_show_their_code_and_exit_code(flis_home, monkeypatch, capsys):
    monkeypatch.delenv("FLIS_STATE_URL", raising=False)
    monkeypatch.setattr("sys.argv", ["flis", "quality", "dismiss", "42", "--reason", "x"])
    with pytest.raises(SystemExit) as exc:
        main()
    assert exc.value.code == 2
    assert "[quality.unknown_finding]" in capsys.readouterr().err
