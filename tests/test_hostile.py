"""Hostile files: each gives the documented exception naming the file (and the line or
byte offset where there is one), or a counted skip under ``errors="skip"``. Every
fixture is written here, in tmp_path."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

import warraq

GOOD = "عنوان الخبر\n\nقال الوزير إن المشروع بدأ في العاصمة اليوم.\n"


def _skipped(folder: Path) -> tuple[list[str], list[dict[str, object]]]:
    """read_corpus(errors="skip") over a folder holding one good file beside the bad."""
    (folder / "0_good.txt").write_text(GOOD, encoding="utf-8")
    df = warraq.read_corpus(folder, errors="skip", progress=False)
    return df["id"].tolist(), df.attrs["warraq_errors"]


# -- model files ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def model_bytes() -> bytes:
    return warraq.EntityRecognizer().to_bytes()


@pytest.mark.parametrize("damage", ["truncated", "flipped byte", "empty", "future version", "not a model"])
def test_damaged_entity_model(tmp_path: Path, model_bytes: bytes, damage: str) -> None:
    data = bytearray(model_bytes)
    if damage == "truncated":
        data = data[: len(data) // 3]
    elif damage == "flipped byte":
        data[len(data) // 2] ^= 0x40
    elif damage == "empty":
        data = bytearray()
    elif damage == "future version":
        data[9:13] = (99).to_bytes(4, "little")  # the u32 after the magic bytes
    else:
        data = bytearray(b'{"format": "warraq.TfidfVectorizer"}')
    path = tmp_path / "model.bin"
    path.write_bytes(bytes(data))
    with pytest.raises(warraq.ModelError) as info:
        warraq.EntityRecognizer(path)
    assert info.value.path == str(path)
    assert str(path) in str(info.value)
    if damage == "future version":
        assert "version 99" in str(info.value)
    with pytest.raises(warraq.ModelError):
        warraq.EntityRecognizer(bytes(data))


@pytest.fixture
def saved_vectorizer(tmp_path: Path) -> Path:
    path = tmp_path / "vec.json"
    warraq.TfidfVectorizer(progress=False).fit(["ارتفعت أسعار النفط", "انخفضت أسعار الذهب"]).save(str(path))
    return path


def test_vectorizer_from_a_future_version(saved_vectorizer: Path) -> None:
    saved = json.loads(saved_vectorizer.read_text(encoding="utf-8"))
    saved["version"] = saved["version"] + 1
    saved_vectorizer.write_text(json.dumps(saved), encoding="utf-8")
    with pytest.raises(warraq.ModelError) as info:
        warraq.TfidfVectorizer.load(str(saved_vectorizer))
    assert info.value.path == str(saved_vectorizer)
    assert f"version {saved['version']} is not supported" in str(info.value)


@pytest.mark.parametrize(
    "edit",
    ["truncated", "idf too short", "not utf-8", "deeply nested", "wrong type"],
)
def test_edited_vectorizer_file(saved_vectorizer: Path, edit: str) -> None:
    text = saved_vectorizer.read_text(encoding="utf-8")
    saved = json.loads(text)
    if edit == "truncated":
        data = text[: len(text) // 2].encode()
    elif edit == "idf too short":
        saved["idf"] = saved["idf"][:-1]
        data = json.dumps(saved).encode()
    elif edit == "not utf-8":
        data = text.encode()[:20] + b"\xff\xfe" + text.encode()[20:]
    elif edit == "deeply nested":
        data = b'{"format": "warraq.TfidfVectorizer", "version": 1, "config": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    else:
        saved["config"]["min_df"] = "many"
        data = json.dumps(saved).encode()
    saved_vectorizer.write_bytes(data)
    with pytest.raises(warraq.ModelError) as info:
        warraq.TfidfVectorizer.load(str(saved_vectorizer))
    assert info.value.path == str(saved_vectorizer)


# -- sizes ---------------------------------------------------------------------------


def _sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as f:
        f.truncate(size)
    return path


def test_two_gigabyte_file_fails_at_once_without_reading_it(tmp_path: Path) -> None:
    """Files over 1 GiB are refused from their size alone (documented limit): no
    2 GB allocation, no minutes spent reading zeros."""
    big = _sparse(tmp_path / "big.txt", 2 * 1024**3)
    start = time.perf_counter()
    with pytest.raises(warraq.ParseError) as info:
        warraq.read_corpus(big, progress=False)
    assert info.value.path == str(big)
    assert "limit" in str(info.value)
    ids, errors = _skipped(tmp_path)
    assert ids == ["0_good"]
    assert [(e["path"], e["error"]) for e in errors] == [(str(big), "ParseError")]
    for load in (warraq.EntityRecognizer, warraq.TfidfVectorizer.load):
        with pytest.raises(warraq.ModelError) as minfo:
            load(str(big))
        assert minfo.value.path == str(big)
    assert time.perf_counter() - start < 30


def test_file_of_zeros_under_the_limit_is_a_binary_file(tmp_path: Path) -> None:
    zeros = _sparse(tmp_path / "zeros.txt", 8 * 1024**2)
    with pytest.raises(warraq.DecodeError) as info:
        warraq.read_corpus(zeros, progress=False)
    assert info.value.path == str(zeros)
    assert info.value.offset == 0
    assert "binary" in str(info.value)


def test_huge_json_is_read_whole(tmp_path: Path) -> None:
    body = "قال الوزير إن المشروع بدأ في العاصمة اليوم. " * 400
    records = [{"id": f"r{i}", "title": f"خبر {i}", "content": body} for i in range(700)]
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    assert path.stat().st_size > 20 * 1024**2
    df = warraq.read_corpus(path, progress=False, recurring=False)
    assert len(df) == 700
    assert df["id"].tolist() == [r["id"] for r in records]
    assert (df["n_words"] > 3000).all()


# -- malformed structure -------------------------------------------------------------


def test_deeply_nested_json(tmp_path: Path) -> None:
    path = tmp_path / "nested.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    with pytest.raises(warraq.ParseError) as info:
        warraq.read_corpus(path, progress=False)
    assert info.value.path == str(path)
    assert info.value.line == 1 and info.value.column is not None
    (tmp_path / "deep.jsonl").write_text('{"text": "نص."}\n' + "[" * 100_000 + "\n", encoding="utf-8")
    ids, errors = _skipped(tmp_path)
    assert ids == ["0_good"]
    assert sorted((Path(str(e["path"])).name, e["line"]) for e in errors) == [("deep.jsonl", 2), ("nested.json", 1)]


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ('id,text\n1,"نص أول لم يغلق\n2,نص ثان\n3,نص ثالث\n', 2),  # a quote never closed
        ('id,text\n1,نص "مقتبس" هنا\n2,"أ"ب,ج\n', 3),  # a quote mid-field, then one field too many
        ('id,text\n1,"نص"\n2,س,ص\n', 3),  # a row with one field too many
    ],
)
def test_csv_with_broken_quoting(tmp_path: Path, content: str, line: int) -> None:
    path = tmp_path / "broken.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(warraq.ParseError) as info:
        warraq.read_corpus(path, progress=False)
    assert (info.value.path, info.value.line) == (str(path), line)
    ids, errors = _skipped(tmp_path)
    assert ids == ["0_good"] and len(errors) == 1 and errors[0]["line"] == line


def test_csv_with_good_quoting_is_not_flagged(tmp_path: Path) -> None:
    path = tmp_path / "ok.csv"
    path.write_text('id,text\n1,"سطر أول\nسطر ثان ""مقتبس"""\n2,نص "حر" هنا\n', encoding="utf-8")
    df = warraq.read_corpus(path, progress=False)
    assert df["id"].tolist() == ["1", "2"]


