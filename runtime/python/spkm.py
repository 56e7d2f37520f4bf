"""Reader of Splitscope's packed model file, ``model.spkm`` (standard library only).

The format is written by ``app/model/packedCodec.ts``; what each column means is documented in
``app/model/packed.ts``::

    bytes 0-3   "SPKM"
    bytes 4-7   format version (uint32, little-endian)
    bytes 8-11  length H of the directory JSON (uint32)
    bytes 12-   directory JSON (UTF-8): {header, treeCount, nodeCount, columns: [[name, type, offset, length]]}
    then        each column's bytes, little-endian, at an offset that is a multiple of 8

Every offset, length, node kind, pool index and child reference is checked as the TypeScript decoder
checks it, with the same messages, so a damaged file is a ``PackedModelError`` naming what is wrong,
never an endless walk or an allocation sized by a number in the file.

Columns come back as ``memoryview`` objects over the file's bytes (formats ``B``, ``i``, ``d``): no
copy is made, and ``numpy.frombuffer(model.columns["value"], dtype="<f8")`` wraps one without a copy
either. ``column.tolist()`` gives plain Python numbers.
"""
from __future__ import annotations

import hashlib
import json
import math
import struct
import sys
from dataclasses import dataclass
from typing import Any, Union

__all__ = ["PackedModelError", "ModelFileError", "PackedModel", "FOREST_COLUMNS", "decode", "read", "checksum_of"]

MAGIC = b"SPKM"
VERSION = 1
PREFIX_BYTES = 12

NODE_LEAF = 0
NODE_NUMERIC = 1
NODE_CATEGORICAL = 2
NODE_INDICATOR = 3

# Column name -> (codec type, memoryview format). Order is the codec's (FOREST_COLUMNS in packed.ts).
COLUMN_TYPES: dict[str, tuple[str, str]] = {
    "treeNodeStart": ("i32", "i"),
    "treeOutput": ("i32", "i"),
    "treeWeight": ("f64", "d"),
    "kind": ("u8", "B"),
    "flags": ("u8", "B"),
    "feature": ("i32", "i"),
    "left": ("i32", "i"),
    "right": ("i32", "i"),
    "value": ("f64", "d"),
    "sourceId": ("i32", "i"),
    "extra": ("i32", "i"),
    "categoryStart": ("i32", "i"),
    "categories": ("f64", "d"),
    "leafValueStart": ("i32", "i"),
    "leafValues": ("f64", "d"),
    "leafClass": ("i32", "i"),
    "leafTruncatedDepth": ("i32", "i"),
    "linearStart": ("i32", "i"),
    "linearFeatures": ("i32", "i"),
    "linearCoefficients": ("f64", "d"),
    "linearConstant": ("f64", "d"),
    "isLinear": ("u8", "B"),
    "gain": ("f64", "d"),
    "count": ("f64", "d"),
    "cover": ("f64", "d"),
    "internalValue": ("f64", "d"),
    "line": ("i32", "i"),
    "column": ("i32", "i"),
}
FOREST_COLUMNS = tuple(COLUMN_TYPES)
OPTIONAL_COLUMNS = frozenset({"gain", "count", "cover", "internalValue", "line", "column"})
ELEMENT_BYTES = {"u8": 1, "i32": 4, "f64": 8}
MAX_COUNT = 0x7FFFFFFF

Bytes = Union[bytes, bytearray, memoryview]


class PackedModelError(ValueError):
    """A packed-model file that cannot be read; the message says what and where."""

    code = "E_PACKED_MODEL"

    def __init__(self, message: str) -> None:
        super().__init__(f"packed model: {message}")


class ModelFileError(ValueError):
    """The model file cannot be read, or is not the one the bundle was exported with."""

    code = "E_MODEL_FILE"


@dataclass(frozen=True)
class PackedModel:
    """The model's header (``ModelHeader`` of packed.ts, a plain dict) and its forest's columns."""

    header: dict[str, Any]
    tree_count: int
    node_count: int
    columns: dict[str, memoryview]


