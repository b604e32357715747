"""The `warraq` command line (mirrors python/warraq/cli/): every command's output read
back and compared with what the Python API computes on the same corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import warraq
from warraq.cli import main
from warraq.cli.convert import ENTITY_LABELS
from warraq.cli.kwic import aligned_lines, width

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = str(ROOT / "examples" / "sample_corpus")
WEB = str(ROOT / "examples" / "web")
QUIET = ["--no-progress"]


def _streamed(source: str) -> pd.DataFrame:
    """The corpus as the streaming commands read it (no corpus-level pass)."""
    return pd.concat(list(warraq.iter_corpus(source, progress=False)), ignore_index=True)


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture()
def bad_corpus(tmp_path: Path) -> Path:
    """One good article and one JSON-lines file broken on its second line."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text("عنوان الخبر\n\nأعلنت الوزارة اليوم عن مشروع جديد في عمان.\n", encoding="utf-8")
    (folder / "broken.jsonl").write_text('{"text": "نص سليم"}\n{"text": "نص\n', encoding="utf-8")
    return folder


@pytest.mark.parametrize("source", [SAMPLE, WEB])
def test_convert_jsonl_rows_are_the_corpus(source: str, tmp_path: Path) -> None:
    out = tmp_path / "c.jsonl"
    assert main(["convert", source, "-o", str(out), *QUIET]) == 0
    rows = _jsonl(out)
    df = _streamed(source)
    assert len(rows) == len(df) > 0
    assert list(rows[0]) == list(warraq.COLUMNS)
    assert [r["id"] for r in rows] == df["id"].tolist()
    assert [r["body"] for r in rows] == df["body"].tolist()
    assert [r["tags"] for r in rows] == [list(t) for t in df["tags"]]
    assert [r["published"] for r in rows] == [None if pd.isna(p) else p.isoformat() for p in df["published"]]
    # a missing string is null in JSON, NaN in pandas 3's str column
    assert [r["url"] for r in rows] == [None if pd.isna(u) else u for u in df["url"]]
    # Arabic as written, not \u escapes
    assert "\\u06" not in out.read_text(encoding="utf-8")


def test_convert_recurring_is_read_corpus(tmp_path: Path) -> None:
    out = tmp_path / "c.jsonl"
    assert main(["convert", SAMPLE, "-o", str(out), "--recurring", *QUIET]) == 0
    df = warraq.read_corpus(SAMPLE, progress=False)
    rows = _jsonl(out)
    assert [r["body"] for r in rows] == df["body"].tolist()
    assert [r["n_words"] for r in rows] == df["n_words"].tolist()


def test_convert_csv_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "c.csv"
    assert main(["convert", SAMPLE, WEB, "-o", str(out), *QUIET]) == 0
    back = pd.read_csv(out, keep_default_na=False)
    df = _streamed([SAMPLE, WEB])  # type: ignore[arg-type]
    assert len(back) == len(df)
    assert back["id"].astype(str).tolist() == df["id"].tolist()
    assert back["body"].tolist() == df["body"].tolist()
    assert [json.loads(t) for t in back["tags"]] == [list(t) for t in df["tags"]]


def test_convert_parquet_equals_read_corpus(tmp_path: Path) -> None:
    out = tmp_path / "c.parquet"
    assert main(["convert", SAMPLE, WEB, "-o", str(out), *QUIET]) == 0
    back = pd.read_parquet(out)
    df = warraq.read_corpus([SAMPLE, WEB], progress=False)
    assert len(back) == len(df)
    for col in ("id", "title", "source", "body"):
        assert back[col].tolist() == df[col].tolist(), col
    assert back["n_words"].astype("int64").tolist() == df["n_words"].tolist()
    published = pd.to_datetime(back["published"]).astype("datetime64[ns]")
    assert published.isna().tolist() == df["published"].isna().tolist()
    assert published.dropna().tolist() == df["published"].dropna().tolist()


