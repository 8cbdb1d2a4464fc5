"""The command line: thin commands over the library, errors with their codes."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from flis.cli import app

runner = CliRunner()


def run(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def test_reference_municipalities_json_lists_98():
    data = json.loads(run("reference", "municipalities", "--json").stdout)
    assert len(data) == 98
    assert {"code": 101, "name": "København"}.items() <= data[0].items()
    assert sum(1 for m in data if m["region_code"] == 1081) == 11


def test_reference_regions_and_groups():
    regions = json.loads(run("reference", "regions", "--json").stdout)
    assert [r["municipalities"] for r in regions] == [11, 19, 22, 29, 17]
    groups = json.loads(run("reference", "groups", "--json").stdout)
    assert sum(len(g["municipalities"]) for g in groups) == 98


def test_synth_writes_deliveries_manifest_and_a_summary(tmp_path):
    out = tmp_path / "country"
    result = run("synth", "--out", str(out), "--scale", "0.002", "--months", "2", "--start", "2024-07",
                 "--municipalities", "101,Læsø", "--faults", "none", "--json")
    summary = json.loads(result.stdout)
    assert summary["municipalities"] == 2 and summary["periods"] == "2024-07..2024-08"
    assert summary["faults_by_kind"] == {}
    assert summary["records_by_domain"]["citizens"] > 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["config"]["municipalities"] == [101, 825]
    assert (out / "deliveries.csv").read_text(encoding="utf-8").count("\n") == summary["files"] + 1


def test_synth_refuses_a_foreign_non_empty_directory(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    proc = subprocess.run([sys.executable, "-m", "flis", "synth", "--out", str(tmp_path), "--scale", "0.001",
                           "--months", "1", "--municipalities", "825"], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "[synth.output_exists]" in proc.stderr
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_bad_options_give_a_coded_error():
    proc = subprocess.run([sys.executable, "-m", "flis", "synth", "--out", "/tmp/never", "--scale", "0.01",
                           "--municipalities", "Atlantis"], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "[reference.unknown_municipality]" in proc.stderr and "Atlantis" in proc.stderr


def test_demo_generates_a_small_country_into_flis_home(flis_home):
    result = run("demo", "--scale", "0.001", "--months", "1", "--no-serve")
    assert (flis_home / "synth" / "manifest.json").exists()
    text = " ".join(result.stdout.split())
    assert "demo-admin" in text and "demo-analyst-101" in text  # fresh credentials, printed once
    assert (flis_home / "releases" / "CURRENT").exists()  # the snapshot the server reads
    assert "Generated" in result.stdout
    manifest = json.loads((flis_home / "synth" / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["config"]["municipalities"]) == 98
    assert "Release R00001 published" in " ".join(result.stdout.split())

    # The release answers figure queries, and the drill-down gives the rows behind the numbers.
    values = json.loads(run("figures", "CIT001", "--municipality", "751", "--json").stdout)
    row = next(v for v in values["values"] if v["series_id"] == "CIT001")
    assert row["value"] > 0 and row["national"] >= row["value"]
    period = row["period"][:7]
    drilled = json.loads(run("drill", "CIT001", "--municipality", "751", "--period", period, "--json").stdout)
    assert drilled["numerator"]["value"] == row["numerator"] == len(drilled["numerator"]["rows"])
    assert all(r["_delivery"] and r["_line"] >= 1 for r in drilled["numerator"]["rows"])
    # Nothing was published before the release existed.
    early = subprocess.run([sys.executable, "-m", "flis", "figures", "CIT001", "--municipality", "751",
                            "--as-of", "2000-01-01"], capture_output=True, text=True)
    assert early.returncode == 2 and "compute.no_release" in early.stderr
    assert "Quality checks:" in result.stdout  # compute runs the quality checks and stores their findings

    # A correction from the command line: the next compute carries it in the corrected track only.
    run("corrections", "aggregate", "CIT001", "--municipality", "751", "--period", period,
        "--value", str(row["numerator"] + 5), "--reason", "five residents missing")
    listed = json.loads(run("corrections", "list", "--json").stdout)
    assert [(c["municipality"], c["new_value"], c["old_value"]) for c in listed] == [
        (751, row["numerator"] + 5, row["numerator"])]
    computed = json.loads(run("compute", "--no-quality", "--json").stdout)
    assert "corrected track: 1 correction(s)" in computed["recomputed"]


def test_catalogue_lists_over_a_thousand_series_and_shows_sql():
    series = json.loads(run("catalogue", "list", "--json").stdout)
    assert len(series) >= 1000 and len({s["id"] for s in series}) == len(series)
    shown = json.loads(run("catalogue", "show", "SCH001", "--json").stdout)
    assert "GROUP BY" in shown["numerator"]["group_sql"] and "schools.pupils" in shown["numerator"]["tables"]
    assert "_delivery" in shown["numerator"]["drill_sql"]
    missing = subprocess.run([sys.executable, "-m", "flis", "catalogue", "show", "SCH999"], capture_output=True,
                             text=True)
    assert missing.returncode == 2 and "catalogue.unknown_figure" in missing.stderr


def test_settings_lists_flis_home(flis_home):
    rows = json.loads(run("settings", "--json").stdout)
    home = next(r for r in rows if r["env"] == "FLIS_HOME")
    assert home["value"] == str(flis_home)
