"""Batch scoring of a Splitscope packed model with numpy: the app's evaluator, bit for bit.

`predict_pandas(frame)` scores a pandas DataFrame and returns the columns `splitscope predict`
writes: `prediction` (`prediction_<k>` for a multi-output regressor), `prob` (binary) or
`prob_<class>`, `raw` or `raw_<k>`, and `error` when a row can have no prediction. It runs wherever
pandas runs: a PySpark `mapInPandas` or pandas UDF (job.py), Dask's `map_partitions`, a notebook.

The model is `model.spkm` (app/model/packedCodec.ts) beside this file, or the path given to
`load_model` or in `SPLITSCOPE_MODEL`, or the file shipped with `spark-submit --files`
(`SparkFiles`). Only numpy and pandas are needed: no LightGBM, XGBoost or scikit-learn.

Exactness (the rules of app/eval, /work/shared/FORMATS.md section E):
- LightGBM: doubles; |x| <= kZeroThreshold reads as 0.0; missing types None/Zero/NaN.
- XGBoost: inputs rounded to float32, leaf outputs summed in float32 in tree order, glibc's
  `expf` reproduced (not numpy's exp); `<` splits.
- scikit-learn: inputs rounded to float32, `<=` on the double threshold.
- Double transforms use V8's `Math.exp` and `Math.log1p` (fdlibm), reproduced here, since the app runs on V8.

Trees are walked one level at a time for all (row, tree) pairs of a block: node index arrays,
no Python loop per row.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import re
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

# The export writes the model's checksum here; None (the source in runtime/python) skips the check.
SPLITSCOPE_MODEL_CHECKSUM: Optional[str] = None  # splitscope:checksum
SPLITSCOPE_MODEL_FILE = "model.spkm"

__all__ = ["Model", "Scores", "load_model", "model", "predict_pandas", "ScoringError"]

# --- Packed model constants (app/model/packed.ts) -------------------------------------------
NODE_LEAF, NODE_NUMERIC, NODE_CATEGORICAL, NODE_INDICATOR = 0, 1, 2, 3
FLAG_OP_LESS = 1
MISSING_MASK, MISSING_SHIFT = 0b110, 1
MISSING_COMPARE, MISSING_DEFAULT, MISSING_ZERO, MISSING_AS_ZERO = 0, 1, 2, 3
FLAG_DEFAULT_LEFT = 8
FLAG_IN_SET_LEFT, FLAG_MISSING_LEFT, FLAG_MATCH_EXACT = 1, 2, 4
FLAG_PRESENT_LEFT = 1

#: LightGBM's kZeroThreshold: 1e-35f widened to double (app/eval/decide.ts).
ZERO_THRESHOLD = 1.0000000180025095e-35
#: XGBoost's largest valid category (2^24).
CATEGORY_LIMIT = 16777216

# Categorical node kinds of the walk.
CATEGORY_NONE, CATEGORY_TRUNCATE, CATEGORY_EXACT = 0, 1, 2
# Leaf kinds.
LEAF_CONSTANT, LEAF_LINEAR, LEAF_TRUNCATED = 0, 1, 2

#: (row, tree) pairs walked together: bounds the block's memory (~100 bytes a pair).
BLOCK_PAIRS = 1 << 20


class ScoringError(ValueError):
    """Input that cannot be scored: says what and where (column, row)."""

    code = "E_DATA"


class ModelFileError(ValueError):
    """A model.spkm that cannot be read or does not match the exported checksum."""

    code = "E_PACKED_MODEL"


# --- Reading model.spkm ------------------------------------------------------------------------

def _decode_numbers(item: Any) -> Any:
    """The directory's non-finite numbers and -0 travel as {"$num": "..."} (app/bridgeJson.ts)."""
    if isinstance(item, dict):
        if len(item) == 1 and "$num" in item:
            return float(item["$num"].replace("Infinity", "inf"))
        return {key: _decode_numbers(value) for key, value in item.items()}
    if isinstance(item, list):
        return [_decode_numbers(value) for value in item]
    return item


_COLUMN_TYPES = {
    "treeNodeStart": "i32", "treeOutput": "i32", "treeWeight": "f64", "kind": "u8", "flags": "u8", "feature": "i32",
    "left": "i32", "right": "i32", "value": "f64", "sourceId": "i32", "extra": "i32", "categoryStart": "i32",
    "categories": "f64", "leafValueStart": "i32", "leafValues": "f64", "leafClass": "i32", "leafTruncatedDepth": "i32",
    "linearStart": "i32", "linearFeatures": "i32", "linearCoefficients": "f64", "linearConstant": "f64", "isLinear": "u8",
    "gain": "f64", "count": "f64", "cover": "f64", "internalValue": "f64", "line": "i32", "column": "i32",
}
_OPTIONAL_COLUMNS = {"gain", "count", "cover", "internalValue", "line", "column"}
_NUMPY_TYPES = {"u8": np.dtype("<u1"), "i32": np.dtype("<i4"), "f64": np.dtype("<f8")}


