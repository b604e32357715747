"""warraq.dask on a real LocalCluster (2 worker processes × 1 thread): every result
equals the single-machine one, on the sample corpus and on ../shared's ANT corpus."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

import warraq
from conftest import SAMPLE, shared_path

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
wd = pytest.importorskip("warraq.dask")

# Files of the ANT corpus used for the costlier comparisons (entities, TF-IDF,
# near-duplicates); the whole corpus is read in the slow test.
SUBSET = 600


@pytest.fixture(scope="module")
def client() -> Any:
    cluster = distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, silence_logs=40
    )
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.fixture(scope="module")
def ant_files() -> list[str]:
    root = shared_path("corpora", "antcorpus")
    files = warraq._warraq.list_corpus_files([str(root)])
    # The corpus' own README/LICENSE files are not SGML articles.
    return [f for f in files if Path(f).parent != root]


@pytest.fixture(scope="module")
def ant_subset(ant_files: list[str]) -> list[str]:
    # Every k-th file: all the categories, with their recurring lines.
    step = max(len(ant_files) // SUBSET, 1)
    return ant_files[::step][:SUBSET]


def assert_same_frame(got: pd.DataFrame, want: pd.DataFrame, *, index: bool = True) -> None:
    """Same columns, dtypes, rows in the same order (and index ``0..n-1``: read_corpus
    numbers rows across partitions; entities keep each partition's own)."""
    assert list(got.columns) == list(want.columns)
    assert got.dtypes.equals(want.dtypes)
    if index:
        assert got.index.tolist() == list(range(len(want)))
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True))


