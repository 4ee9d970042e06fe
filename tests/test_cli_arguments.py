"""Every command answers a bad argument in one line, never a traceback, and writes nothing then."""

import contextlib
import io
import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from tracker.__main__ import main
from tests.conftest import event_row, to_csv

NUMBERS = st.sampled_from(["inf", "-inf", "nan", "1e400", "1e308", "-5", "0", "0.5", "abc", "", "7", "30", "180", "181",
                           "1e-300", "٣٠", "30 days"])


NAMES = itertools.count()


def run(argv: list[str]) -> tuple[int, str]:
    """Exit code and standard error of one command, run in this process: an exception escaping it fails the test."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main(argv)
        except SystemExit as exit_:  # argparse
            code = exit_.code
    return code, err.getvalue()


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    data = folder / "events.csv"
    data.write_text(to_csv([event_row("A1", "2025-01-05", "cross_border_strike"), event_row("A2", "2025-02-10", "talks")]))
    (folder / "binary.csv").write_bytes(b"\x00\xff\xfe" * 50)
    (folder / "broken.parquet").write_bytes(b"PAR1 not really")
    (folder / "existing.csv").write_text("keep me\n")
    (folder / "a-folder").mkdir()
    return folder


def paths(folder: Path):
    return st.sampled_from([str(folder / "events.csv"), str(folder / "binary.csv"), str(folder / "broken.parquet"),
                            str(folder / "a-folder"), str(folder / "missing.csv"), str(folder / "no-such-dir" / "x.csv"),
                            str(folder), ""])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_hostile_arguments_get_one_line_and_nothing_is_written(files, data):
    out = files / "out" / f"{next(NAMES)}.csv"  # a new name each example: what exists after it, it wrote
    out.parent.mkdir(exist_ok=True)
    weights = files / "weights.csv"
    weights.write_text(f"event_type,weight\n{data.draw(st.sampled_from(['talks', 'picnic', '']))},{data.draw(NUMBERS)}\n")
    command = data.draw(st.sampled_from(["index", "what-moved", "net", "events", "coverage", "validate", "synth", "brief"]))
    out_arg = data.draw(st.sampled_from([str(out), str(files / "existing.csv"), str(files / "a-folder"),
                                         str(files / "no-such-dir" / "x.csv")]))
    argv = {
        "index": ["index", "--dyad", "AFG-PAK", "--data", data.draw(paths(files)), "--half-life", data.draw(NUMBERS)],
        "what-moved": ["what-moved", "--dyad", "AFG-PAK", "--from", "2025-01-01", "--to", "2025-03-01",
                       "--top", data.draw(NUMBERS), "--weights", str(weights)],
        "net": ["net", "--dyad", data.draw(st.sampled_from(["AFG-PAK", "XX", "PAK-PAK", "afg_pak"])),
                "--weights", str(weights), "--data", data.draw(paths(files))],
        "events": ["events", "--data", data.draw(paths(files)), "--from", data.draw(st.sampled_from(["2025-01-01", "2025-13-01", "x"]))],
        "coverage": ["coverage", "--data", data.draw(paths(files))],
        "validate": ["validate", data.draw(paths(files))],
        "synth": ["synth", "--events", data.draw(NUMBERS)],
        "brief": ["brief", "--dyad", "AFG-PAK", "--half-life", data.draw(NUMBERS), "--no-pdf"],
    }[command]
    argv += ["--out", out_arg] if command not in ("coverage", "validate", "brief") else []
    if command == "brief":
        argv += ["--out", data.draw(st.sampled_from([str(files / "existing.csv"), str(files / "no-such-dir" / "b")]))]
    code, err = run(argv)
    assert "Traceback" not in err
    if code == 0:
        return
    assert code in (1, 2), argv
    lines = err.strip().splitlines()
    assert lines, argv  # something is said
    if code == 2:
        assert len(lines) == 1 and lines[0].startswith("python -m tracker"), (argv, err)  # one line naming the argument
    assert not out.exists(), argv  # nothing written on failure
    assert (files / "existing.csv").read_text() == "keep me\n"


def test_the_outside_testers_cases(files):
    assert run(["events", "--out", str(files / "no-such-dir" / "x.csv")]) == (
        2, f"python -m tracker events: argument --out: folder {files / 'no-such-dir'} does not exist\n")
    assert run(["events", "--out", str(files / "a-folder"), "--force"])[0] == 2
    code, err = run(["validate", str(files / "a-folder")])
    assert code == 1 and "Traceback" not in err
    weights = files / "w.csv"
    for value in ("1e308", "nan", "-inf"):
        weights.write_text(f"event_type,weight\nborder_clash,{value}\n")
        code, err = run(["index", "--dyad", "AFG-PAK", "--weights", str(weights)])
        assert code == 1 and err == f"{weights}:2: weight: '{value}' is outside the method's range, -20 to 20\n"
    assert run(["synth", "--events", "-5", "--out", str(files / "s.csv")]) == (
        2, "python -m tracker synth: argument --events: '-5' must be 1 or more\n")


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_every_command_reads_csv_and_parquet_alike(tmp_path, fmt):
    big = tmp_path / f"big.{fmt}"
    assert run(["synth", "--events", "500", "--out", str(big)])[0] == 0
    results = {}
    for command in (["validate", str(big)], ["events", "--data", str(big), "--dyad", "AFG-PAK"],
                    ["index", "--data", str(big), "--dyad", "AFG-PAK"], ["net", "--data", str(big), "--dyad", "AFG-PAK"],
                    ["coverage", "--data", str(big)],
                    ["what-moved", "--data", str(big), "--dyad", "AFG-PAK", "--from", "2020-01-01", "--to", "2021-01-01"]):
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            assert main(command) == 0, command
        results[command[0]] = out.getvalue()
    assert results["index"].startswith("date,dyad,index,low,high,score") or results["index"].startswith("date,dyad,index,score")
    other = tmp_path / f"big.{'parquet' if fmt == 'csv' else 'csv'}"
    assert run(["synth", "--events", "500", "--out", str(other)])[0] == 0
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        main(["index", "--data", str(other), "--dyad", "AFG-PAK"])
    assert out.getvalue() == results["index"]  # the same events in either format: the same index