def _read_packed(data: bytes, where: str) -> Tuple[Dict[str, Any], Dict[str, np.ndarray]]:
    """The header and the columns (numpy views) of a packed model file, with the checks the walk relies on.

    The file's layout is app/model/packedCodec.ts's: "SPKM", version 1, the directory JSON's length,
    the directory, then each column's little-endian bytes at its offset.
    """
    def fail(message: str) -> ModelFileError:
        return ModelFileError(f"{where}: packed model: {message}")

    if len(data) < 12 or data[:4] != b"SPKM":
        raise fail('not a packed model (the file does not start with "SPKM")')
    version = int.from_bytes(data[4:8], "little")
    if version != 1:
        raise fail(f"format version {version} is not supported (this reader reads version 1)")
    length = int.from_bytes(data[8:12], "little")
    if 12 + length > len(data):
        raise fail(f"the directory ({length} bytes) runs past the end of the file ({len(data)} bytes)")
    try:
        directory = _decode_numbers(json.loads(data[12:12 + length].decode("utf-8")))
        header, entries = directory["header"], directory["columns"]
        tree_count, node_count = int(directory["treeCount"]), int(directory["nodeCount"])
    except (ValueError, KeyError, TypeError) as error:
        raise fail(f"the directory is not valid ({error})") from error
    columns: Dict[str, np.ndarray] = {}
    for entry in entries:
        if not (isinstance(entry, list) and len(entry) == 4):
            raise fail("a column entry is not [name, type, offset, length]")
        name, kind, offset, count = entry
        if _COLUMN_TYPES.get(name) != kind or name in columns:
            raise fail(f"column {str(name)[:40]!r} is unknown, repeated or of type {kind!r}")
        if not (isinstance(offset, int) and isinstance(count, int) and offset >= 12 + length and count >= 0 and offset % 8 == 0):
            raise fail(f"column {name} has a bad offset or length")
        end = offset + count * _NUMPY_TYPES[kind].itemsize
        if end > len(data):
            raise fail(f"column {name} (bytes {offset}–{end}) lies outside the file ({len(data)} bytes)")
        columns[name] = np.frombuffer(data, dtype=_NUMPY_TYPES[kind], count=count, offset=offset)
    missing = [name for name in _COLUMN_TYPES if name not in columns and name not in _OPTIONAL_COLUMNS]
    if missing:
        raise fail(f"column {missing[0]} is missing")
    starts = columns["treeNodeStart"]
    if len(starts) != tree_count + 1 or (tree_count >= 0 and (starts[0] != 0 or starts[-1] != node_count)) or np.any(np.diff(starts) <= 0):
        raise fail("treeNodeStart does not split the nodes into non-empty trees")
    for name in ("kind", "flags", "feature", "left", "right", "value", "sourceId", "extra"):
        if len(columns[name]) != node_count:
            raise fail(f"column {name} has {len(columns[name])} entries, expected {node_count}")
    for name in ("treeOutput", "treeWeight"):
        if len(columns[name]) != tree_count:
            raise fail(f"column {name} has {len(columns[name])} entries, expected {tree_count}")
    sizes = np.repeat(np.diff(starts), np.diff(starts)) if node_count else np.zeros(0, dtype=np.int64)
    split = columns["kind"] != NODE_LEAF
    if np.any(columns["kind"] > NODE_INDICATOR):
        raise fail("a node has an unknown kind")
    # Every tree a tree: from its root, each node reached exactly once (so no walk can loop).
    base = np.repeat(starts[:-1].astype(np.int64), np.diff(starts))
    seen = np.zeros(node_count, dtype=bool)
    frontier = starts[:-1].astype(np.int64)
    seen[frontier] = True
    while len(frontier):
        parents = frontier[split[frontier]]
        local = np.concatenate([columns["left"][parents], columns["right"][parents]]).astype(np.int64)
        size = np.concatenate([sizes[parents], sizes[parents]])
        if np.any((local < 0) | (local >= size)):
            raise fail("a split's child is not a node of its tree")
        children = np.concatenate([base[parents], base[parents]]) + local
        if np.any(seen[children]) or len(np.unique(children)) != len(children):
            raise fail("a node is reached twice in its tree")
        seen[children] = True
        frontier = children
    if not seen.all():
        raise fail(f"{int(np.count_nonzero(~seen))} nodes are not reached from their tree's root")
    for starts_name, pool in (("categoryStart", "categories"), ("leafValueStart", "leafValues"), ("linearStart", "linearFeatures")):
        ranges = columns[starts_name]
        if len(ranges) == 0 or ranges[0] != 0 or ranges[-1] != len(columns[pool]) or np.any(np.diff(ranges) < 0):
            raise fail(f"column {starts_name} does not run from 0 to {len(columns[pool])}")
    extras = len(columns["leafValueStart"]) - 1
    for name in ("leafClass", "leafTruncatedDepth", "linearConstant", "isLinear"):
        if len(columns[name]) != extras:
            raise fail(f"column {name} has {len(columns[name])} entries, expected {extras}")
    if len(columns["linearStart"]) != extras + 1 or len(columns["linearCoefficients"]) != len(columns["linearFeatures"]):
        raise fail("the linear-leaf columns do not line up")
    extra = columns["extra"]
    categorical = columns["kind"] == NODE_CATEGORICAL
    if np.any(categorical & ((extra < 0) | (extra >= len(columns["categoryStart"]) - 1))):
        raise fail("a categorical split names a category set that does not exist")
    if np.any(~split & ((extra < -1) | (extra >= extras))):
        raise fail("a leaf names a leaf-extras row that does not exist")
    if np.any(split & (columns["feature"] < 0)) or np.any((columns["linearFeatures"] < 0)):
        raise fail("a split or linear leaf names a negative feature")
    return header, columns


# --- Exact transcendental functions ------------------------------------------------------------

_EXP2_TABLE_BITS = np.array([
    0x3ff0000000000000, 0x3fefd9b0d3158574, 0x3fefb5586cf9890f, 0x3fef9301d0125b51, 0x3fef72b83c7d517b, 0x3fef54873168b9aa,
    0x3fef387a6e756238, 0x3fef1e9df51fdee1, 0x3fef06fe0a31b715, 0x3feef1a7373aa9cb, 0x3feedea64c123422, 0x3feece086061892d,
    0x3feebfdad5362a27, 0x3feeb42b569d4f82, 0x3feeab07dd485429, 0x3feea47eb03a5585, 0x3feea09e667f3bcd, 0x3fee9f75e8ec5f74,
    0x3feea11473eb0187, 0x3feea589994cce13, 0x3feeace5422aa0db, 0x3feeb737b0cdc5e5, 0x3feec49182a3f090, 0x3feed503b23e255d,
    0x3feee89f995ad3ad, 0x3feeff76f2fb5e47, 0x3fef199bdd85529c, 0x3fef3720dcef9069, 0x3fef5818dcfba487, 0x3fef7c97337b9b5f,
    0x3fefa4afa2a490da, 0x3fefd0765b6e4540,
], dtype=np.uint64)
#: 2^(j/32): each word plus j·2^47 restores the exponent glibc's table strips (app/eval/transform.ts).
_EXP2_TABLE = (_EXP2_TABLE_BITS + (np.arange(32, dtype=np.uint64) << np.uint64(47))).view(np.float64)
_INVERSE_LN2_SCALED = 1.4426950408889634 * 32
_POLY0 = 0.05550361559341535 / 32 / 32 / 32
_POLY1 = 0.2402284522445722 / 32 / 32
_POLY2 = 0.6931471806916203 / 32
_ROUND_SHIFT = 6755399441055744.0


def _f32(values: np.ndarray) -> np.ndarray:
    """Rounds doubles to float32 (nearest, as C's cast and JavaScript's Math.fround) and widens back."""
    return np.asarray(values, dtype=np.float64).astype(np.float32).astype(np.float64)


def exp_float(x: np.ndarray) -> np.ndarray:
    """glibc's `expf` (2.28+) of float32 arguments, as doubles holding float32 values.

    glibc's expf is not correctly rounded, and XGBoost calls it: computed here step by step in
    double the way glibc does, then rounded once to float32 (app/eval/transform.ts `expFloat`).
    """
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(all="ignore"):
        z = _INVERSE_LN2_SCALED * x
        k = (z + _ROUND_SHIFT) - _ROUND_SHIFT
        r = z - k
        safe_k = np.where(np.isfinite(k), k, 0.0)
        index = safe_k.astype(np.int64)
        scale = _EXP2_TABLE[index & 31] * np.ldexp(1.0, np.floor(safe_k / 32).astype(np.int64))
        cubic = _POLY0 * r + _POLY1
        square = r * r
        y = _POLY2 * r + 1
        y = cubic * square + y
        result = _f32(y * scale)
    result = np.where(x > 88.72283172607422, np.inf, result)
    result = np.where(x < -103.97207641601562, 0.0, result)
    return np.where(np.isnan(x), x, result)


# fdlibm's e_exp.c, as V8's base::ieee754::exp runs it for JavaScript's Math.exp.
_HALF = (0.5, -0.5)
_O_THRESHOLD = 7.09782712893383973096e02
_U_THRESHOLD = -7.45133219101941108420e02
_LN2_HI = (6.93147180369123816490e-01, -6.93147180369123816490e-01)
_LN2_LO = (1.90821492927058770002e-10, -1.90821492927058770002e-10)
_INVLN2 = 1.44269504088896338700e00
_P1 = 1.66666666666666019037e-01
_P2 = -2.77777777770155933842e-03
_P3 = 6.61375632143793436117e-05
_P4 = -1.65339022054652515390e-06
_P5 = 4.13813679705723846039e-08
_TWO_M1000 = 9.33263618503218878990e-302
_TWO_1023 = 8.988465674311579539e307