def test_convert_parquet_passes_the_reading_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command's side of write_parquet, whatever build: options in, errors out."""
    calls: list[tuple[object, str, dict]] = []

    class Written:
        rows = 5
        errors = [{"path": "x/broken.jsonl", "line": 2, "offset": None, "message": "bad JSON"}]

    def write_parquet(source: object, path: str, *, format: str = "auto", encoding: str = "auto",
                      errors: str = "raise", n_jobs: int | None = None, text_column: str | None = None,
                      id_column: str | None = None, include_non_articles: bool = False,
                      keep_empty: bool = False, columns: dict | None = None) -> Written:
        calls.append((source, path, {"encoding": encoding, "errors": errors, "n_jobs": n_jobs, "columns": columns}))
        return Written()

    monkeypatch.setattr(warraq, "write_parquet", write_parquet, raising=False)
    out = str(tmp_path / "c.parquet")
    code = main(["convert", SAMPLE, WEB, "-o", out, "--encoding", "cp1256", "-j", "2", "--columns", "text=body"])
    assert code == 1  # the fake skipped a file
    assert calls == [([SAMPLE, WEB], out, {"encoding": "cp1256", "errors": "skip", "n_jobs": 2, "columns": {"text": "body"}})]
    captured = capsys.readouterr()
    assert "wrote 5 articles" in captured.out and "x/broken.jsonl:2: bad JSON" in captured.err
    # an option this write_parquet does not take is refused, not dropped
    assert main(["convert", SAMPLE, "-o", out, "--languages", "ar"]) == 2
    assert "languages" in capsys.readouterr().err