def checksum_of(data: Bytes) -> str:
    """``sha256:<hex>`` of the bytes, as the exporter writes it."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def read(path: str, checksum: str | None) -> PackedModel:
    """Reads and decodes the file at ``path``; with ``checksum`` (``sha256:…``), first refuses a file
    whose sha256 differs (``ModelFileError``), so a damaged or swapped file never answers with another
    model's predictions. A damaged file is a ``PackedModelError``."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as error:
        raise ModelFileError(f"cannot read the model file {path}: {error.strerror or error}") from None
    if checksum is not None:
        actual = checksum_of(data)
        if actual != checksum:
            raise ModelFileError(
                f"the model file {path} has checksum {actual}, but this bundle was exported with {checksum}: "
                "the file was changed or damaged"
            )
    # The bytes are the ones the exporter wrote from a validated model (same sha256): the container is
    # still checked, the walk of every tree is not done again (as the Node bundle's decoder does).
    return decode(data, trees_checked=checksum is not None)


def _number(item: dict[str, Any]) -> Any:
    # The bridge-JSON convention (app/bridgeJson.ts): NaN, ±Infinity and -0 travel as {"$num": "…"}.
    if len(item) == 1 and "$num" in item and isinstance(item["$num"], str):
        text = item["$num"]
        if text in ("NaN", "Infinity", "-Infinity", "-0"):
            return float(text)
    return item


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def decode_json(text: str) -> Any:
    """JSON with the ``{"$num": …}`` convention of app/bridgeJson.ts and app/export/exactJson.ts."""
    return json.loads(text, object_hook=_number, parse_constant=_no_constant)