def exp_double(values: np.ndarray) -> np.ndarray:
    """JavaScript's `Math.exp` (V8: fdlibm's exp), bit for bit; numpy's exp differs in the last bit now and then."""
    x = np.asarray(values, dtype=np.float64)
    with np.errstate(all="ignore"):
        bits = x.view(np.uint64)
        sign = (bits >> np.uint64(63)).astype(np.int64)
        high = ((bits >> np.uint64(32)) & np.uint64(0x7FFFFFFF)).astype(np.int64)
        ln2_hi = np.where(sign == 0, _LN2_HI[0], _LN2_HI[1])
        ln2_lo = np.where(sign == 0, _LN2_LO[0], _LN2_LO[1])
        # |x| in (0.5 ln2, 1.5 ln2): k = ±1.
        near = (high > 0x3FD62E42) & (high < 0x3FF0A2B2)
        far = high >= 0x3FF0A2B2
        k_far = np.trunc(_INVLN2 * x + np.where(sign == 0, _HALF[0], _HALF[1]))
        k_far = np.where(far & np.isfinite(k_far), k_far, 0.0)
        k = np.where(near, 1 - 2 * sign, 0).astype(np.float64)
        k = np.where(far, k_far, k)
        hi = np.where(near, x - ln2_hi, np.where(far, x - k * _LN2_HI[0], 0.0))
        lo = np.where(near, ln2_lo, np.where(far, k * _LN2_LO[0], 0.0))
        reduced = np.where(near | far, hi - lo, x)
        t = reduced * reduced
        c = reduced - t * (_P1 + t * (_P2 + t * (_P3 + t * (_P4 + t * _P5))))
        k_int = np.clip(k, -2000, 2000).astype(np.int64)
        two_pk = np.where(k_int >= -1021, np.ldexp(1.0, np.clip(k_int, -1021, 1023)), np.ldexp(1.0, np.clip(k_int + 1000, -1074, 1023)))
        y_zero = 1.0 - ((reduced * c) / (c - 2.0) - reduced)
        y = 1.0 - ((lo - (reduced * c) / (2.0 - c)) - hi)
        scaled = np.where(k_int == 1024, y * 2.0 * _TWO_1023, np.where(k_int >= -1021, y * two_pk, y * two_pk * _TWO_M1000))
        result = np.where(k_int == 0, y_zero, scaled)
        result = np.where(high < 0x3E300000, 1.0 + x, result)  # |x| < 2^-28
        result = np.where(near & (x == 1.0), math.e, result)  # V8 special-cases exp(1)
        result = np.where(x > _O_THRESHOLD, np.inf, result)
        result = np.where(x < _U_THRESHOLD, 0.0, result)
        result = np.where(np.isnan(x), x, result)
    return result


# fdlibm's s_log1p.c as V8 runs it, for x >= 0 (log1p(exp(r)) is all the app needs).
_LN2_HI0 = 6.93147180369123816490e-01
_LN2_LO0 = 1.90821492927058770002e-10
_LP = (6.666666666666735130e-01, 3.999999999940941908e-01, 2.857142874366239149e-01, 2.222219843214978396e-01,
       1.818357216161805012e-01, 1.531383769920937332e-01, 1.479819860511658591e-01)

def _high(x: np.ndarray) -> np.ndarray:
    return (x.view(np.uint64) >> np.uint64(32)).astype(np.int64)

def _with_high(x: np.ndarray, high: np.ndarray) -> np.ndarray:
    low = x.view(np.uint64) & np.uint64(0xFFFFFFFF)
    return ((high.astype(np.uint64) << np.uint64(32)) | low).view(np.float64)

def log1p_double(values: np.ndarray) -> np.ndarray:
    """JavaScript's `Math.log1p` (V8: fdlibm's log1p) for arguments >= 0 or NaN, bit for bit (numpy's log1p differs now and then)."""
    x = np.asarray(values, dtype=np.float64)
    with np.errstate(all="ignore"):
        hx = _high(x)
        small = hx < 0x3FDA827A  # 1 + x < sqrt(2)
        tiny = small & (hx < 0x3E200000)  # x < 2^-29
        tiny_result = np.where(hx < 0x3C900000, x, x - x * x * 0.5)
        # k = 0 path: f = x, hu = 1
        big = hx >= 0x43400000
        u = np.where(big, x, 1.0 + x)
        hu = _high(u)
        k = (hu >> 20) - 1023
        c = np.where(big, 0.0, np.where(k > 0, 1.0 - (u - x), x - (u - 1.0)) / u)
        hu = hu & 0x000FFFFF
        low_half = hu < 0x6A09E
        u = np.where(low_half, _with_high(u, hu | 0x3FF00000), _with_high(u, hu | 0x3FE00000))
        k = np.where(low_half, k, k + 1)
        hu = np.where(low_half, hu, (0x00100000 - hu) >> 2)
        f = u - 1.0
        k = np.where(small, 0, k)
        f = np.where(small, x, f)
        hu = np.where(small, 1, hu)
        c = np.where(small, 0.0, c)
        kd = k.astype(np.float64)
        hfsq = 0.5 * f * f
        # hu == 0: |f| < 2^-20
        r0 = hfsq * (1.0 - 0.66666666666666666 * f)
        zero_f = np.where(k == 0, 0.0, kd * _LN2_HI0 + (c + kd * _LN2_LO0))
        near = np.where(k == 0, f - r0, kd * _LN2_HI0 - ((r0 - (kd * _LN2_LO0 + c)) - f))
        near = np.where(f == 0, zero_f, near)
        s = f / (2.0 + f)
        z = s * s
        R = z * (_LP[0] + z * (_LP[1] + z * (_LP[2] + z * (_LP[3] + z * (_LP[4] + z * (_LP[5] + z * _LP[6]))))))
        general = np.where(k == 0, f - (hfsq - s * (hfsq + R)), kd * _LN2_HI0 - ((hfsq - (s * (hfsq + R) + (kd * _LN2_LO0 + c))) - f))
        result = np.where(hu == 0, near, general)
        result = np.where(tiny, tiny_result, result)
        result = np.where(hx >= 0x7FF00000, x + x, result)
    return result


# --- The model ---------------------------------------------------------------------------------

@dataclass
class Scores:
    """Per-row outcome of `Model.score`: the evaluator's numbers, unformatted."""

    #: rows × outputs, before the transform.
    raw: np.ndarray
    #: rows × prediction width (1 for `argmax`: the class), after the transform.
    prediction: np.ndarray
    #: rows; -1 when the model has no classes or the row has no prediction.
    predicted_class: np.ndarray
    #: rows × trees: the reached leaf as the library numbers it.
    leaves: np.ndarray
    #: row index → why it has no prediction (a truncated scikit-learn branch).
    errors: Dict[int, str] = field(default_factory=dict)


