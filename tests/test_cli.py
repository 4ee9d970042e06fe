"""The command line: python -m tracker validate | events | index | coverage."""

import io
import subprocess
import sys

import pandas as pd
import pytest

from tracker.index import METHOD_VERSION, to_scale

from tracker.__main__ import main
from tracker.load import read_events
from tests.conftest import event_row, to_csv


@pytest.fixture
def events_file(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(to_csv([
        event_row("A1", "2025-01-05", "cross_border_strike"),
        event_row("A2", "2025-02-10", "talks"),
        event_row("I1", "2025-05-07", "cross_border_strike", dyad="IND-PAK", initiator="IND", target="PAK"),
    ]))
    return path


@pytest.fixture
def bad_file(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(to_csv([event_row("A1", "2025-13-01", "talks"), event_row("A2", "2025-01-01", "picnic")]))
    return path


def test_validate_exit_codes(events_file, bad_file, capsys):
    assert main(["validate", str(events_file)]) == 0
    assert capsys.readouterr().out == ""
    assert main(["validate", str(events_file), str(bad_file)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{bad_file}:2: date: '2025-13-01' is not a date (expected YYYY-MM-DD)"
    assert out[1].startswith(f"{bad_file}:3: event_type: 'picnic' is not one of")


def test_validate_missing_file(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.csv")]) == 1
    assert capsys.readouterr().out == f"{tmp_path / 'nope.csv'}: (file): file not found\n"  # a problem like any other


def test_events_filters_and_round_trips(events_file, tmp_path, capsys):
    assert main(["events", "--data", str(events_file), "--dyad", "PAK-AFG", "--type", "talks"]) == 0
    out = capsys.readouterr().out
    frame = pd.read_csv(io.StringIO(out))
    assert frame["event_id"].tolist() == ["A2"]
    out_file = tmp_path / "out.csv"
    assert main(["events", "--data", str(events_file), "--from", "2025-02-01", "--out", str(out_file)]) == 0
    assert read_events(out_file)["event_id"].tolist() == ["A2", "I1"]  # the export validates again


def test_index_writes_date_and_index(events_file, capsys):
    assert main(["index", "--data", str(events_file), "--dyad", "AFG-PAK", "--from", "2025-01-05",
                 "--to", "2025-01-10", "--half-life", "10"]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert frame["date"].tolist() == [f"2025-01-{d:02d}" for d in range(5, 11)]
    assert frame["index"].iloc[0] == pytest.approx(to_scale([10.0])[0], abs=0.01)  # a strike: score 10
    assert set(frame["half_life_days"]) == {10.0} and set(frame["method_version"].astype(str)) == {METHOD_VERSION}


def test_index_refuses_invalid_data(bad_file, capsys):
    assert main(["index", "--data", str(bad_file), "--dyad", "AFG-PAK"]) == 1
    assert "is not a date" in capsys.readouterr().err


def test_index_for_dyad_without_events(events_file, capsys):
    assert main(["index", "--data", str(events_file), "--dyad", "AFG-IND"]) == 1
    assert "no events for dyad AFG-IND" in capsys.readouterr().err


@pytest.mark.parametrize("args, message", [
    (["index"], "--dyad"),
    (["index", "--dyad", "PAKISTAN"], "two ISO alpha-3 codes"),
    (["events", "--from", "2025-02-30"], "is not a date"),
    (["events", "--type", "picnic"], "unknown event type 'picnic'"),
])
def test_bad_arguments_are_explained(args, message, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_coverage_lists_counts_and_gaps(events_file, capsys):
    assert main(["coverage", "--data", str(events_file), "--dyad", "AFG-PAK"]) == 0
    out = capsys.readouterr().out
    assert "== AFG-PAK: 2 events, 2025-01-05 to 2025-02-10" in out
    assert "months with no event (0): none" in out
    assert "IND-PAK" not in out


@pytest.mark.parametrize("command", ["validate", "events", "index", "what-moved", "net", "coverage"])
def test_help_for_each_command(command):
    result = subprocess.run([sys.executable, "-m", "tracker", command, "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "usage: python -m tracker " + command in result.stdout


def test_index_band_and_types_add_up(events_file, capsys):
    assert main(["index", "--data", str(events_file), "--dyad", "AFG-PAK", "--band", "--by-type"]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert (frame["low"] <= frame["index"] + 1e-6).all() and (frame["index"] <= frame["high"] + 1e-6).all()
    types = frame.filter(like="type_")
    assert set(types.columns) == {"type_cross_border_strike", "type_talks"}
    assert (types.sum(axis=1) - frame["score"]).abs().max() < 0.01


def test_custom_weights_are_used_and_recorded(events_file, tmp_path, capsys):
    weights = tmp_path / "weights.csv"
    weights.write_text("event_type,weight\ncross_border_strike,20\n")
    assert main(["index", "--data", str(events_file), "--dyad", "AFG-PAK", "--to", "2025-01-05", "--weights", str(weights)]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert frame["score"].iloc[-1] == 20.0
    assert "custom weights: cross_border_strike=20" in frame["parameters"].iloc[-1]
    weights.write_text("event_type,weight\npicnic,1\n")
    assert main(["index", "--data", str(events_file), "--dyad", "AFG-PAK", "--weights", str(weights)]) == 1
    assert capsys.readouterr().err == f"{weights}:2: event_type: 'picnic' is not an event type of data/codebook.csv\n"


def test_what_moved_sums_to_the_change(events_file, capsys):
    assert main(["what-moved", "--data", str(events_file), "--dyad", "AFG-PAK", "--from", "2025-01-01", "--to", "2025-02-15"]) == 0
    moved = pd.read_csv(io.StringIO(capsys.readouterr().out))
    # by 15 Feb the recent talks (-7 decayed 5 days) outweigh the older strike (+10 decayed 41 days)
    assert moved["event_id"].tolist()[:2] == ["A2", "A1"]
    assert main(["index", "--data", str(events_file), "--dyad", "AFG-PAK", "--to", "2025-02-15"]) == 0
    index = pd.read_csv(io.StringIO(capsys.readouterr().out)).set_index("date")["score"]
    assert moved["change"].sum() == pytest.approx(index["2025-02-15"] - 0.0, abs=0.01)  # score was 0 on 1 Jan


def test_monthly_net(events_file, capsys):
    assert main(["net", "--data", str(events_file), "--dyad", "AFG-PAK"]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert frame[["month", "conflict", "cooperation", "net", "events"]].values.tolist() == [
        ["2025-01", 10.0, 0.0, 10.0, 1], ["2025-02", 0.0, -7.0, -7.0, 1]]


def test_out_file_is_not_overwritten_without_force(events_file, tmp_path, capsys):
    out = tmp_path / "events-out.csv"
    out.write_text("keep me")
    assert main(["events", "--data", str(events_file), "--out", str(out)]) == 1
    assert "already exists; use --force" in capsys.readouterr().err
    assert out.read_text() == "keep me"
    assert main(["events", "--data", str(events_file), "--out", str(out), "--force"]) == 0
    assert out.read_text().startswith("event_id,")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary files left


def test_exported_text_cannot_run_as_a_spreadsheet_formula(tmp_path, capsys):
    path = tmp_path / "events.csv"
    path.write_text(to_csv([event_row("A1", "2025-01-05", "talks", summary='=HYPERLINK("http://x.example","click")',
                                      fatalities_best="2", fatalities_low="2", fatalities_high="2")]))
    assert main(["events", "--data", str(path)]) == 0
    row = pd.read_csv(io.StringIO(capsys.readouterr().out)).iloc[0]
    assert row["summary"] == "'=HYPERLINK(\"http://x.example\",\"click\")"
    assert row["fatalities_best"] == 2


FIXTURES = __import__("pathlib").Path(__file__).parent / "fixtures"


def test_import_gdelt_and_acled_write_valid_events(tmp_path, capsys):
    gdelt_out, acled_out, series = tmp_path / "gdelt.csv", tmp_path / "acled.parquet", tmp_path / "goldstein.csv"
    assert main(["import", "gdelt", str(FIXTURES / "gdelt_sample.export.CSV.zip"), "--dyad", "PAK-AFG",
                 "--out", str(gdelt_out), "--goldstein", str(series)]) == 1  # its sample has bad rows: reported
    err = capsys.readouterr().err
    assert "has 30 fields, a GDELT events row has 61" in err and "wrote 4 to" in err
    assert main(["validate", str(gdelt_out)]) == 0
    assert set(pd.read_csv(series).columns) >= {"date", "dyad", "goldstein_sum"}
    assert main(["import", "acled", str(FIXTURES / "acled_sample.csv"), "--dyad", "AFG-PAK", "--out", str(acled_out)]) == 1
    assert "'2025-13-40' is not a date" in capsys.readouterr().err
    assert len(pd.read_parquet(acled_out)) == 5


def test_import_own_file_from_excel(tmp_path, capsys):
    source = tmp_path / "mine.csv"
    text = to_csv([event_row("A1", "2025-01-05", "talks", summary="Café talks in Kabul"),
                   event_row("A2", "2025-13-05", "talks")]).replace(",", ";")
    source.write_bytes(text.encode("cp1252"))
    out, rejected = tmp_path / "clean.csv", tmp_path / "fix-me.csv"
    assert main(["validate", str(source)]) == 1
    assert "(file): is not UTF-8 text" in capsys.readouterr().out
    assert main(["import", "csv", str(source), "--out", str(out), "--rejected", str(rejected)]) == 1
    assert "2 rows read, 1 accepted, 1 rejected" in capsys.readouterr().err
    assert read_events(out)["summary"].tolist() == ["Café talks in Kabul"]
    assert "2025-13-05" in rejected.read_text()


def test_gdelt_sql_and_synth(tmp_path, capsys):
    assert main(["gdelt-sql", "--dyad", "AFG-PAK", "--from", "2025-01-01", "--to", "2025-01-31"]) == 0
    assert "gdelt-bq.gdeltv2.events" in capsys.readouterr().out
    out = tmp_path / "synthetic.parquet"
    assert main(["synth", "--events", "500", "--out", str(out)]) == 0
    assert len(pd.read_parquet(out)) == 500
    assert main(["synth", "--events", "500", "--out", str(out)]) == 1  # no overwrite without --force