def test_bad_file_skipped_named_exit_1(bad_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "c.jsonl"
    assert main(["convert", str(bad_corpus), "-o", str(out), *QUIET]) == 1
    err = capsys.readouterr().err
    assert "broken.jsonl:2:" in err
    assert len(_jsonl(out)) == 1  # the good article; the broken file is left out whole
    # --errors raise: stop, exit 2, the file and line named
    assert main(["convert", str(bad_corpus), "-o", str(out), "--errors", "raise", *QUIET]) == 2
    assert "broken.jsonl" in capsys.readouterr().err


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert main(["convert", SAMPLE, "-o", str(tmp_path / "x.xlsx")]) == 2
    assert "must end in" in capsys.readouterr().err
    assert main(["convert", SAMPLE, "-o", str(tmp_path / "x.jsonl"), "--columns", "text"]) == 2
    assert "PART=FIELD" in capsys.readouterr().err
    assert main(["convert", str(tmp_path / "missing"), "-o", str(tmp_path / "x.jsonl"), *QUIET]) == 2
    assert main(["entities", SAMPLE, "-o", str(tmp_path / "e.jsonl"), "--labels", "PLACE"]) == 2
    assert main(["--version"]) == 0


def test_entities_jsonl_and_labels(tmp_path: Path) -> None:
    df = _streamed(SAMPLE)
    ents = warraq.entities_frame(df, progress=False)
    out = tmp_path / "e.jsonl"
    assert main(["entities", SAMPLE, "-o", str(out), *QUIET]) == 0
    rows = _jsonl(out)
    assert len(rows) == len(ents) > 0
    assert [(r["id"], r["label"], r["text"], r["start"]) for r in rows] == list(
        zip(ents["id"], ents["label"], ents["text"], ents["start"])
    )
    out = tmp_path / "places.jsonl"
    assert main(["entities", SAMPLE, "-o", str(out), "--labels", "location,person", *QUIET]) == 0
    kept = ents[ents["label"].isin(["LOCATION", "PERSON"])]
    assert [r["text"] for r in _jsonl(out)] == kept["text"].tolist()


def test_entities_parquet_reads_back(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    ents = warraq.entities_frame(_streamed(SAMPLE), progress=False)
    out = tmp_path / "e.parquet"
    assert main(["entities", SAMPLE, "-o", str(out), *QUIET]) == 0
    back = pd.read_parquet(out)
    assert len(back) == len(ents)
    assert back["text"].tolist() == ents["text"].tolist()
    assert back["end"].tolist() == ents["end"].tolist()
    numbers = ents[ents["label"] == "NUMBER"]
    assert [float(v) for v in back.loc[numbers.index, "value"]] == numbers["value"].tolist()


def test_entity_labels_are_the_models() -> None:
    stub = (ROOT / "python" / "warraq" / "_warraq.pyi").read_text(encoding="utf-8")
    block = stub.split("_EntityLabel = Literal[", 1)[1].split("]", 1)[0]
    assert sorted(s.strip().strip('"') for s in block.split(",") if s.strip()) == sorted(ENTITY_LABELS)


def test_kwic_prints_the_lines_aligned(capsys: pytest.CaptureFixture[str]) -> None:
    df = _streamed(SAMPLE)
    expected = warraq.kwic(df, "المياه", window=3, progress=False)
    assert len(expected) > 1
    assert main(["kwic", SAMPLE, "المياه", "--window", "3", *QUIET]) == 0
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert len(lines) == len(expected)
    assert f"{len(expected)} lines" in out.err
    fields = [line.split(" | ") for line in lines]
    assert [f[2].strip() for f in fields] == expected["keyword"].tolist()
    assert [f[1].strip() for f in fields] == expected["left"].tolist()
    # keywords stand in one column
    assert len({width(line.split(" | ")[0] + " | " + line.split(" | ")[1]) for line in lines}) == 1
    assert main(["kwic", SAMPLE, "المياه", "--limit", "1", *QUIET]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1


def test_kwic_sort_and_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    df = _streamed(SAMPLE)
    expected = warraq.kwic(df, "المياه", sort="right", progress=False)
    out = tmp_path / "k.csv"
    assert main(["kwic", SAMPLE, "المياه", "--sort", "right", "-o", str(out), *QUIET]) == 0
    back = pd.read_csv(out, keep_default_na=False)
    assert back["right"].tolist() == expected["right"].tolist()
    assert back["start"].tolist() == expected["start"].tolist()
    page = tmp_path / "k.html"
    assert main(["kwic", SAMPLE, "المياه", "-o", str(page), *QUIET]) == 0
    text = page.read_text(encoding="utf-8")
    assert text.count('class="warraq-kwic-keyword"') == len(expected)
    assert '<meta charset="utf-8">' in text
    assert main(["kwic", SAMPLE]) == 2  # no pattern


def test_aligned_lines_pad_by_cells() -> None:
    text = aligned_lines([("1", "تدمُر", "ك", ""), ("22", "ab", "كلمة", "x")])
    assert text.splitlines() == ["1  | تدمُر | ك    |", "22 |   ab | كلمة | x"]


def test_index_then_search(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ix = tmp_path / "ix"
    assert main(["index", SAMPLE, WEB, "-o", str(ix), *QUIET]) == 0
    index = warraq.SearchIndex.open(ix)
    assert len(index) == len(_streamed([SAMPLE, WEB]))  # type: ignore[arg-type]
    expected = index.search("المياه", k=3)
    assert len(expected) > 0
    capsys.readouterr()
    assert main(["search", str(ix), "المياه", "-k", "3"]) == 0
    out = capsys.readouterr().out.splitlines()
    titles = [line for line in out if not line.startswith("   ")]
    assert len(titles) == len(expected)
    for line, (ident, title) in zip(titles, expected[["id", "title"]].values.tolist()):
        assert str(ident) in line and (title or "") in line
    assert "[" in out[1]  # the match is marked in the snippet
    hits = tmp_path / "h.jsonl"
    source = expected["source"].iloc[0]
    assert main(["search", str(ix), "المياه", "--where", f"source={source}", "-o", str(hits)]) == 0
    filtered = index.search("المياه", where={"source": source})
    assert [r["id"] for r in _jsonl(hits)] == filtered["id"].tolist()
    assert main(["index", SAMPLE, "-o", str(ix), *QUIET]) == 2  # not empty
    assert main(["search", str(tmp_path / "nope"), "x"]) == 2
    assert main(["search", str(ix), "x", "--where", "colour=red"]) == 2


def test_info_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", SAMPLE, WEB, "--json", *QUIET]) == 0
    info = json.loads(capsys.readouterr().out)
    df = _streamed([SAMPLE, WEB])  # type: ignore[arg-type]
    assert info["articles"] == len(df)
    assert info["words"] == int(df["n_words"].sum())
    assert info["formats"] == {"txt": 6, "html": 1, "warc": 1}
    assert info["encodings"] == {"utf-8": 7, "per page": 1}
    assert info["published_from"] == df["published"].min().isoformat()
    assert info["published_to"] == df["published"].max().isoformat()
    assert sum(info["sources"].values()) == len(df)
    assert info["errors"] == []
    assert len(info["archives"]) == 1


def test_info_names_bad_files(bad_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (bad_corpus / "old.txt").write_bytes("خبر قديم عن الاقتصاد".encode("cp1256"))
    assert main(["info", str(bad_corpus), *QUIET]) == 1
    out = capsys.readouterr().out
    assert "broken.jsonl:2:" in out
    assert "windows-1256 1" in out and "utf-8 2" in out
    assert "errors     1" in out


def test_python_m_warraq(tmp_path: Path) -> None:
    out = tmp_path / "c.jsonl"
    done = subprocess.run(
        [sys.executable, "-m", "warraq", "convert", SAMPLE, WEB, "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "wrote" in done.stdout
    assert len(_jsonl(out)) == len(_streamed([SAMPLE, WEB]))  # type: ignore[arg-type]
    assert done.stderr == ""  # no progress bar when stderr is not a terminal


@pytest.mark.parametrize("name", ["_options", "_tables", "convert", "info", "kwic", "report", "search"])
def test_command_module_docstrings_run(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """test_docs runs the top-level modules' examples; these are one level down."""
    import doctest
    import importlib

    monkeypatch.chdir(ROOT)
    module = importlib.import_module(f"warraq.cli.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