def _is_count(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if isinstance(value, float) and not (math.isfinite(value) and value.is_integer()):
        return False
    return 0 <= value <= MAX_COUNT


def decode(data: Bytes, trees_checked: bool = False) -> PackedModel:
    """Decodes the bytes of a packed model (see the module comment); raises ``PackedModelError``.
    ``trees_checked``: the bytes are known to hold a validated forest (their sha256 matched), so the
    walk of every tree (``validate``) is skipped; the container and the columns are checked still."""
    if sys.byteorder != "little":
        raise PackedModelError("this host is big-endian")
    view = memoryview(data).cast("B")
    size = len(view)
    if size < PREFIX_BYTES:
        raise PackedModelError(f"{size} bytes is too short for a packed model")
    if bytes(view[0:4]) != MAGIC:
        raise PackedModelError('not a packed model (the file does not start with "SPKM")')
    version, directory_length = struct.unpack_from("<II", view, 4)
    if version != VERSION:
        raise PackedModelError(f"format version {version} is not supported (this build reads version {VERSION})")
    if PREFIX_BYTES + directory_length > size:
        raise PackedModelError(f"the directory ({directory_length} bytes) runs past the end of the file ({size} bytes)")
    try:
        directory = decode_json(bytes(view[PREFIX_BYTES : PREFIX_BYTES + directory_length]).decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise PackedModelError(f"the directory is not valid JSON ({error})") from None
    if (
        not isinstance(directory, dict)
        or not isinstance(directory.get("header"), dict)
        or not isinstance(directory.get("columns"), list)
    ):
        raise PackedModelError("the directory lacks header or columns")
    tree_count, node_count = directory.get("treeCount"), directory.get("nodeCount")
    if not _is_count(tree_count) or not _is_count(node_count):
        raise PackedModelError("tree or node count is not a non-negative integer")
    columns: dict[str, memoryview] = {}
    for entry in directory["columns"]:
        if not isinstance(entry, list) or len(entry) != 4:
            raise PackedModelError("a column entry is not [name, type, offset, length]")
        name, kind, offset, length = entry
        if not isinstance(name, str) or name not in COLUMN_TYPES:
            raise PackedModelError(f'unknown column "{_js_string(name)[:40]}"')
        expected, format_code = COLUMN_TYPES[name]
        if kind != expected:
            raise PackedModelError(f"column {name} has type {_js_string(kind)}, expected {expected}")
        if name in columns:
            raise PackedModelError(f"column {name} appears twice")
        if not _is_count(offset) or not _is_count(length) or offset % 8 != 0:
            raise PackedModelError(f"column {name} has a bad offset or length")
        offset, length = int(offset), int(length)
        end = offset + length * ELEMENT_BYTES[expected]
        if offset < PREFIX_BYTES + directory_length or end > size:
            raise PackedModelError(f"column {name} (bytes {offset}–{end}) lies outside the file ({size} bytes)")
        columns[name] = view[offset:end].cast(format_code)
    for name in FOREST_COLUMNS:
        if name not in columns and name not in OPTIONAL_COLUMNS:
            raise PackedModelError(f"column {name} is missing")
    model = PackedModel(directory["header"], int(tree_count), int(node_count), columns)
    validate(model, walk_trees=not trees_checked)
    return model


def _js_string(value: Any) -> str:
    # How JavaScript's String() shows the few JSON values a damaged directory may hold.
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ",".join(_js_string(item) for item in value)
    if isinstance(value, dict):
        return "[object Object]"
    return str(value)


def _expect_length(name: str, column: memoryview | None, length: int) -> None:
    if column is not None and len(column) != length:
        raise PackedModelError(f"column {name} has {len(column)} entries, expected {length}")


def _expect_ranges(name: str, starts: list[int], total: int) -> None:
    """Offsets ``starts[0..n]`` rise from 0 to ``total``."""
    if not starts or starts[0] != 0 or starts[-1] != total:
        raise PackedModelError(f"column {name} does not run from 0 to {total}")
    for i in range(1, len(starts)):
        if starts[i] < starts[i - 1]:
            raise PackedModelError(f"column {name} decreases at entry {i}")


def validate(model: PackedModel, walk_trees: bool = True) -> None:
    """What the evaluator relies on (``validateForest`` of packedCodec.ts): column lengths, ranges,
    and, with ``walk_trees``, node kinds, pool indices, and that every tree is a tree (each node
    reached once from its root)."""
    c = model.columns
    tree_count, node_count = model.tree_count, model.node_count
    _expect_length("treeNodeStart", c["treeNodeStart"], tree_count + 1)
    for name in ("treeOutput", "treeWeight"):
        _expect_length(name, c[name], tree_count)
    for name in ("kind", "flags", "feature", "left", "right", "value", "sourceId", "extra",
                 "gain", "count", "cover", "internalValue", "line", "column"):
        _expect_length(name, c.get(name), node_count)
    tree_start = c["treeNodeStart"].tolist()
    _expect_ranges("treeNodeStart", tree_start, node_count)
    set_count = len(c["categoryStart"]) - 1
    _expect_ranges("categoryStart", c["categoryStart"].tolist(), len(c["categories"]))
    extra_count = len(c["leafValueStart"]) - 1
    _expect_ranges("leafValueStart", c["leafValueStart"].tolist(), len(c["leafValues"]))
    _expect_ranges("linearStart", c["linearStart"].tolist(), len(c["linearFeatures"]))
    _expect_length("linearCoefficients", c["linearCoefficients"], len(c["linearFeatures"]))
    for name in ("leafClass", "leafTruncatedDepth", "linearConstant", "isLinear"):
        _expect_length(name, c[name], extra_count)
    _expect_length("linearStart", c["linearStart"], extra_count + 1)
    if not walk_trees:
        return
    kinds, features, extras = c["kind"].tolist(), c["feature"].tolist(), c["extra"].tolist()
    lefts, rights = c["left"].tolist(), c["right"].tolist()
    for tree in range(tree_count):
        start = tree_start[tree]
        size = tree_start[tree + 1] - start
        if size == 0:
            raise PackedModelError(f"tree {tree} has no nodes")
        for node in range(size):
            row = start + node
            kind, extra = kinds[row], extras[row]
            if kind == NODE_LEAF:
                if not -1 <= extra < extra_count:
                    raise PackedModelError(f"tree {tree} node {node}: leaf extra {extra} out of range")
            elif kind > NODE_INDICATOR:
                raise PackedModelError(f"tree {tree} node {node}: unknown node kind {kind}")
            else:
                if features[row] < 0:
                    raise PackedModelError(f"tree {tree} node {node}: negative feature index")
                if kind == NODE_CATEGORICAL and not 0 <= extra < set_count:
                    raise PackedModelError(f"tree {tree} node {node}: category set {extra} out of range")
        seen = bytearray(size)
        seen[0] = 1
        reached = 1
        stack = [0]
        while stack:
            node = stack.pop()
            row = start + node
            if kinds[row] == NODE_LEAF:
                continue
            for child in (lefts[row], rights[row]):
                if not 0 <= child < size:
                    raise PackedModelError(f"tree {tree} node {node}: child {child} is not a node of the tree")
                if seen[child]:
                    raise PackedModelError(f"tree {tree} node {child} is reached twice")
                seen[child] = 1
                reached += 1
                stack.append(child)
        if reached != size:
            raise PackedModelError(f"tree {tree} has {size - reached} nodes its root does not reach")