def test_import_warraq_does_not_import_dask() -> None:
    code = "import sys, warraq; print(any(m == 'dask' or m.startswith('dask.') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_clear_error_without_dask() -> None:
    code = (
        "import sys; sys.modules['dask'] = None; import warraq.dask as wd\n"
        "try:\n    wd.read_corpus('x')\nexcept ImportError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "pip install warraq[dask]" in out.stdout


def test_sample_corpus_equals_single_machine(client: Any) -> None:
    want = warraq.read_corpus(SAMPLE, progress=False)
    ddf = wd.read_corpus(SAMPLE, files_per_partition=2)
    assert ddf.npartitions == 3
    assert ddf._meta.dtypes.equals(want.dtypes)
    assert_same_frame(ddf.compute(), want)
    ents = wd.entities(ddf)
    assert ents._meta.dtypes.equals(warraq.entities_frame(want, progress=False).dtypes)
    assert_same_frame(ents.compute(), warraq.entities_frame(want, progress=False), index=False)
    got = wd.near_duplicates(ddf)
    pd.testing.assert_frame_equal(got, warraq.near_duplicates(want))
    assert got[["id_i", "id_j"]].values.tolist() == [["001_sada_water", "005_sada_water_reprint"]]


def test_entities_prefer_side(client: Any) -> None:
    # «15 مارس» written on 2016-01-10: the past March is 2015's, the future one 2016's.
    frame = pd.DataFrame(
        {
            "id": ["a", "b"],
            "body": ["وصل الوفد في 15 مارس إلى القاهرة", "عاد الوفد في 2 فبراير"],
            "published": pd.to_datetime(["2016-01-10", "2016-01-10"]),
        }
    )
    ddf = dd.from_pandas(frame, npartitions=2)
    for prefer, year in (("past", "2015"), ("future", "2016")):
        got = wd.entities(ddf, prefer=prefer).compute().reset_index(drop=True)
        want = warraq.entities_frame(frame, prefer=prefer, progress=False)
        assert_same_frame(got, want, index=False)
        dates = got[got.label == "DATE"]
        assert dates.value.str.startswith(year).all() and len(dates) == 2, dates


def test_recurring_lines_across_partitions(client: Any, tmp_path: Path) -> None:
    # A footer in 6 of 8 files, two files per partition: no partition alone holds it
    # in 5 documents, so only the merged counts find it.
    for i in range(8):
        footer = "\n\nهذا الخبر منشور في موقع المدينة اليومي." if i % 4 else ""
        (tmp_path / f"{i}.txt").write_text(f"عنوان {i}\n\nخبر رقم {i} عن الاقتصاد في المدينة.{footer}", encoding="utf-8")
    want = warraq.read_corpus(tmp_path, progress=False)
    assert sum(any(b["reason"] == "recurring line" for b in bp) for bp in want["boilerplate"]) == 6
    got = wd.read_corpus(tmp_path, files_per_partition=2).compute()
    assert_same_frame(got, want)
    off = wd.read_corpus(tmp_path, files_per_partition=2, recurring=False).compute()
    assert_same_frame(off, warraq.read_corpus(tmp_path, progress=False, recurring=False))


def test_errors_and_options(client: Any, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("عنوان\n\nنص الخبر هنا.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(warraq.ParseError, match="empty"):
        wd.read_corpus(tmp_path).compute()
    (tmp_path / "zz_bad.txt").write_bytes(b"\x00\x01binary\x00")
    skipped = wd.read_corpus(tmp_path, errors="skip", files_per_partition=1).compute()
    want = warraq.read_corpus(tmp_path, errors="skip", progress=False)
    assert skipped["id"].tolist() == ["good"]
    assert_same_frame(skipped, want)
    assert [e["error"] for e in skipped.attrs["warraq_errors"]] == ["ParseError", "DecodeError"]
    assert skipped.attrs["warraq_errors"] == want.attrs["warraq_errors"]
    with pytest.raises(warraq.InvalidOptionError):
        wd.read_corpus(tmp_path, errors="ignore")
    with pytest.raises(warraq.InvalidOptionError):
        wd.read_corpus(tmp_path, files_per_partition=0)
    with pytest.raises(FileNotFoundError):
        wd.read_corpus(tmp_path / "missing")


def test_everything_workers_need_pickles() -> None:
    n = warraq.Normalizer(teh_marbuta=False)
    assert pickle.loads(pickle.dumps(n)).normalize("المدرسة") == "المدرسة"
    ner = warraq.EntityRecognizer()
    text = "زار الرئيس دمشق"
    assert [e.text for e in pickle.loads(pickle.dumps(ner)).extract(text)] == [e.text for e in ner.extract(text)]
    v = warraq.TfidfVectorizer().fit(["ارتفعت أسعار النفط", "الذهب"])
    w = pickle.loads(pickle.dumps(v))
    assert w.vocabulary_ == v.vocabulary_ and (w.transform(["النفط"]) != v.transform(["النفط"])).nnz == 0
    bodies = [f"خبر رقم {i}.\n\nتابعونا على موقعنا." for i in range(6)]
    counts = warraq._warraq.RecurringCounts.count([None] * 6, ["s/a"] * 6, bodies)
    back = pickle.loads(pickle.dumps(counts))
    assert (back.n_docs, len(back)) == (6, 7)
    lines = pickle.loads(pickle.dumps(back.recurring_lines()))
    assert lines.remove([None], ["s/b"], [bodies[0]])[1] == ["خبر رقم 0."]
    with pytest.raises(warraq.ParseError):
        warraq._warraq.RecurringCounts.from_bytes(b"WQRC1\x05")


def test_workers_use_their_thread_count(client: Any) -> None:
    wd.read_corpus(SAMPLE).compute()
    threads = client.run(lambda: warraq._warraq.current_num_threads())
    assert set(threads.values()) == {1}


def test_recognizer_loaded_once_per_worker(client: Any) -> None:
    ddf = wd.read_corpus(SAMPLE, files_per_partition=1)
    wd.entities(ddf).compute()
    wd.entities(ddf).compute()
    loads = client.run(lambda: wd._recognizer.cache_info().misses)
    assert all(n <= 1 for n in loads.values()) and sum(loads.values()) >= 1


@pytest.mark.slow
def test_ant_whole_corpus_documents(client: Any, ant_files: list[str]) -> None:
    want = warraq.read_corpus(ant_files, progress=False)
    ddf = wd.read_corpus(ant_files, files_per_partition=1000)
    assert ddf._meta.dtypes.equals(want.dtypes)
    got = ddf.compute()
    assert len(got) == 10161
    assert_same_frame(got, want)


def test_ant_subset_pipeline(client: Any, ant_subset: list[str]) -> None:
    want = warraq.read_corpus(ant_subset, progress=False)
    ddf = wd.read_corpus(ant_subset, files_per_partition=100).persist()
    assert_same_frame(ddf.compute(), want)
    # entities
    assert_same_frame(wd.entities(ddf).compute(), warraq.entities_frame(want, progress=False), index=False)
    # TF-IDF: vocabulary, idf and the stacked matrix
    single = warraq.TfidfVectorizer(ngram_range=(1, 2), min_df=2)
    X = single.fit_transform(want["body"])
    v = wd.fit_tfidf(ddf["body"], warraq.TfidfVectorizer(ngram_range=(1, 2), min_df=2))
    assert v.vocabulary_ == single.vocabulary_
    np.testing.assert_array_equal(v.idf_, single.idf_)
    blocks = wd.transform(ddf, v)
    assert len(blocks) == ddf.npartitions
    Y = sp.vstack(blocks, format="csr")
    assert Y.shape == X.shape and (Y != X).nnz == 0
    # near-duplicates, on more partitions than workers
    got = wd.near_duplicates(ddf, threshold=0.3)
    want_pairs = warraq.near_duplicates(want, threshold=0.3)
    assert len(want_pairs) > 0
    pd.testing.assert_frame_equal(got, want_pairs)


def test_bucket_pairs_are_all_pairs_of_each_bucket() -> None:
    import itertools
    import random

    rng = random.Random(7)
    for _ in range(200):
        n = rng.randint(0, 40)
        df = pd.DataFrame(
            {
                "band": np.array([rng.randint(0, 2) for _ in range(n)], dtype=np.int64),
                "key": np.array([rng.randint(0, 3) for _ in range(n)], dtype=np.uint64),
                "doc": np.array(rng.sample(range(100), n), dtype=np.int64),
            }
        )
        got = set(map(tuple, wd._bucket_pairs(df).values.tolist()))
        want = {
            pair for _, g in df.groupby(["band", "key"]) for pair in itertools.combinations(sorted(g["doc"]), 2)
        }
        assert got == want


def test_bag_input(client: Any, sample_texts: list[str]) -> None:
    import dask.bag as db

    bag = db.from_sequence(sample_texts, npartitions=3)
    v = wd.fit_tfidf(bag)
    w = warraq.TfidfVectorizer().fit(sample_texts)
    assert v.vocabulary_ == w.vocabulary_
    assert (sp.vstack(wd.transform(bag, v)) != w.transform(sample_texts)).nnz == 0
    pd.testing.assert_frame_equal(wd.near_duplicates(bag), warraq.near_duplicates(sample_texts))
