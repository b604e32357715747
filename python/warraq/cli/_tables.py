"""Writing DataFrames batch by batch to JSON lines or CSV, so that a corpus larger
than memory goes through one batch at a time (Parquet is written in Rust:
:func:`warraq.write_parquet`, :func:`warraq.write_entities_parquet`).

JSON lines: one object per row, UTF-8 (Arabic as written, not ``\\u`` escapes),
dates as ISO 8601 (``2022-09-14T10:15:00``), missing values as ``null``, lists and
dicts as JSON. CSV: the same values, lists and dicts as JSON text in their cell.

>>> import io, pandas as pd
>>> df = pd.DataFrame({"id": ["a"], "published": pd.to_datetime(["2022-09-14 10:15"]), "tags": [["ماء"]]})
>>> out = io.StringIO()
>>> JsonLinesWriter(out).write(df)
1
>>> out.getvalue()
'{"id": "a", "published": "2022-09-14T10:15:00", "tags": ["ماء"]}\\n'
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd


def json_value(value: Any) -> Any:
    """A cell as a JSON value: timestamps as ISO text, NaT/NaN/NA as None, numpy
    scalars as Python ones, tuples as lists.

    >>> import numpy as np, pandas as pd
    >>> [json_value(v) for v in (pd.NaT, float("nan"), np.int64(3), pd.Timestamp("2020-01-02"), (1, 2))]
    [None, None, 3, '2020-01-02T00:00:00', [1, 2]]
    """
    import pandas as pd

    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): json_value(v) for k, v in value.items()}
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalar
        return json_value(value.item())
    if hasattr(value, "isoformat"):  # datetime.date / datetime
        return value.isoformat()
    return value


def _rows(df: pd.DataFrame) -> list[list[Any]]:
    """The frame's rows as lists of JSON values."""
    columns = [[json_value(v) for v in df[name].tolist()] for name in df.columns]
    return [list(row) for row in zip(*columns)] if columns else []


class JsonLinesWriter:
    """Writes each row of each frame as one JSON object on its own line."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def write(self, df: pd.DataFrame) -> int:
        names = [str(c) for c in df.columns]
        for row in _rows(df):
            self.out.write(json.dumps(dict(zip(names, row)), ensure_ascii=False))
            self.out.write("\n")
        return len(df)

    def close(self) -> None:
        self.out.close()


class CsvWriter:
    """Writes a header once, then each row; lists and dicts as JSON in their cell.

    >>> import io, pandas as pd
    >>> out = io.StringIO()
    >>> w = CsvWriter(out)
    >>> w.write(pd.DataFrame({"id": ["a"], "tags": [["x", "y"]]}))
    1
    >>> out.getvalue().splitlines()
    ['id,tags', 'a,"[""x"", ""y""]"']
    """

    def __init__(self, out: IO[str]) -> None:
        self.writer = csv.writer(out, lineterminator="\n")
        self.out = out
        self.header: list[str] | None = None

    def write(self, df: pd.DataFrame) -> int:
        names = [str(c) for c in df.columns]
        if self.header is None:
            self.header = names
            self.writer.writerow(names)
        for row in _rows(df):
            self.writer.writerow(
                "" if v is None else json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for v in row
            )
        return len(df)

    def close(self) -> None:
        self.out.close()
