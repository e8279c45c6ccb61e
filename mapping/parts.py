"""Parquet parts: one batch of extracted seeds as three small tables in a folder.

Why parts: on a cluster (`build --dask`), each worker writes what its batch found to a
shared folder and hands back only the part's name, so results never travel through the
scheduler, and the reduce reads one part at a time, in seed order (mapping.batches).
A batch's results in memory (a local process pool) use the same tables as plain column
lists, so both paths share one encoding and one decoder.

Tables, each one row per item, `pos` being the seed's position in the build's seed list:
`seeds` (what reading the file gave and any problem), `readings` (one per mention) and
`foreign` (foreign names). Status and kind words are stored as their plain text.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .model import VIOLENCE_FLAG

_STR = pa.string()
_INT = pa.int64()
_BOOL = pa.bool_()

SCHEMAS: dict[str, pa.Schema] = {
    "seeds": pa.schema(
        [
            ("pos", _INT),
            ("ok", _BOOL),  # the file was read
            ("extracted", _BOOL),  # and extracted (else `problems` says why)
            ("digest", _STR),
            ("chars", _INT),
            ("title", _STR),
            ("source", _STR),
            ("url", _STR),
            ("date", _STR),
            ("note", _STR),
            ("body_start", _INT),
            ("notes", pa.list_(_STR)),  # remarks from reading (encoding ...)
            ("problems", pa.list_(_STR)),  # what reading the file gave (skip, remarks)
            ("fatal", pa.list_(_BOOL)),  # each of them a skip
            ("failure", _STR),  # why extraction failed, or ""
            ("found", _INT),
            ("copy_key", _STR),
            ("rows", _STR),  # mentions.csv rows for the cache (rows.mention_rows_text), or null
            ("sentence_rows", _STR),  # sentences.csv rows for it (rows.sentence_rows_text)
        ]
    ),
    "readings": pa.schema(
        [
            ("pos", _INT),
            ("surface", _STR),
            ("start", _INT),
            ("end", _INT),
            ("place", _STR),
            ("match", _STR),
            ("kind", _STR),
            ("antecedent", _STR),
            ("status", _STR),
            ("rule", _STR),
            ("evidence", _STR),
            ("evidence_start", _INT),
            ("evidence_end", _INT),
            (VIOLENCE_FLAG, _BOOL),  # violence reported at the place
            ("event_date", _STR),  # when it happened (mapping.dates)
            ("date_precision", _STR),
            ("act", _STR),  # the declared act of the trigger that set the status, or ""
        ]
    ),
    "foreign": pa.schema(
        [("pos", _INT), ("surface", _STR), ("start", _INT), ("end", _INT), ("country", _STR)]
    ),
}

Columns = dict[str, dict[str, list]]  # table -> column -> values


def empty_columns() -> Columns:
    return {table: {name: [] for name in schema.names} for table, schema in SCHEMAS.items()}


def part_path(folder: Path | str, name: str, table: str) -> Path:
    return Path(folder) / f"{name}.{table}.parquet"


def write_part(folder: Path | str, name: str, columns: Columns) -> None:
    """Write one batch's tables as `NAME.TABLE.parquet`, each atomically (a temp file
    renamed), so a task the cluster runs twice leaves whole files either way."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    for table, schema in SCHEMAS.items():
        final = part_path(folder, name, table)
        tmp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
        pq.write_table(pa.Table.from_pydict(columns[table], schema=schema), tmp)
        os.replace(tmp, final)


def read_part(folder: Path | str, name: str) -> Columns:
    """One part's tables as column lists (what write_part was given)."""
    return {
        table: pq.read_table(part_path(folder, name, table), schema=schema).to_pydict()
        for table, schema in SCHEMAS.items()
    }


def remove_part(folder: Path | str, name: str) -> None:
    for table in SCHEMAS:
        part_path(folder, name, table).unlink(missing_ok=True)