def test_sgml_without_closing_tags(tmp_path: Path) -> None:
    unclosed_doc = tmp_path / "a.sgml"
    unclosed_doc.write_text("<DOC>\n<DOCNO>A</DOCNO>\n<TEXT>\nنص.\n</TEXT>\n</DOC>\n<DOC>\n<DOCNO>B</DOCNO>\n<TEXT>\nنص بلا نهاية", encoding="utf-8")
    with pytest.raises(warraq.ParseError) as info:
        warraq.read_corpus(unclosed_doc, progress=False)
    assert (info.value.path, info.value.line) == (str(unclosed_doc), 7)
    assert "unclosed <DOC>" in str(info.value)
    # A <DOC tag without its `>` (the next `>` is the closing tag's).
    unterminated = tmp_path / "c.sgml"
    unterminated.write_text('<DOC>\n<DOCNO>C</DOCNO>\n</DOC>\n<DOC id="X"\n</DOC>\n', encoding="utf-8")
    with pytest.raises(warraq.ParseError) as info:
        warraq.read_corpus(unterminated, progress=False)
    assert (info.value.path, info.value.line) == (str(unterminated), 4)
    assert "unterminated <DOC tag" in str(info.value)
    unterminated.unlink()
    # An unclosed <TEXT> inside a closed <DOC> runs to the </DOC>: nothing is lost.
    unclosed_text = tmp_path / "b.sgml"
    unclosed_text.write_text("<DOC>\n<DOCNO>B</DOCNO>\n<TEXT>\nقال الوزير إن المشروع بدأ.\n</DOC>\n", encoding="utf-8")
    df = warraq.read_corpus(unclosed_text, progress=False)
    assert df["id"].tolist() == ["B"] and "المشروع" in df.loc[0, "body"]
    ids, errors = _skipped(tmp_path)
    assert ids == ["0_good", "B"] and [Path(str(e["path"])).name for e in errors] == ["a.sgml"]


# -- paths ---------------------------------------------------------------------------


