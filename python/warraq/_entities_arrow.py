"""Entity mentions through Arrow: a frame's columns → Arrow arrays for the native
recognizer (``EntityRecognizer.extract_arrow`` reads the texts in place), and its
Arrow table of mentions → the frame a caller asked for (``backend=``).

The native table's first column is ``row``, the index of the text a mention was
found in; it becomes ``id`` here, taken from the input's id column (so ids keep
their type: integers, strings, whatever the frame held).

- ``"arrow"``: a ``pyarrow.Table``: ``id, label, text, normalized, value, start,
  end, score, begin_value, end_value, anchor, number``; ``value`` is text (the
  TIMEX3 value, an ISO string or the number written out), ``number`` the float of
  NUMBER, PERCENT and MONEY (one Arrow column has one type).
- ``"polars"``: the same as a ``polars.DataFrame``.
- ``"pandas"``: the frame :func:`warraq.entities_frame` always gave (no ``number``
  column): text columns in pandas 3's Arrow-backed ``str`` dtype, ``value`` an
  object column holding TIMEX3 strings and floats, as before.

>>> import pyarrow as pa
>>> texts = arrow_column(pa.table({"body": ["زار دمشق"]}), "body")
>>> texts.type
DataType(string)
>>> published_dates(pa.array(["2017-03-02T10:00", None])).to_pylist()
[datetime.date(2017, 3, 2), None]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from warraq._arrow import check_backend

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

__all__ = ["arrow_column", "empty_mentions", "extract_table", "published_dates", "to_entities_backend"]


def _is_pandas(df: Any) -> bool:
    return type(df).__module__.startswith("pandas")


def _is_polars(df: Any) -> bool:
    return type(df).__module__.startswith("polars")


def column_names(df: Any) -> list[str]:
    """The column names of a pandas or polars DataFrame or a pyarrow Table."""
    if _is_pandas(df) or _is_polars(df):
        return [str(c) for c in df.columns]
    return list(df.column_names)


def arrow_column(df: Any, name: str) -> pa.Array:
    """Column ``name`` of a pandas or polars DataFrame or a pyarrow Table as one
    Arrow array (a view where the frame already holds Arrow, e.g. pandas 3's ``str``)."""
    import pyarrow as pa

    if _is_pandas(df):
        col: Any = pa.array(df[name], from_pandas=True)
    elif _is_polars(df):
        col = df.get_column(name).to_arrow()
    else:
        col = df.column(name)
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks() if col.num_chunks != 1 else col.chunk(0)
    return col


def text_array(df: Any, name: str) -> pa.Array:
    """The texts of column ``name``; values that are not strings count as no text."""
    import pyarrow as pa

    try:
        col = arrow_column(df, name)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        # An object column mixing strings and other values: those count as empty.
        values = df[name].tolist()
        return pa.array([v if isinstance(v, str) else None for v in values], pa.large_string())
    if pa.types.is_string(col.type) or pa.types.is_large_string(col.type) or pa.types.is_string_view(col.type):
        return col
    if pa.types.is_null(col.type):
        return col
    return pa.nulls(len(col), pa.large_string())


def published_dates(col: pa.Array) -> pa.Array:
    """Publication dates as an Arrow ``date32`` array: timestamps (their local date),
    dates, or ISO strings (their first ten characters); anything else is a ``TypeError``,
    a string that is not a date a ``ValueError``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    t = col.type
    if pa.types.is_null(t) or pa.types.is_date32(t):
        return col
    if pa.types.is_timestamp(t):
        local = pc.local_timestamp(col) if t.tz is not None else col
        return pc.cast(local, pa.date32())
    if pa.types.is_date64(t):
        return pc.cast(col, pa.date32())
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
        if pa.types.is_string_view(t):  # polars' strings; the string kernels take large_string
            col = pc.cast(col, pa.large_string())
        heads = pc.utf8_slice_codeunits(col, 0, 10)
        try:
            return pc.cast(pc.strptime(heads, format="%Y-%m-%d", unit="s"), pa.date32())
        except pa.ArrowInvalid as e:
            raise ValueError(f"published: not a YYYY-MM-DD date ({e})") from None
    raise TypeError(f"published must hold dates, datetimes or ISO strings, not Arrow {t}")


def published_array(df: Any, name: str) -> pa.Array:
    """:func:`published_dates` of column ``name`` (objects pyarrow cannot read, such as
    ``pandas.Timestamp`` values in an object column, through their ``date()``)."""
    import pyarrow as pa

    try:
        col = arrow_column(df, name)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        import pandas as pd

        col = pa.array(pd.to_datetime(df[name], errors="raise", utc=False), from_pandas=True)
    return published_dates(col)


def extract_table(recognizer: Any, texts: pa.Array, dates: pa.Array | None, prefer: str, start: int, stop: int) -> pa.Table:
    """The native recognizer's table of mentions of ``texts[start:stop]`` (``row``
    counted from ``start``)."""
    import pyarrow as pa

    n = stop - start
    found = recognizer.extract_arrow(
        texts.slice(start, n), None if dates is None else dates.slice(start, n), prefer=prefer, first_row=start
    )
    return pa.table(found)


def empty_mentions(recognizer: Any) -> pa.Table:
    """The native table of no mentions (its schema)."""
    import pyarrow as pa

    return extract_table(recognizer, pa.array([], pa.large_string()), None, "past", 0, 0)


def _with_ids(mentions: pa.Table, ids: pa.Array) -> pa.Table:
    return mentions.set_column(0, "id", ids.take(mentions.column("row")))


def _pandas_value(mentions: pa.Table) -> pd.Series:
    """``value`` as :func:`warraq.entities_frame` gave it with pandas: TIMEX3 strings
    and floats in one object column, None where there is no value."""
    import numpy as np
    import pandas as pd

    values = np.array(mentions.column("value").to_pylist(), dtype=object)
    numbers = mentions.column("number").to_numpy(zero_copy_only=False)
    has_number = ~np.isnan(numbers.astype(float))
    values[has_number] = numbers[has_number].astype(float).tolist()
    return pd.Series(values, dtype=object)


def to_entities_backend(mentions: pa.Table, df: Any, id_column: str, backend: str) -> Any:
    """The native table of mentions as the frame of ``backend`` (see the module docs),
    ``row`` replaced by the ids of ``df[id_column]``."""
    check_backend(backend)
    if backend != "pandas":
        import pyarrow as pa

        try:
            ids = arrow_column(df, id_column)
        except (pa.ArrowInvalid, pa.ArrowTypeError) as e:
            raise TypeError(f"entities_frame: the ids of {id_column!r} are not one Arrow type ({e})") from None
        table = _with_ids(mentions, ids)
        if backend == "arrow":
            return table
        from warraq._arrow import to_backend

        return to_backend(table, "polars")
    import pandas as pd

    rows = mentions.column("row").to_numpy()
    ids = df[id_column] if _is_pandas(df) else pd.Series(arrow_column(df, id_column).to_pandas())
    if isinstance(ids.dtype, pd.StringDtype):
        # String ids in the default string dtype whatever their storage (dask's
        # ``string[pyarrow]``, ``NA`` for missing): the dtype entities_frame always gave.
        ids = ids.astype(pd.Series([], dtype="str").dtype)
    flat = mentions.drop_columns(["row", "value", "number"])
    frame = flat.to_pandas(split_blocks=True)
    frame.insert(0, "id", ids.iloc[rows].reset_index(drop=True))
    frame.insert(4, "value", _pandas_value(mentions))
    return frame