class Model:
    """A packed model compiled into node arrays for the level-by-level walk."""

    def __init__(self, header: Mapping[str, Any], columns: Mapping[str, np.ndarray]) -> None:
        self.header = dict(header)
        self.features: List[Dict[str, Any]] = list(header.get("features") or [])
        self.classes: Optional[List[str]] = list(header["classes"]) if header.get("classes") else None
        self.task: str = header.get("task", "regression")
        self.transform: Dict[str, Any] = dict(header["transform"])
        self.aggregation: Dict[str, Any] = dict(header["aggregation"])
        arithmetic = header["arithmetic"]
        self.float32_input = arithmetic.get("input") == "float32"
        self.is_float32 = arithmetic.get("accumulate") == "float32"
        self.zero_tiny = arithmetic.get("zeroTinyInputs") is True
        self.num_outputs = int(header["numOutputs"])
        self._compile(columns)
        self.has_classes = bool(self.classes) or self.task in ("binary", "multiclass")
        self.prediction_width = 1 if self.transform["kind"] == "argmax" else self.num_outputs

    # Building the walk's arrays (app/eval/flat.ts `flatten`, in one global numbering).
    def _compile(self, c: Mapping[str, np.ndarray]) -> None:
        starts = c["treeNodeStart"].astype(np.int64)
        self.num_trees = len(starts) - 1
        count = int(starts[-1]) if len(starts) else 0
        kind = c["kind"].astype(np.int64)
        flags = c["flags"].astype(np.int64)
        tree_of = np.repeat(np.arange(self.num_trees), np.diff(starts))
        base = starts[:-1][tree_of]
        self.roots = starts[:-1].copy()
        is_split = kind != NODE_LEAF
        split_features = c["feature"][is_split]
        self.num_features = max(len(self.features), int(split_features.max()) + 1 if len(split_features) else 0)
        nodes = np.arange(count, dtype=np.int64)
        left = np.where(is_split, base + c["left"], nodes)
        right = np.where(is_split, base + c["right"], nodes)
        threshold = np.where(is_split, 0.0, np.nan)
        missing = nodes.copy()
        zero_mode = np.zeros(count, dtype=bool)
        category_kind = np.zeros(count, dtype=np.int8)
        category_start = np.zeros(count, dtype=np.int64)
        category_end = np.zeros(count, dtype=np.int64)
        value = c["value"]

        numeric = kind == NODE_NUMERIC
        is_less = (flags & FLAG_OP_LESS) != 0
        mode = (flags & MISSING_MASK) >> MISSING_SHIFT
        default_left = (flags & FLAG_DEFAULT_LEFT) != 0
        with np.errstate(invalid="ignore"):
            # x < t  <=>  x <= (the double below t); x < -inf never holds: a NaN threshold sends every number right.
            folded = np.where(is_less, np.where(value == -np.inf, np.nan, np.nextafter(value, -np.inf)), value)
            threshold = np.where(numeric, folded, threshold)
            zero_side_left = np.where(is_less, 0 < value, 0 <= value)
        missing_numeric = np.where(
            (mode == MISSING_DEFAULT) | (mode == MISSING_ZERO),
            np.where(default_left, left, right),
            np.where(mode == MISSING_AS_ZERO, np.where(zero_side_left, left, right), right),
        )
        missing = np.where(numeric, missing_numeric, missing)
        zero_mode = numeric & (mode == MISSING_ZERO)

        categorical = kind == NODE_CATEGORICAL
        in_set = np.where(categorical & ((flags & FLAG_IN_SET_LEFT) != 0), left, right)
        out_set = np.where(in_set == left, right, left)
        missing = np.where(categorical, np.where((flags & FLAG_MISSING_LEFT) != 0, left, right), missing)
        category_kind[categorical] = np.where((flags[categorical] & FLAG_MATCH_EXACT) != 0, CATEGORY_EXACT, CATEGORY_TRUNCATE)
        sets: List[np.ndarray] = []
        offset = 0
        for node in np.flatnonzero(categorical):
            s = int(c["extra"][node])
            members = np.sort(c["categories"][c["categoryStart"][s]:c["categoryStart"][s + 1]])
            category_start[node] = offset
            offset += len(members)
            category_end[node] = offset
            sets.append(members)
        self.categories = np.concatenate(sets) if sets else np.zeros(0)
        # Categorical nodes walk like numeric ones until `_decide_categories` overrides them.
        left = np.where(categorical, in_set, left)
        right = np.where(categorical, out_set, right)
        threshold = np.where(categorical, np.inf, threshold)

        # Indicator: a present value takes `present` (every number is <= +inf), NaN the other side.
        indicator = kind == NODE_INDICATOR
        present = np.where((flags & FLAG_PRESENT_LEFT) != 0, left, right)
        absent = np.where(present == left, right, left)
        left = np.where(indicator, present, left)
        right = np.where(indicator, absent, right)
        missing = np.where(indicator, absent, missing)
        threshold = np.where(indicator, np.inf, threshold)

        self.feature = np.where(is_split, c["feature"], 0).astype(np.int64)
        self.threshold = threshold.astype(np.float64)
        self.children = np.stack([left, right], axis=1).reshape(-1)
        self.missing = missing
        self.is_leaf = ~is_split
        self.has_zero_mode = bool(zero_mode.any())
        self.zero_mode = zero_mode
        self.has_categories = bool(categorical.any())
        self.category_kind = category_kind
        self.category_start = category_start
        self.category_end = category_end
        self.source_id = c["sourceId"].astype(np.int64)
        self.tree_output = c["treeOutput"].astype(np.int64)
        self.tree_weight = c["treeWeight"].astype(np.float64)
        if np.any((self.tree_output < 0) | (self.tree_output >= self.num_outputs)):
            bad = int(np.flatnonzero((self.tree_output < 0) | (self.tree_output >= self.num_outputs))[0])
            raise ModelFileError(f"tree {bad} adds to output {self.tree_output[bad]}, but the model has {self.num_outputs} outputs")
        if np.any(self.feature[is_split] >= self.num_features):
            raise ModelFileError("a split names a feature beyond the model's features")

        # Leaves: value, kind, linear terms, value vectors, class (flat.ts `addLeaf`).
        extra = c["extra"].astype(np.int64)
        has_extra = (~is_split) & (extra >= 0)
        value_start = c["leafValueStart"].astype(np.int64)
        e = np.where(has_extra, extra, 0)
        n_extra = len(value_start) - 1
        if n_extra > 0:
            e_start = value_start[e]
            e_length = value_start[e + 1] - e_start
        else:
            e_start = np.zeros(count, dtype=np.int64)
            e_length = np.zeros(count, dtype=np.int64)
        leaf_values = c["leafValues"]
        first_value = np.where(e_length > 0, leaf_values[np.minimum(e_start, max(len(leaf_values) - 1, 0))] if len(leaf_values) else np.nan, np.nan)
        self.leaf_value = np.where(is_split, np.nan, np.where(has_extra, first_value, value))
        # Every leaf's value vector: the extras' lists, then each plain leaf's one value.
        self.vectors = np.concatenate([leaf_values, np.where(is_split, np.nan, value)])
        self.vector_start = np.where(has_extra, e_start, len(leaf_values) + nodes)
        self.vector_length = np.where(has_extra, e_length, np.where(is_split, 0, 1))
        leaf_class = c["leafClass"].astype(np.int64) if n_extra > 0 else np.zeros(1, dtype=np.int64)
        truncated = c["leafTruncatedDepth"].astype(np.int64) if n_extra > 0 else np.full(1, -1, dtype=np.int64)
        is_linear = c["isLinear"].astype(bool) if n_extra > 0 else np.zeros(1, dtype=bool)
        self.leaf_class = np.where(has_extra, leaf_class[e], -1)
        self.truncated_depth = np.where(has_extra, truncated[e], -1)
        self.leaf_kind = np.where(has_extra & (self.truncated_depth >= 0), LEAF_TRUNCATED,
                                  np.where(has_extra & is_linear[e], LEAF_LINEAR, LEAF_CONSTANT)).astype(np.int8)
        linear_start = c["linearStart"].astype(np.int64) if n_extra > 0 else np.zeros(2, dtype=np.int64)
        self.linear_start = np.where(self.leaf_kind == LEAF_LINEAR, linear_start[e], 0)
        self.linear_end = np.where(self.leaf_kind == LEAF_LINEAR, linear_start[np.minimum(e + 1, len(linear_start) - 1)], 0)
        constants = c["linearConstant"] if n_extra > 0 else np.zeros(1)
        self.linear_constant = np.where(self.leaf_kind == LEAF_LINEAR, constants[e], 0.0)
        self.linear_features = c["linearFeatures"].astype(np.int64)
        self.linear_coefficients = c["linearCoefficients"].astype(np.float64)
        self.has_special_leaves = bool(np.any(self.leaf_kind != LEAF_CONSTANT))

        # The walk's arrays in "doubled" ids (2 × node), so the step is `children2[node2 + (x > t)]`
        # with no multiply. A leaf steps to itself (threshold NaN, missing = itself), so rows that
        # reached theirs can keep walking until enough have to make compacting worth it.
        self.feature2 = np.repeat(self.feature, 2)
        self.threshold2 = np.repeat(self.threshold, 2)
        self.children2 = 2 * self.children
        self.missing2 = np.repeat(2 * self.missing, 2)
        self.is_leaf2 = np.repeat(self.is_leaf, 2)
        self.zero_mode2 = np.repeat(self.zero_mode, 2)
        self.roots2 = 2 * self.roots

        # Aggregation (app/eval/compile.ts `planOf`).
        aggregation = self.aggregation["kind"]
        self.mode = aggregation
        self.base = np.zeros(self.num_outputs)
        self.average_over = 1.0
        if aggregation == "sum":
            given = list(self.aggregation.get("base") or [])
            for k in range(self.num_outputs):
                b = given[k] if k < len(given) else (given[0] if given else 0.0)
                self.base[k] = float(b)
            if self.is_float32:
                self.base = _f32(self.base)
            self.average_over = float(self.aggregation.get("averageOver") or 1)
        if aggregation == "distribution" and self.num_trees != 1:
            raise ModelFileError(f"a 'distribution' model must hold exactly one tree, found {self.num_trees}")
        if aggregation == "vote":
            votes = self.leaf_value[self.is_leaf]
            if not np.all((votes == np.floor(votes)) & (votes >= 0) & (votes < self.num_outputs)):
                raise ModelFileError(f"a leaf votes for a class that is not an index below {self.num_outputs}")
        self.trees_per_output = np.bincount(self.tree_output, minlength=self.num_outputs).astype(np.float64)

    # -- Inputs --------------------------------------------------------------------------------

    def prepare(self, values: np.ndarray) -> np.ndarray:
        """Rows of doubles as the library compares them: float32-rounded, tiny values zeroed (LightGBM)."""
        data = np.array(values, dtype=np.float64, copy=True)
        if data.ndim != 2 or data.shape[1] != self.num_features:
            raise ScoringError(f"expected rows of {self.num_features} values, got an array of shape {data.shape}")
        if self.float32_input:
            with np.errstate(over="ignore"):
                data = _f32(data)
        if self.zero_tiny:
            data[(data >= -ZERO_THRESHOLD) & (data <= ZERO_THRESHOLD)] = 0.0
        return data

    # -- The walk ------------------------------------------------------------------------------

    def _decide_categories(self, node2: np.ndarray, x: np.ndarray, step: np.ndarray) -> None:
        """Overrides `step` for elements at categorical splits (x not NaN): in the set or not (decide.ts)."""
        node = node2 >> 1
        kind = self.category_kind[node]
        at = np.flatnonzero((kind != CATEGORY_NONE) & ~np.isnan(x))
        if len(at) == 0:
            return
        n = node[at]
        value = x[at]
        is_truncate = self.category_kind[n] == CATEGORY_TRUNCATE
        with np.errstate(invalid="ignore"):
            category = np.where(is_truncate, np.trunc(value), value)
            valid = ~is_truncate | ((category >= 0) & (category < CATEGORY_LIMIT))
            if self.float32_input:
                # XGBoost rejects negative floats before truncating; LightGBM truncates first.
                valid &= ~(is_truncate & (value < 0))
        # Binary search of each element's sorted set, all elements at once.
        low = self.category_start[n].copy()
        high = self.category_end[n] - 1
        found = np.zeros(len(at), dtype=bool)
        categories = self.categories
        while True:
            open_ = (low <= high) & ~found
            if not open_.any():
                break
            middle = (low + high) >> 1
            candidate = categories[np.where(open_, middle, 0)] if len(categories) else np.zeros(len(at))
            found |= open_ & (candidate == category)
            below = open_ & (candidate < category)
            above = open_ & ~below & ~(candidate == category)
            low = np.where(below, middle + 1, low)
            high = np.where(above, middle - 1, high)
        is_in = found & valid
        # left/right of a categorical node are (in set, out of set).
        step[at] = self.children2[2 * n + np.where(is_in, 0, 1)]

    def leaves_of(self, data: np.ndarray, trees: np.ndarray) -> np.ndarray:
        """Global leaf rows reached by every (tree, row) pair: shape (len(trees), rows).

        All pairs step together, one tree level per numpy pass; pairs that reached a leaf are
        dropped once they are a quarter of those still walking (before that, they step in place).
        """
        rows = data.shape[0]
        # Column-major: pairs of one tree at one node read consecutive cells of one column (cache-friendly).
        flat = np.ascontiguousarray(data.T).reshape(-1)
        result = np.repeat(self.roots2[trees], rows)
        position: Optional[np.ndarray] = None  # None: `current` is still every pair, in order
        current = result.copy()
        row_base = np.tile(np.arange(rows, dtype=np.int64), len(trees))
        column_start2 = self.feature2 * rows
        threshold2, children2, is_leaf2 = self.threshold2, self.children2, self.is_leaf2
        while len(current) > 0:
            x = flat[row_base + column_start2[current]]
            with np.errstate(invalid="ignore"):
                step = children2[current + (x > threshold2[current])]
            missing = np.flatnonzero(np.isnan(x))
            if len(missing):
                step[missing] = self.missing2[current[missing]]
            if self.has_zero_mode:
                tiny = np.flatnonzero(self.zero_mode2[current] & (x >= -ZERO_THRESHOLD) & (x <= ZERO_THRESHOLD))
                step[tiny] = self.missing2[current[tiny]]
            if self.has_categories:
                self._decide_categories(current, x, step)
            done = is_leaf2[step]
            finished = int(np.count_nonzero(done))
            if finished == len(step):
                current = step
                break
            if finished * 4 >= len(step):
                keep = ~done
                if position is None:
                    result = step.copy()
                    position = np.flatnonzero(keep)
                else:
                    result[position[done]] = step[done]
                    position = position[keep]
                current = step[keep]
                row_base = row_base[keep]
            else:
                current = step
        if position is None:
            result = current
        else:
            result[position] = current
        return (result >> 1).reshape(len(trees), rows)

    def _linear_outputs(self, leaf: np.ndarray, data: np.ndarray) -> np.ndarray:
        """Linear leaves' outputs; NaN in one of its features falls back to the leaf value (LightGBM)."""
        output = self.linear_constant[leaf].copy()
        bad = np.zeros(len(leaf), dtype=bool)
        start = self.linear_start[leaf]
        end = self.linear_end[leaf]
        rows = np.arange(len(leaf))
        for j in range(int((end - start).max()) if len(leaf) else 0):
            has = start + j < end
            term = np.where(has, start + j, 0)
            x = data[rows, self.linear_features[term]] if len(self.linear_features) else np.zeros(len(leaf))
            bad |= has & np.isnan(x)
            output = np.where(has & ~bad, output + self.linear_coefficients[term] * x, output)
        return np.where(bad, self.leaf_value[leaf], output)

    def score(self, values: np.ndarray, with_leaves: bool = True) -> Scores:
        """Scores rows (feature order, NaN = missing) exactly as the app's `predictBatch`.

        `with_leaves=False` skips the rows × trees table of reached leaves (`Scores.leaves` is then empty).
        """
        data = self.prepare(values)
        rows = data.shape[0]
        outputs = self.num_outputs
        accumulator = np.tile(self.base, (rows, 1)) if self.mode == "sum" else np.zeros((rows, outputs))
        leaves = np.zeros((rows, self.num_trees if with_leaves else 0), dtype=np.int64)
        error_tree = np.full(rows, -1, dtype=np.int64)
        error_leaf = np.zeros(rows, dtype=np.int64)
        last_leaf = np.zeros(rows, dtype=np.int64)
        block = max(1, BLOCK_PAIRS // max(rows, 1))
        for first in range(0, self.num_trees, block):
            trees = np.arange(first, min(first + block, self.num_trees))
            reached = self.leaves_of(data, trees)
            for position, tree in enumerate(trees):
                leaf = reached[position]
                if with_leaves:
                    leaves[:, tree] = leaf
                last_leaf = leaf
                value = self.leaf_value[leaf]
                if self.has_special_leaves:
                    kind = self.leaf_kind[leaf]
                    linear = np.flatnonzero(kind == LEAF_LINEAR)
                    if len(linear):
                        value = value.copy()
                        value[linear] = self._linear_outputs(leaf[linear], data[linear])
                    cut = kind == LEAF_TRUNCATED
                    if cut.any():
                        value = np.where(cut, np.nan, value)
                        new = cut & (error_tree < 0)
                        error_tree[new] = tree
                        error_leaf[new] = leaf[new]
                self._accumulate(accumulator, int(tree), value)
        raw, prediction, predicted = self._finish(accumulator, last_leaf)
        errors: Dict[int, str] = {}
        for row in np.flatnonzero(error_tree >= 0):
            leaf = int(error_leaf[row])
            errors[int(row)] = (
                f"tree {int(error_tree[row])} reaches node {int(self.source_id[leaf])}, a branch the dump truncated "
                f"(depth {int(self.truncated_depth[leaf])} not printed), so this row has no prediction"
            )
            raw[row] = np.nan
            prediction[row] = np.nan
            predicted[row] = -1
        return Scores(raw=raw, prediction=prediction, predicted_class=predicted, leaves=self.source_id[leaves], errors=errors)

    def _accumulate(self, accumulator: np.ndarray, tree: int, value: np.ndarray) -> None:
        """Adds one tree's outputs the way the library does (compile.ts `accumulate`)."""
        output = int(self.tree_output[tree])
        weight = float(self.tree_weight[tree])
        if self.mode == "sum" and self.is_float32:
            added = value if weight == 1 else _f32(weight * value)
            accumulator[:, output] = _f32(accumulator[:, output] + added)
        elif self.mode in ("sum", "mean"):
            accumulator[:, output] += weight * value
        elif self.mode == "vote":
            ok = (value >= 0) & (value < self.num_outputs) & (value == np.floor(value))
            rows = np.flatnonzero(ok)
            np.add.at(accumulator, (rows, value[rows].astype(np.int64)), 1.0)

    def _finish(self, accumulator: np.ndarray, leaf: np.ndarray) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Raw scores, predictions and classes from the accumulators (compile.ts `finishRow`)."""
        outputs = self.num_outputs
        rows = accumulator.shape[0]
        if self.mode == "mean":
            raw = accumulator / self.trees_per_output
        elif self.mode == "distribution":
            length = self.vector_length[leaf]
            start = self.vector_start[leaf]
            is_vector = (length == outputs) & ((outputs > 1) | (self.leaf_class[leaf] < 0))
            vectors = self.vectors[np.where(is_vector[:, None], start[:, None] + np.arange(outputs), 0)]
            total = np.zeros(rows)
            for k in range(outputs):
                total = total + vectors[:, k]
            divisor = np.where(total == 0, 1.0, total)
            one_hot = (np.arange(outputs)[None, :] == self.leaf_class[leaf][:, None]).astype(np.float64)
            raw = np.where(is_vector[:, None], vectors / divisor[:, None], one_hot)
        else:
            raw = accumulator.copy()
        source = raw / self.average_over if self.average_over != 1 else raw
        prediction = self._transform(source)
        predicted = np.full(rows, -1, dtype=np.int64)
        kind = self.transform["kind"]
        if self.has_classes:
            if kind == "argmax":
                predicted = prediction[:, 0].astype(np.int64)
            elif outputs > 1:
                predicted = _argmax(prediction)
            elif kind == "hinge":
                predicted = prediction[:, 0].astype(np.int64)
            elif kind == "sigmoid" and not self.is_float32:
                predicted = (source[:, 0] > 0).astype(np.int64)
            else:
                predicted = (prediction[:, 0] > 0.5).astype(np.int64)
        return raw, prediction, predicted

    def _transform(self, raw: np.ndarray) -> np.ndarray:
        """The output transform (transform.ts `applyTransform`), float32 recipes for XGBoost."""
        kind = self.transform["kind"]
        f32 = self.is_float32
        with np.errstate(all="ignore"):
            if kind == "identity":
                return raw.copy()
            if kind in ("sigmoid", "sigmoidEach"):
                scale = float(self.transform.get("scale", 1))
                if f32:
                    scaled = raw if scale == 1 else _f32(scale * raw)
                    exponent = np.minimum(-scaled, _XGBOOST_EXP_CLAMP)
                    denominator = _f32(_f32(exp_float(exponent) + 1) + _XGBOOST_EPSILON)
                    return _f32(1 / denominator)
                return 1 / (1 + exp_double(-scale * raw))
            if kind == "softmax":
                top = raw[:, 0].copy()
                for k in range(1, raw.shape[1]):
                    top = np.where(raw[:, k] > top, raw[:, k], top)
                exps = np.empty_like(raw)
                total = np.zeros(raw.shape[0])
                for k in range(raw.shape[1]):
                    exps[:, k] = exp_float(_f32(raw[:, k] - top)) if f32 else exp_double(raw[:, k] - top)
                    total = total + exps[:, k]
                divisor = _f32(total) if f32 else total
                result = exps / divisor[:, None]
                return _f32(result) if f32 else result
            if kind == "exp":
                return exp_float(raw) if f32 else exp_double(raw)
            if kind == "log1pExp":
                return log1p_double(exp_double(raw))
            if kind == "signedSquare":
                # LightGBM's Common::Sign(x) * x * x, left to right; Sign is an int (0 for ±0 and NaN).
                sign = np.where(raw > 0, 1.0, np.where(raw < 0, -1.0, 0.0))
                result = sign * raw * raw
                return _f32(result) if f32 else result
            if kind == "hinge":
                return (raw > 0).astype(np.float64)
            if kind == "argmax":
                return _argmax(raw).astype(np.float64)[:, None]
        raise ModelFileError(f"unknown output transform {kind!r}")


_XGBOOST_EXP_CLAMP = float(np.float32(88.7))
_XGBOOST_EPSILON = float(np.float32(1e-16))


def _argmax(values: np.ndarray) -> np.ndarray:
    """Index of the largest value per row; the first wins a tie; NaN never wins unless all are NaN (then 0)."""
    best = np.zeros(values.shape[0], dtype=np.int64)
    best_value = values[:, 0].copy()
    for k in range(1, values.shape[1]):
        value = values[:, k]
        better = (value > best_value) | (np.isnan(best_value) & ~np.isnan(value))
        best = np.where(better, k, best)
        best_value = np.where(better, value, best_value)
    return best


# --- Columns and cells (app/data/columns.ts, app/data/cells.ts) --------------------------------

_MISSING_TOKENS = {"", "nan", "-nan", "na", "n/a", "null", "none"}
_INFINITIES = {"inf": math.inf, "+inf": math.inf, "-inf": -math.inf, "infinity": math.inf, "+infinity": math.inf, "-infinity": -math.inf}
_DECIMAL = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def parse_number_cell(text: str) -> Optional[float]:
    """A cell's text as a double (NaN = missing), or None when it is not a number (cells.ts)."""
    stripped = text.strip()
    if _DECIMAL.match(stripped):
        return float(stripped)
    lower = stripped.lower()
    if lower in _MISSING_TOKENS:
        return math.nan
    return _INFINITIES.get(lower)


def _default_names(feature: Mapping[str, Any]) -> List[str]:
    i = feature["index"]
    return [feature["name"], f"f{i}", f"feature {i}", f"feature_{i}", f"Column_{i}"]


def _find_columns(header: Sequence[str], names: Sequence[str], skip: Iterable[int]) -> List[int]:
    skipped = set(skip)
    exact = [i for i, column in enumerate(header) if i not in skipped and column in names]
    if exact:
        return exact
    trimmed = {name.strip() for name in names}
    return [i for i, column in enumerate(header) if i not in skipped and column.strip() in trimmed]


def match_columns(
    header: Sequence[str],
    features: Sequence[Mapping[str, Any]],
    ignore_columns: Sequence[str] = (),
    ignore_unknown_columns: bool = False,
    strict_columns: bool = False,
) -> List[int]:
    """The column index of every feature, matched as `splitscope predict` matches CSV columns."""
    ignored: set = set()
    for name in ignore_columns:
        found = _find_columns(header, [name], ())
        if not found:
            raise ScoringError(f"E_DATA_COLUMN_MISSING: no column {name!r} to ignore; the columns are {list(header)[:12]}")
        ignored.update(found)
    is_named = any(feature.get("isNamed") for feature in features)
    columns: List[int] = []
    owner: Dict[int, str] = {}
    missing: List[str] = []
    for feature in features:
        found = _find_columns(header, [feature["name"]] if is_named else _default_names(feature), ignored)
        if not found:
            missing.append(feature["name"])
            columns.append(-1)
            continue
        if len(found) > 1:
            raise ScoringError(f"E_DATA_COLUMN_DUPLICATE: column {header[found[1]]!r}: feature {feature['name']!r} has {len(found)} columns")
        if found[0] in owner:
            raise ScoringError(
                f"E_DATA_COLUMN_DUPLICATE: column {header[found[0]]!r} matches two features, {owner[found[0]]!r} and {feature['name']!r}"
            )
        owner[found[0]] = feature["name"]
        columns.append(found[0])
    if not missing or is_named:
        if missing:
            raise ScoringError(
                f"E_DATA_COLUMN_MISSING: no column for model feature {', '.join(repr(m) for m in missing[:8])}; "
                "the model has named features, matched by column name"
            )
        if strict_columns and not ignore_unknown_columns:
            unknown = [header[i] for i in range(len(header)) if i not in ignored and i not in owner]
            if unknown:
                raise ScoringError(f"E_DATA_COLUMN_UNKNOWN: column {unknown[0]!r} is not a feature of the model (strict_columns)")
        return columns
    available = [i for i in range(len(header)) if i not in ignored]
    if len(available) < len(features):
        raise ScoringError(
            f"E_DATA_COLUMN_MISSING: no column for model feature {features[len(available)]['name']!r}: the model has "
            f"{len(features)} unnamed features, matched by position, but the frame has {len(available)} columns to read"
        )
    if len(available) > len(features) and not ignore_unknown_columns:
        raise ScoringError(
            f"E_DATA_COLUMN_UNKNOWN: column {header[available[len(features)]]!r}: the model has {len(features)} unnamed features, "
            f"matched by position, but the frame has {len(available)} columns; pass ignore_columns or ignore_unknown_columns=True"
        )
    return available[: len(features)]


def _column_values(series: pd.Series, feature: Mapping[str, Any], column: str) -> np.ndarray:
    """One feature's column as doubles (NaN = missing); labels of a categorical feature become codes."""
    labels: Optional[List[str]] = feature.get("categoryLabels") or None
    if pd.api.types.is_bool_dtype(series.dtype):
        return series.to_numpy(dtype=np.float64, na_value=np.nan)
    if pd.api.types.is_numeric_dtype(series.dtype) and not labels:
        return series.to_numpy(dtype=np.float64, na_value=np.nan)
    out = np.empty(len(series))
    by_label: Dict[str, int] = {}
    by_number: Dict[float, int] = {}
    for code, label in enumerate(labels or []):
        by_label.setdefault(label, code)
        by_label.setdefault(label.strip(), code)
        if _DECIMAL.match(label.strip()):
            by_number.setdefault(float(label.strip()), code)
    for position, cell in enumerate(series.tolist()):
        if cell is None or (isinstance(cell, float) and math.isnan(cell)) or cell is pd.NA:
            out[position] = math.nan
            continue
        if labels:
            text = cell if isinstance(cell, str) else repr(cell) if isinstance(cell, float) else str(cell)
            code = by_label.get(text, by_label.get(text.strip()))
            if code is None:
                number = float(cell) if isinstance(cell, (int, float, np.number)) else parse_number_cell(text)
                code = by_number.get(number) if number is not None and number == number else None
            out[position] = math.nan if code is None else code
            continue
        if isinstance(cell, (int, float, np.number)):
            out[position] = float(cell)
            continue
        number = parse_number_cell(str(cell))
        if number is None:
            raise ScoringError(f"E_DATA_VALUE: row {position + 1} (position in the frame), column {column!r}: {str(cell)[:40]!r} is not a number")
        out[position] = number
    return out


# --- Output (app/data/output.ts) ----------------------------------------------------------------

def _class_label(m: Model, index: int) -> str:
    return m.classes[index] if m.classes and index < len(m.classes) else str(index)


def _has_probabilities(m: Model) -> bool:
    if m.task not in ("binary", "multiclass"):
        return False
    kind = m.transform["kind"]
    if kind in ("argmax", "hinge"):
        return False
    return not (kind == "identity" and m.aggregation["kind"] in ("sum", "mean"))


def output_columns(m: Model, raw: bool = True) -> List[str]:
    """The columns `predict_pandas` returns, in `splitscope predict`'s order."""
    columns = ["prediction"] if m.task in ("binary", "multiclass") or m.num_outputs == 1 else [f"prediction_{k}" for k in range(m.num_outputs)]
    if _has_probabilities(m):
        columns += ["prob"] if m.task == "binary" else [f"prob_{_class_label(m, k)}" for k in range(m.num_outputs)]
    if raw:
        columns += ["raw"] if m.num_outputs == 1 else [f"raw_{k}" for k in range(m.num_outputs)]
    if m.has_special_leaves and bool(np.any(m.leaf_kind == LEAF_TRUNCATED)):
        columns.append("error")
    return columns


def frame_of(m: Model, scores: Scores, index: Optional[pd.Index] = None, raw: bool = True) -> pd.DataFrame:
    """The scored table: numbers as doubles, the class as its label (a string), as `splitscope predict` writes them."""
    rows = scores.raw.shape[0]
    data: Dict[str, Any] = {}
    is_classifier = m.task in ("binary", "multiclass")
    bad = np.zeros(rows, dtype=bool)
    bad[list(scores.errors)] = True
    if is_classifier:
        labels: List[Optional[str]] = []
        for row in range(rows):
            k = int(scores.predicted_class[row])
            if bad[row]:
                labels.append(None)
            elif k >= 0:
                labels.append(_class_label(m, k))
            else:
                labels.append(_js_number(float(scores.prediction[row, 0])))
        data["prediction"] = pd.array(labels, dtype=object)
    elif m.num_outputs == 1:
        data["prediction"] = scores.prediction[:, 0]
    else:
        for k in range(m.num_outputs):
            data[f"prediction_{k}"] = scores.prediction[:, k]
    if _has_probabilities(m):
        if m.task == "binary":
            data["prob"] = scores.prediction[:, 0 if m.num_outputs == 1 else 1]
        else:
            for k in range(m.num_outputs):
                data[f"prob_{_class_label(m, k)}"] = scores.prediction[:, k]
    if raw:
        if m.num_outputs == 1:
            data["raw"] = scores.raw[:, 0]
        else:
            for k in range(m.num_outputs):
                data[f"raw_{k}"] = scores.raw[:, k]
    columns = output_columns(m, raw)
    if "error" in columns:
        data["error"] = pd.array([scores.errors.get(row) for row in range(rows)], dtype=object)
    return pd.DataFrame(data, index=index, columns=columns)


def _js_number(value: float) -> str:
    """JavaScript's `String(x)` for the numbers a class column can hold (integers, NaN)."""
    if value != value:
        return "NaN"
    if value == int(value) and abs(value) < 1e21:
        return str(int(value)) if not (value == 0 and math.copysign(1, value) < 0) else "-0"
    return repr(value)


# --- Entry points -------------------------------------------------------------------------------

def _model_path(path: Optional[str]) -> str:
    if path:
        return path
    if os.environ.get("SPLITSCOPE_MODEL"):
        return os.environ["SPLITSCOPE_MODEL"]
    beside = os.path.join(os.path.dirname(os.path.abspath(__file__)), SPLITSCOPE_MODEL_FILE)
    if os.path.exists(beside):
        return beside
    try:  # A Spark executor: the file shipped with --files / sc.addFile.
        from pyspark import SparkFiles  # type: ignore[import-not-found]

        shipped = SparkFiles.get(SPLITSCOPE_MODEL_FILE)
        if os.path.exists(shipped):
            return shipped
    except Exception:  # noqa: BLE001 - no PySpark, or no SparkContext in this process
        pass
    return beside


def load_model(path: Optional[str] = None, checksum: Optional[str] = SPLITSCOPE_MODEL_CHECKSUM) -> Model:
    """Reads and compiles model.spkm; checks it against the exported checksum when there is one."""
    where = _model_path(path)
    try:
        with open(where, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise ModelFileError(f"{where}: cannot read the model file: {error.strerror or error}") from error
    if checksum is not None:
        actual = "sha256:" + hashlib.sha256(data).hexdigest()
        if actual != checksum:
            raise ModelFileError(f"{where}: checksum {actual} is not the exported model's {checksum}")
    header, columns = _read_packed(data, where)
    return Model(header, columns)


_MODEL: Optional[Model] = None


def model() -> Model:
    """The bundle's model, loaded once per process (each Spark or Dask worker loads it once)."""
    global _MODEL
    if _MODEL is None:
        _MODEL = load_model()
    return _MODEL


def features_of(frame: pd.DataFrame, m: Model, ignore_columns: Sequence[str] = (), ignore_unknown_columns: bool = False,
                strict_columns: bool = False) -> np.ndarray:
    """The frame's feature columns as rows × features doubles, matched by name like `splitscope predict`."""
    header = [str(column) for column in frame.columns]
    columns = match_columns(header, m.features, ignore_columns, ignore_unknown_columns, strict_columns)
    values = np.full((len(frame), m.num_features), np.nan)
    for f, column in enumerate(columns):
        values[:, f] = _column_values(frame.iloc[:, column], m.features[f], header[column])
    return values


def predict_pandas(
    frame: pd.DataFrame,
    *,
    raw: bool = True,
    ignore_columns: Sequence[str] = (),
    ignore_unknown_columns: bool = False,
    strict_columns: bool = False,
    using: Optional[Model] = None,
) -> pd.DataFrame:
    """Scores a frame: the columns of `splitscope predict --raw`, one row per input row, same index.

    Columns are matched by name (unnamed models: `f0`/`feature_0`… or by position); columns the
    model does not use are skipped unless `strict_columns`. Empty partitions give empty frames.
    """
    m = using or model()
    values = features_of(frame, m, ignore_columns, ignore_unknown_columns, strict_columns)
    return frame_of(m, m.score(values, with_leaves=False), index=frame.index, raw=raw)

