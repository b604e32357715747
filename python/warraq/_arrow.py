"""Arrow tables of documents → the frame a caller asked for (``backend=``), and the
report of a read that travels with them.

The native reader hands its documents over as an Arrow table (the Arrow PyCapsule
interface, ``__arrow_c_stream__``; no Python object per value). What the read
reports besides its rows (skipped files' errors, documentation files left out,
records with blank text, WARC archives' counts) is JSON in the schema metadata
under ``b"warraq"``, keyed by the ``attrs`` names; Parquet files written by
:func:`warraq.write_parquet` carry the same JSON in their file metadata.

- ``"pandas"``: ``pyarrow.Table.to_pandas``; text columns keep their Arrow
  storage (pandas 3's default ``str`` dtype), ``tags``/``related``/``boilerplate``
  are object columns of Python lists (see :func:`to_pandas` for why),
  ``published_utc_offset`` is ``Int32``; the report goes to ``df.attrs``.
- ``"polars"``: ``polars.from_arrow`` (the report is not kept: polars frames have no
  ``attrs``; read with ``backend="arrow"`` to keep it).
- ``"arrow"``: the ``pyarrow.Table`` itself, report in ``table.schema.metadata``.

>>> import pyarrow as pa
>>> t = pa.table({"body": pa.array(["نص"], pa.large_string())}).replace_schema_metadata({"warraq": '{"warraq_errors": []}'})
>>> report_of(t)["warraq_errors"], report_of(t)["warraq_archives"]
([], [])
>>> df = to_backend(t, "pandas")
>>> str(df["body"].dtype), df.attrs["warraq_errors"]
('str', [])
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from warraq.exceptions import InvalidOptionError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

__all__ = ["ATTRS", "BACKENDS", "REPORT_KEY", "parse_report", "report_of", "to_backend", "to_pandas", "with_report"]

#: The schema (and Parquet file) metadata key of the report.
REPORT_KEY = b"warraq"

#: The names of the report's parts, as ``df.attrs`` keys.
ATTRS = (
    "warraq_errors", "warraq_skipped_files", "warraq_empty_records", "warraq_flattened_pages", "warraq_archives",
)

BACKENDS = ("pandas", "polars", "arrow")


def check_backend(backend: str) -> None:
    """Raises :class:`warraq.InvalidOptionError` for a backend that is not one of :data:`BACKENDS`."""
    if backend not in BACKENDS:
        raise InvalidOptionError(f"invalid option `backend`: {backend!r}: expected one of {', '.join(BACKENDS)}")


#: The keys of each part's entries, in the order the object path gave them (JSON
#: objects from the core come with their keys sorted).
_KEY_ORDER = {
    "warraq_errors": ("path", "error", "message", "line", "offset"),
    "warraq_empty_records": ("path", "record", "line", "id"),
    "warraq_flattened_pages": ("path", "record", "id", "tags", "first_offset"),
    "warraq_archives": (
        "path", "records", "responses", "pages", "http_status", "not_html", "other_language", "too_large",
        "bad_records",
    ),
}


def _ordered(name: str, entry: Any) -> Any:
    order = _KEY_ORDER.get(name)
    if order is None or not isinstance(entry, dict):
        return entry
    return {k: entry[k] for k in (*order, *sorted(set(entry) - set(order))) if k in entry}


def parse_report(raw: str | bytes | None) -> dict[str, list[Any]]:
    """The report's JSON as ``attrs`` values (every part, empty when absent)."""
    report = json.loads(raw) if raw else {}
    return {name: [_ordered(name, e) for e in report.get(name, [])] for name in ATTRS}


def report_of(table: pa.Table) -> dict[str, list[Any]]:
    """The report in ``table``'s schema metadata (every part, empty when absent)."""
    return parse_report((table.schema.metadata or {}).get(REPORT_KEY))


def with_report(table: pa.Table, report: dict[str, list[Any]]) -> pa.Table:
    """``table`` with ``report`` as its metadata (other metadata kept)."""
    metadata = dict(table.schema.metadata or {})
    metadata[REPORT_KEY] = json.dumps(report, ensure_ascii=False).encode()
    return table.replace_schema_metadata(metadata)


def _pandas_type(t: pa.DataType) -> Any:
    import pandas as pd
    import pyarrow as pa

    if pa.types.is_int32(t):
        return pd.Int32Dtype()
    # Text: pyarrow's default for pandas 3, the Arrow-backed `str` dtype (no copy
    # of a large_string column); timestamps: datetime64[ns].
    return None


def _is_list(t: pa.DataType) -> bool:
    import pyarrow as pa

    return bool(pa.types.is_list(t) or pa.types.is_large_list(t))


def to_pandas(table: pa.Table) -> pd.DataFrame:
    """``table`` as a pandas DataFrame (dtypes in the module docs), report in ``attrs``.

    List columns become object columns of Python lists, as they were before Arrow:
    pandas 3.1 writes ``pd.ArrowDtype`` list columns to Parquet but cannot read its
    own file back (``pd.read_parquet`` fails to parse the dtype name it stored), and
    ``to_pandas`` alone would make each list a numpy array.
    """
    import pandas as pd

    lists = [f.name for f in table.schema if _is_list(f.type)]
    flat = table.drop_columns(lists) if lists else table
    df = flat.to_pandas(types_mapper=_pandas_type, split_blocks=True)
    for name in lists:
        values = table.column(name).to_pylist()
        df.insert(table.column_names.index(name), name, pd.Series(values, dtype=object, index=df.index))
    for name, value in report_of(table).items():
        df.attrs[name] = value
    return df


def to_backend(table: pa.Table, backend: str) -> Any:
    """``table`` as the frame of ``backend`` (see the module docs)."""
    check_backend(backend)
    if backend == "arrow":
        return table
    if backend == "polars":
        try:
            import polars as pl
        except ImportError as e:  # pragma: no cover - exercised only without polars
            raise ImportError("backend='polars' needs polars: pip install warraq[polars]") from e
        return pl.from_arrow(table)
    return to_pandas(table)