def test_directory_where_a_file_is_expected(tmp_path: Path) -> None:
    folder = tmp_path / "model.bin"
    folder.mkdir()
    for load in (warraq.EntityRecognizer, warraq.TfidfVectorizer.load):
        with pytest.raises(IsADirectoryError) as info:
            load(str(folder))
        assert info.value.filename == str(folder)
    with pytest.raises(IsADirectoryError):
        warraq.TfidfVectorizer(progress=False).fit(["النفط"]).save(str(folder))


def test_broken_symlink(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "no-such-target.txt")
    with pytest.raises(FileNotFoundError) as info:
        warraq.read_corpus(link, progress=False)
    assert info.value.filename == str(link)
    # Inside a folder: not silently dropped, but reported (or raised).
    with pytest.raises(FileNotFoundError) as info:
        warraq.read_corpus(tmp_path, progress=False)
    assert info.value.filename == str(link)
    ids, errors = _skipped(tmp_path)
    assert ids == ["0_good"]
    assert [(e["path"], e["error"]) for e in errors] == [(str(link), "OSError")]
    with pytest.raises(FileNotFoundError):
        warraq.EntityRecognizer(str(link))


def test_symlink_to_a_file_in_a_folder_is_read(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.mkdir()
    (target / "real.txt").write_text(GOOD, encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "linked.txt").symlink_to(target / "real.txt")
    assert warraq.read_corpus(corpus, progress=False)["id"].tolist() == ["linked"]


# Run by test_unreadable_file in a child process: prints what read_corpus did with
# an unreadable file, alone and beside a readable one under errors="skip".
_UNREADABLE_PROBE = """
import json, sys
import warraq
folder, secret = sys.argv[1], sys.argv[2]
out = {}
try:
    warraq.read_corpus(secret, progress=False)
    out["raised"] = None
except OSError as e:
    out["raised"], out["filename"] = type(e).__name__, e.filename
df = warraq.read_corpus(folder, errors="skip", progress=False)
out["ids"] = df["id"].tolist()
out["errors"] = [(e["path"], e["error"]) for e in df.attrs["warraq_errors"]]
print(json.dumps(out))
"""


def test_unreadable_file(tmp_path: Path) -> None:
    # Root reads any file whatever its mode (the capabilities CAP_DAC_OVERRIDE and
    # CAP_DAC_READ_SEARCH), so as root the probe runs in a child started without them
    # (util-linux setpriv); otherwise in a plain child.
    import shutil
    import subprocess
    import sys

    prefix: list[str] = []
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv (util-linux): cannot drop the capability to read any file")
        prefix = [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--inh-caps", "-all"]
    (tmp_path / "0_good.txt").write_text(GOOD, encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text(GOOD, encoding="utf-8")
    secret.chmod(0)
    try:
        run = subprocess.run(
            [*prefix, sys.executable, "-c", _UNREADABLE_PROBE, str(tmp_path), str(secret)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert run.returncode == 0, run.stderr
        out = json.loads(run.stdout.strip().splitlines()[-1])
        assert (out["raised"], out["filename"]) == ("PermissionError", str(secret))
        assert out["ids"] == ["0_good"]
        assert [tuple(e) for e in out["errors"]] == [(str(secret), "OSError")]
    finally:
        secret.chmod(0o644)


# Batch calls copy each str's UTF-8 out without checking it again (CPython's strict
# encoder only writes valid UTF-8); a str that has no UTF-8 (a lone surrogate) must
# still be an InvalidTextError naming its position, in every batch call, also past
# the first batch of a generator, and not bytes passed on unchecked.
_BAD = "نص \ud800 مكسور"


def _texts_with_bad_at(position: int) -> list[str]:
    texts = ["ارتفعت أسعار النفط في الأسواق العالمية اليوم"] * (position + 3)
    texts[position] = _BAD
    return texts


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda t: warraq.TfidfVectorizer(progress=False).fit(iter(t)), id="fit"),
        pytest.param(lambda t: warraq.TfidfVectorizer(progress=False).fit_transform(iter(t)), id="fit_transform"),
        pytest.param(
            lambda t: warraq.TfidfVectorizer(progress=False).fit(["النفط"]).transform(iter(t)), id="transform"
        ),
        pytest.param(lambda t: warraq.Normalizer().normalize_batch(iter(t)), id="normalize_batch"),
        pytest.param(lambda t: warraq.Normalizer().tokenize_batch(iter(t), joined=True), id="tokenize_batch"),
        pytest.param(lambda t: warraq.EntityRecognizer().extract_batch(iter(t)), id="extract_batch"),
        pytest.param(lambda t: warraq.near_duplicates(t, progress=False), id="near_duplicates"),
    ],
)
@pytest.mark.parametrize("position", [0, 5000])
def test_lone_surrogate_in_a_batch_call_names_its_position(call: object, position: int) -> None:
    with pytest.raises(warraq.InvalidTextError, match=rf"\[{position}\] contains a lone surrogate U\+D800"):
        call(_texts_with_bad_at(position))  # type: ignore[operator]
