"""The app's evaluator (app/eval: compile.ts, flat.ts, decide.ts, transform.ts) in plain Python.

It reproduces the app's numbers bit for bit, which are the training libraries' own:
- LightGBM and Spark work in doubles (Python floats);
- XGBoost rounds inputs to float32 and sums leaves in float32 in tree order (``fround`` below: a
  one-slot ``array('f')`` does C's round-to-nearest cast), and its transforms call glibc's ``expf``,
  recomputed here as transform.ts does;
- scikit-learn compares float32 inputs;
- the double transforms use ``exp`` and ``log1p`` exactly as the app's JavaScript engine computes
  them (V8's fdlibm ports, below), not Python's ``math.exp``, which is glibc's and differs in the
  last bit for about one argument in ten.
Python never raises on float arithmetic the app does: divisions go through ``_divide`` (JavaScript
gives ±Infinity or NaN for x/0) and the exponentials saturate.
"""
from __future__ import annotations

import math
import struct
from array import array
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

from spkm import PackedModel

NAN = math.nan
INFINITY = math.inf

# Node kinds and flag bits of app/model/packed.ts.
NODE_LEAF, NODE_NUMERIC, NODE_CATEGORICAL = 0, 1, 2
FLAG_OP_LESS = 1
MISSING_MASK, MISSING_SHIFT = 0b110, 1
MISSING_DEFAULT, MISSING_ZERO, MISSING_AS_ZERO = 1, 2, 3
FLAG_DEFAULT_LEFT = 8
FLAG_IN_SET_LEFT, FLAG_MISSING_LEFT, FLAG_MATCH_EXACT = 1, 2, 4
FLAG_PRESENT_LEFT = 1

# The walk's split kinds (flat.ts); a leaf is LEAF.
LEAF, NUMERIC_LE, NUMERIC_LT, NUMERIC_LE_ZERO, NUMERIC_LT_ZERO, CATEGORY_TRUNCATE, CATEGORY_EXACT, INDICATOR = range(8)
LEAF_CONSTANT, LEAF_LINEAR, LEAF_TRUNCATED = 0, 1, 2
SUM_DOUBLE, SUM_FLOAT, MEAN, VOTE, DISTRIBUTION = range(5)

#: LightGBM's kZeroThreshold, 1e-35f widened to double.
ZERO_THRESHOLD = 1.0000000180025095e-35
#: XGBoost's largest valid category (2^24).
CATEGORY_LIMIT = 16777216

_FLOAT32 = array("f", [0.0])
_DOUBLE = struct.Struct("<d")
_BITS = struct.Struct("<Q")


def fround(value: float) -> float:
    """``Math.fround``: the nearest float32 (ties to even), as a double; overflow gives ±Infinity."""
    _FLOAT32[0] = value
    return _FLOAT32[0]


def _divide(numerator: float, denominator: float) -> float:
    """IEEE division as JavaScript does it: x/0 is ±Infinity or NaN instead of an exception."""
    if denominator == 0:
        if numerator != numerator or numerator == 0:
            return NAN
        negative = (numerator < 0) != (math.copysign(1.0, denominator) < 0)
        return -INFINITY if negative else INFINITY
    return numerator / denominator


def _high_word(x: float) -> int:
    """The upper 32 bits of a double, as C's signed int32_t."""
    high = _BITS.unpack(_DOUBLE.pack(x))[0] >> 32
    return high - (1 << 32) if high & 0x80000000 else high


def _with_high_word(x: float, high: int) -> float:
    bits = _BITS.unpack(_DOUBLE.pack(x))[0]
    return _DOUBLE.unpack(_BITS.pack(((high & 0xFFFFFFFF) << 32) | (bits & 0xFFFFFFFF)))[0]


# V8's Math.exp and Math.log1p (src/base/ieee754.cc, fdlibm): the app runs on V8, so these are the
# functions whose last bits the app's double transforms have.
_LN2_HI = 6.93147180369123816490e-01
_LN2_LO = 1.90821492927058770002e-10
_INVERSE_LN2 = 1.44269504088896338700e00
_EXP_P = (1.66666666666666019037e-01, -2.77777777770155933842e-03, 6.61375632143793436117e-05,
          -1.65339022054652515390e-06, 4.13813679705723846039e-08)
_TWO_M1000 = 9.33263618503218878990e-302
_TWO_1023 = 8.988465674311579539e307


def js_exp(x: float) -> float:
    """``Math.exp`` of V8 (fdlibm ``exp``), bit for bit."""
    high = _high_word(x)
    is_negative = high < 0
    high &= 0x7FFFFFFF
    if high >= 0x40862E42:
        if high >= 0x7FF00000:
            if x != x:
                return x
            return 0.0 if is_negative else x
        if x > 7.09782712893383973096e02:
            return INFINITY
        if x < -7.45133219101941108420e02:
            return 0.0
    hi = lo = 0.0
    k = 0
    if high > 0x3FD62E42:
        if high < 0x3FF0A2B2:
            if x == 1.0:
                return 2.718281828459045
            hi = x + _LN2_HI if is_negative else x - _LN2_HI
            lo = -_LN2_LO if is_negative else _LN2_LO
            k = -1 if is_negative else 1
        else:
            k = int(_INVERSE_LN2 * x + (-0.5 if is_negative else 0.5))
            t = float(k)
            hi = x - t * _LN2_HI
            lo = t * _LN2_LO
        x = hi - lo
    elif high < 0x3E300000:
        return 1.0 + x
    t = x * x
    p1, p2, p3, p4, p5 = _EXP_P
    c = x - t * (p1 + t * (p2 + t * (p3 + t * (p4 + t * p5))))
    if k == 0:
        return 1.0 - ((x * c) / (c - 2.0) - x)
    y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi)
    if k >= -1021:
        if k == 1024:
            return y * 2.0 * _TWO_1023
        return y * math.ldexp(1.0, k)
    return y * math.ldexp(1.0, k + 1000) * _TWO_M1000


_LP = (6.666666666666735130e-01, 3.999999999940941908e-01, 2.857142874366239149e-01, 2.222219843214978396e-01,
       1.818357216161805012e-01, 1.531383769920937332e-01, 1.479819860511658591e-01)


def js_log1p(x: float) -> float:
    """``Math.log1p`` of V8 (fdlibm ``log1p``), bit for bit."""
    high = _high_word(x)
    absolute = high & 0x7FFFFFFF
    k = 1
    f = c = 0.0
    high_u = 0
    if high < 0x3FDA827A:
        if absolute >= 0x3FF00000:
            return -INFINITY if x == -1.0 else NAN
        if absolute < 0x3E200000:
            return x if absolute < 0x3C900000 else x - x * x * 0.5
        if high > 0 or high <= -1076707644:  # (int32_t)0xBFD2BEC4
            k, f, high_u = 0, x, 1
    if high >= 0x7FF00000:
        return x + x
    if k != 0:
        if high < 0x43400000:
            u = 1.0 + x
            high_u = _high_word(u)
            k = (high_u >> 20) - 1023
            c = 1.0 - (u - x) if k > 0 else x - (u - 1.0)
            c /= u
        else:
            u = x
            high_u = _high_word(u)
            k = (high_u >> 20) - 1023
            c = 0.0
        high_u &= 0x000FFFFF
        if high_u < 0x6A09E:
            u = _with_high_word(u, high_u | 0x3FF00000)
        else:
            k += 1
            u = _with_high_word(u, high_u | 0x3FE00000)
            high_u = (0x00100000 - high_u) >> 2
        f = u - 1.0
    half_square = 0.5 * f * f
    if high_u == 0:
        if f == 0.0:
            if k == 0:
                return 0.0
            c += k * _LN2_LO
            return k * _LN2_HI + c
        r = half_square * (1.0 - 0.66666666666666666 * f)
        return f - r if k == 0 else k * _LN2_HI - ((r - (k * _LN2_LO + c)) - f)
    s = f / (2.0 + f)
    z = s * s
    lp1, lp2, lp3, lp4, lp5, lp6, lp7 = _LP
    r = z * (lp1 + z * (lp2 + z * (lp3 + z * (lp4 + z * (lp5 + z * (lp6 + z * lp7))))))
    if k == 0:
        return f - (half_square - s * (half_square + r))
    return k * _LN2_HI - ((half_square - (s * (half_square + r) + (k * _LN2_LO + c))) - f)


# glibc's expf (2.28+, Arm optimized-routines), as app/eval/transform.ts recomputes it: XGBoost calls
# it, and it is not correctly rounded, so fround(exp(x)) would differ for about one row in a thousand.
_EXP2_TABLE_BITS = (
    0x3FF0000000000000, 0x3FEFD9B0D3158574, 0x3FEFB5586CF9890F, 0x3FEF9301D0125B51, 0x3FEF72B83C7D517B, 0x3FEF54873168B9AA,
    0x3FEF387A6E756238, 0x3FEF1E9DF51FDEE1, 0x3FEF06FE0A31B715, 0x3FEEF1A7373AA9CB, 0x3FEEDEA64C123422, 0x3FEECE086061892D,
    0x3FEEBFDAD5362A27, 0x3FEEB42B569D4F82, 0x3FEEAB07DD485429, 0x3FEEA47EB03A5585, 0x3FEEA09E667F3BCD, 0x3FEE9F75E8EC5F74,
    0x3FEEA11473EB0187, 0x3FEEA589994CCE13, 0x3FEEACE5422AA0DB, 0x3FEEB737B0CDC5E5, 0x3FEEC49182A3F090, 0x3FEED503B23E255D,
    0x3FEEE89F995AD3AD, 0x3FEEFF76F2FB5E47, 0x3FEF199BDD85529C, 0x3FEF3720DCEF9069, 0x3FEF5818DCFBA487, 0x3FEF7C97337B9B5F,
    0x3FEFA4AFA2A490DA, 0x3FEFD0765B6E4540,
)
#: 2^(j/32): each table word plus j·2^47 restores the exponent the table stripped.
_EXP2_TABLE = tuple(_DOUBLE.unpack(_BITS.pack(bits + (j << 47)))[0] for j, bits in enumerate(_EXP2_TABLE_BITS))
_INVERSE_LN2_SCALED = 1.4426950408889634 * 32
_POLY0 = 0.05550361559341535 / 32 / 32 / 32
_POLY1 = 0.2402284522445722 / 32 / 32
_POLY2 = 0.6931471806916203 / 32
_ROUND_SHIFT = 6755399441055744.0  # 0x1.8p52
_XGBOOST_EXP_CLAMP = fround(88.7)
_XGBOOST_EPSILON = fround(1e-16)


def expf(x: float) -> float:
    """glibc's ``expf`` of a float32 argument, bit for bit (see transform.ts)."""
    if x != x:
        return x
    if x > 88.72283172607422:
        return INFINITY
    if x < -103.97207641601562:
        return 0.0
    z = _INVERSE_LN2_SCALED * x
    k = z + _ROUND_SHIFT - _ROUND_SHIFT
    r = z - k
    whole = int(k)
    scale = _EXP2_TABLE[whole & 31] * math.ldexp(1.0, whole >> 5)
    y = _POLY2 * r + 1
    y = (_POLY0 * r + _POLY1) * (r * r) + y
    return fround(y * scale)


def argmax(values: Sequence[float]) -> int:
    """Index of the largest value; the first wins a tie; NaN never wins."""
    best, best_value = 0, values[0]
    for k in range(1, len(values)):
        value = values[k]
        if value > best_value or (best_value != best_value and value == value):
            best, best_value = k, value
    return best


def apply_transform(transform: dict[str, Any], raw: Sequence[float], is_float32: bool) -> list[float]:
    """``applyTransform`` of transform.ts: raw scores to predictions (float32 recipes for XGBoost)."""
    kind = transform["kind"]
    if kind == "identity":
        return list(raw)
    if kind in ("sigmoid", "sigmoidEach"):
        scale = transform["scale"]
        out = []
        for r in raw:
            if is_float32:
                # 1.0f / (expf(min(-x, 88.7f)) + 1.0f + 1e-16f), every step in float32.
                scaled = r if scale == 1 else fround(scale * r)
                exponent = min(-scaled, _XGBOOST_EXP_CLAMP) if scaled == scaled else NAN
                out.append(fround(1 / fround(fround(expf(exponent) + 1) + _XGBOOST_EPSILON)))
            else:
                out.append(_divide(1.0, 1 + js_exp(-scale * r)))
        return out
    if kind == "softmax":
        top = raw[0]
        for value in raw[1:]:
            if value > top:
                top = value
        exponentials = [expf(fround(value - top)) if is_float32 else js_exp(value - top) for value in raw]
        total = 0.0
        for value in exponentials:
            total += value
        divisor = fround(total) if is_float32 else total
        return [fround(_divide(value, divisor)) if is_float32 else _divide(value, divisor) for value in exponentials]
    if kind == "exp":
        return [expf(r) if is_float32 else js_exp(r) for r in raw]
    if kind == "log1pExp":
        return [js_log1p(js_exp(r)) for r in raw]
    if kind == "signedSquare":
        # LightGBM: Common::Sign(x) * x * x, left to right; Sign is an int (0 for ±0).
        out = [(1 if r > 0 else -1 if r < 0 else 0) * r * r for r in raw]
        return [fround(value) for value in out] if is_float32 else [float(value) for value in out]
    if kind == "hinge":
        return [1 if r > 0 else 0 for r in raw]
    if kind == "argmax":
        return [argmax(raw)]
    raise ValueError(f'unknown output transform "{kind}"')


@dataclass
class Prediction:
    """One row's outcome (``RowPrediction`` of app/eval/types.ts)."""

    raw: list[float]
    prediction: list[float]
    #: Per tree, the reached leaf as the library numbers it.
    leaves: list[int]
    predicted_class: Optional[int] = None
    error: Optional[str] = None
    leaf_rows: list[int] = field(default_factory=list)


class CompiledModel:
    """A packed model prepared for scoring one row at a time (``compileModel`` of compile.ts)."""

    def __init__(self, model: PackedModel) -> None:
        header, c = model.header, model.columns
        self.header = header
        kinds = c["kind"].tolist()
        features = c["feature"].tolist()
        node_count, tree_count = model.node_count, model.tree_count
        max_feature = max((features[row] for row in range(node_count) if kinds[row] != NODE_LEAF), default=-1)
        self.num_features = max(len(header["features"]), max_feature + 1)
        self.num_outputs = num_outputs = int(header["numOutputs"])
        self.num_trees = tree_count
        aggregation, arithmetic = header["aggregation"], header["arithmetic"]
        self.transform: dict[str, Any] = header["transform"]
        self.is_float32 = arithmetic.get("accumulate") == "float32"
        self.float32_input = arithmetic.get("input") == "float32"
        self.zero_tiny = arithmetic.get("zeroTinyInputs") is True
        self.base = [0.0] * num_outputs
        self.average_over: float = 1
        kind = aggregation["kind"]
        if kind == "sum":
            self.mode = SUM_FLOAT if self.is_float32 else SUM_DOUBLE
            base = aggregation.get("base") or []
            for k in range(num_outputs):
                value = base[k] if k < len(base) and base[k] is not None else base[0] if base and base[0] is not None else 0
                self.base[k] = fround(value) if self.is_float32 else float(value)
            average = aggregation.get("averageOver")
            self.average_over = 1 if average is None else average
        else:
            self.mode = {"mean": MEAN, "vote": VOTE}.get(kind, DISTRIBUTION)
        if self.mode == DISTRIBUTION and tree_count != 1:
            raise ValueError(f"a 'distribution' model must hold exactly one tree, found {tree_count}")
        self.has_classes = bool(header.get("classes")) or header.get("task") in ("binary", "multiclass")

        tree_start = c["treeNodeStart"].tolist()
        self.tree_output = c["treeOutput"].tolist()
        self.tree_weight = c["treeWeight"].tolist()
        self.trees_per_output = [0] * num_outputs
        for tree, output in enumerate(self.tree_output):
            if not 0 <= output < num_outputs:
                raise ValueError(f"tree {tree} adds to output {output}, but the model has {num_outputs} outputs")
            self.trees_per_output[output] += 1
        self.roots = tree_start[:-1]

        # Per node row: the walk's kind, feature, threshold, children as global rows, NaN's child.
        flags, values, extras = c["flags"].tolist(), c["value"].tolist(), c["extra"].tolist()
        lefts, rights = c["left"].tolist(), c["right"].tolist()
        category_start, categories = c["categoryStart"].tolist(), c["categories"].tolist()
        leaf_value_start, leaf_values = c["leafValueStart"].tolist(), c["leafValues"].tolist()
        leaf_class, truncated = c["leafClass"].tolist(), c["leafTruncatedDepth"].tolist()
        linear_start, is_linear, linear_constant = c["linearStart"].tolist(), c["isLinear"].tolist(), c["linearConstant"].tolist()
        self.linear_features = c["linearFeatures"].tolist()
        self.linear_coefficients = c["linearCoefficients"].tolist()
        self.source_id = c["sourceId"].tolist()
        self.kind = [LEAF] * node_count
        self.feature = features
        self.threshold = [0.0] * node_count
        self.left = [0] * node_count
        self.right = [0] * node_count
        self.missing = [0] * node_count
        self.in_set = [0] * node_count
        self.category_set: list[Optional[frozenset[float]]] = [None] * node_count
        # Leaves: value, kind, class, vector (leaf values in full), linear terms, truncated depth.
        self.leaf_value = [NAN] * node_count
        self.leaf_kind = [LEAF_CONSTANT] * node_count
        self.leaf_class = [-1] * node_count
        # The values of leaves that list them (the leaf pools); a plain leaf's are its one value (`leaf_vector`).
        self.pooled_vectors: dict[int, Sequence[float]] = {}
        self.linear = [(0.0, 0, 0)] * node_count
        self.truncated_depth = [0] * node_count
        self.has_special_leaves = False
        for tree in range(tree_count):
            start = tree_start[tree]
            for row in range(start, tree_start[tree + 1]):
                if kinds[row] == NODE_LEAF:
                    self._add_leaf(row, values[row], extras[row], leaf_value_start, leaf_values, leaf_class, truncated,
                                   linear_start, is_linear, linear_constant)
                else:
                    self._add_split(row, start, kinds[row], flags[row], values[row], lefts[row], rights[row], extras[row],
                                    category_start, categories)
        if self.mode == VOTE:
            for tree in range(tree_count):
                for row in range(tree_start[tree], tree_start[tree + 1]):
                    vote = self.leaf_value[row]
                    if kinds[row] == NODE_LEAF and not (vote == vote and vote % 1 == 0 and 0 <= vote < num_outputs):
                        raise ValueError(f"tree {tree} leaf {self.source_id[row]} votes for class {_js_number(vote)}, "
                                         f"but a vote must be a class index below {num_outputs}")

    def _add_split(self, row: int, start: int, kind: int, flags: int, value: float, left: int, right: int, extra: int,
                   category_start: list[int], categories: list[float]) -> None:
        left += start
        right += start
        self.left[row], self.right[row] = left, right
        if kind == NODE_NUMERIC:
            is_less = (flags & FLAG_OP_LESS) != 0
            mode = (flags & MISSING_MASK) >> MISSING_SHIFT
            default_left = (flags & FLAG_DEFAULT_LEFT) != 0
            self.threshold[row] = value
            if mode == MISSING_ZERO:
                self.kind[row] = NUMERIC_LT_ZERO if is_less else NUMERIC_LE_ZERO
            else:
                self.kind[row] = NUMERIC_LT if is_less else NUMERIC_LE
            if mode in (MISSING_DEFAULT, MISSING_ZERO):
                self.missing[row] = left if default_left else right
            elif mode == MISSING_AS_ZERO:
                # LightGBM missing type None: NaN becomes 0.0, so its side is fixed by the threshold.
                self.missing[row] = left if (0 < value if is_less else 0 <= value) else right
            else:
                self.missing[row] = right  # A NaN comparison is false: right.
        elif kind == NODE_CATEGORICAL:
            self.kind[row] = CATEGORY_EXACT if flags & FLAG_MATCH_EXACT else CATEGORY_TRUNCATE
            self.missing[row] = left if flags & FLAG_MISSING_LEFT else right
            self.in_set[row] = left if flags & FLAG_IN_SET_LEFT else right
            self.category_set[row] = frozenset(categories[category_start[extra]:category_start[extra + 1]])
        else:
            self.kind[row] = INDICATOR
            self.in_set[row] = left if flags & FLAG_PRESENT_LEFT else right
            self.missing[row] = right if flags & FLAG_PRESENT_LEFT else left

    def _add_leaf(self, row: int, value: float, extra: int, leaf_value_start: list[int], leaf_values: list[float],
                  leaf_class: list[int], truncated: list[int], linear_start: list[int], is_linear: list[int],
                  linear_constant: list[float]) -> None:
        if extra < 0:
            self.leaf_value[row] = value
            return
        start, end = leaf_value_start[extra], leaf_value_start[extra + 1]
        self.leaf_value[row] = leaf_values[start] if end > start else NAN
        self.pooled_vectors[row] = leaf_values[start:end]
        if leaf_class[extra] >= 0:
            self.leaf_class[row] = leaf_class[extra]
        if truncated[extra] >= 0:
            self.leaf_kind[row] = LEAF_TRUNCATED
            self.truncated_depth[row] = truncated[extra]
            self.has_special_leaves = True
        elif is_linear[extra]:
            self.leaf_kind[row] = LEAF_LINEAR
            self.linear[row] = (linear_constant[extra], linear_start[extra], linear_start[extra + 1])
            self.has_special_leaves = True

    def load_row(self, values: Sequence[float]) -> list[float]:
        """The row as the library reads it: padded with NaN, float32 where it compares float32, LightGBM's tiny values as 0."""
        count = self.num_features
        row = [float(value) for value in values[:count]]
        if self.float32_input:
            row = array("f", row).tolist()
        row.extend([NAN] * (count - len(row)))
        if self.zero_tiny:
            row = [0.0 if -ZERO_THRESHOLD <= x <= ZERO_THRESHOLD else x for x in row]
        return row

    def find_leaf(self, root: int, row: Sequence[float]) -> int:
        """Walks one tree; returns the reached leaf's global row (``findLeaf`` of flat.ts)."""
        kind, feature, threshold = self.kind, self.feature, self.threshold
        left, right, missing = self.left, self.right, self.missing
        node = root
        while True:
            node_kind = kind[node]
            if node_kind == NUMERIC_LE:
                x = row[feature[node]]
                # A NaN threshold sends every present value left, as the app's branch-free step does.
                if x > threshold[node]:
                    node = right[node]
                elif x == x:
                    node = left[node]
                else:
                    node = missing[node]
            elif node_kind == LEAF:
                return node
            elif node_kind == NUMERIC_LT:
                x = row[feature[node]]
                if x >= threshold[node]:
                    node = right[node]
                elif x == x:
                    node = left[node]
                else:
                    node = missing[node]
            else:
                x = row[feature[node]]
                node = missing[node] if x != x else self._decide_slow(node, node_kind, x)

    def _decide_slow(self, node: int, node_kind: int, x: float) -> int:
        """The rare split kinds; ``x`` is not NaN (``decideSlow`` of flat.ts)."""
        if node_kind == NUMERIC_LE_ZERO or node_kind == NUMERIC_LT_ZERO:
            if -ZERO_THRESHOLD <= x <= ZERO_THRESHOLD:
                return self.missing[node]
            goes_left = x < self.threshold[node] if node_kind == NUMERIC_LT_ZERO else x <= self.threshold[node]
            return self.left[node] if goes_left else self.right[node]
        if node_kind == INDICATOR:
            return self.in_set[node]
        categories = self.category_set[node]
        assert categories is not None
        if node_kind == CATEGORY_EXACT:
            is_in = x in categories
        else:
            # XGBoost rejects negative floats before truncating; LightGBM truncates first (decide.ts).
            is_in = not (self.float32_input and x < 0) and -1 < x < CATEGORY_LIMIT and float(int(x)) in categories
        in_set = self.in_set[node]
        if is_in:
            return in_set
        return self.right[node] if in_set == self.left[node] else self.left[node]

    def linear_output(self, leaf: int, row: Sequence[float]) -> float:
        """A linear leaf's output; NaN in any of its features falls back to the leaf's value (LightGBM)."""
        output, start, end = self.linear[leaf]
        for j in range(start, end):
            x = row[self.linear_features[j]]
            if x != x:
                return self.leaf_value[leaf]
            output += self.linear_coefficients[j] * x
        return output

    def predict_row(self, values: Sequence[float]) -> Prediction:
        """Scores one row (doubles in feature order, NaN = missing): ``predictRow`` of compile.ts."""
        row = self.load_row(values)
        mode, num_outputs = self.mode, self.num_outputs
        accumulator = list(self.base)
        leaves: list[int] = []
        leaf_rows: list[int] = []
        error: Optional[str] = None
        find_leaf, source_id, leaf_value = self.find_leaf, self.source_id, self.leaf_value
        tree_output, tree_weight = self.tree_output, self.tree_weight
        for tree, root in enumerate(self.roots):
            leaf = find_leaf(root, row)
            leaf_rows.append(leaf)
            leaves.append(source_id[leaf])
            value = leaf_value[leaf]
            if self.has_special_leaves:
                leaf_kind = self.leaf_kind[leaf]
                if leaf_kind == LEAF_LINEAR:
                    value = self.linear_output(leaf, row)
                elif leaf_kind == LEAF_TRUNCATED:
                    value = NAN
                    if error is None:
                        error = (f"tree {tree} reaches node {source_id[leaf]}, a branch the dump truncated "
                                 f"(depth {self.truncated_depth[leaf]} not printed), so this row has no prediction")
            output, weight = tree_output[tree], tree_weight[tree]
            if mode == SUM_DOUBLE or mode == MEAN:
                accumulator[output] += weight * value
            elif mode == SUM_FLOAT:
                accumulator[output] = fround(accumulator[output] + (value if weight == 1 else fround(weight * value)))
            elif mode == VOTE:
                if value == value and 0 <= value < num_outputs and value % 1 == 0:
                    accumulator[int(value)] += 1
        raw, prediction, predicted_class = self._finish(accumulator, leaf_rows[-1] if leaf_rows else -1)
        result = Prediction(raw, prediction, leaves, leaf_rows=leaf_rows)
        if error is not None:
            result.error = error
            result.raw = [NAN] * len(raw)
            result.prediction = [NAN] * len(prediction)
        elif predicted_class >= 0:
            result.predicted_class = predicted_class
        return result

    def leaf_vector(self, leaf: int) -> Sequence[float]:
        """A leaf's values: its list in the leaf pools, or its one value (made when asked: a tuple for
        every leaf cost a Lambda's cold start 15 ms on keiba)."""
        vector = self.pooled_vectors.get(leaf)
        return vector if vector is not None else (self.leaf_value[leaf],)

    def _finish(self, accumulator: list[float], leaf: int) -> tuple[list[float], list[float], int]:
        """Raw scores, predictions and the class index (or -1): ``finishRow`` of compile.ts."""
        num_outputs = self.num_outputs
        if self.mode == MEAN:
            raw = [_divide(accumulator[k], self.trees_per_output[k]) for k in range(num_outputs)]
        elif self.mode == DISTRIBUTION:
            vector = self.leaf_vector(leaf)
            if len(vector) == num_outputs and (num_outputs > 1 or self.leaf_class[leaf] < 0):
                total = 0.0
                for value in vector:
                    total += value
                # scikit-learn's predict_proba: a zero total divides by 1.
                divisor = 1.0 if total == 0 else total
                raw = [value / divisor for value in vector]
            else:
                raw = [1.0 if k == self.leaf_class[leaf] else 0.0 for k in range(num_outputs)]
        else:
            raw = list(accumulator)
        # `average_output`: the prediction divides by the iteration count, the raw score does not.
        source = raw if self.average_over == 1 else [_divide(value, self.average_over) for value in raw]
        prediction = apply_transform(self.transform, source, self.is_float32)
        if not self.has_classes:
            return raw, prediction, -1
        kind = self.transform["kind"]
        if kind == "argmax" or kind == "hinge" and num_outputs == 1:
            return raw, prediction, int(prediction[0])
        if num_outputs > 1:
            return raw, prediction, argmax(prediction)
        # Double sigmoids (Spark GBT) decide on the margin; XGBoost's float32 sigmoid on P > 0.5.
        if kind == "sigmoid" and not self.is_float32:
            return raw, prediction, 1 if source[0] > 0 else 0
        return raw, prediction, 1 if prediction[0] > 0.5 else 0


def _js_number(value: float) -> str:
    # Imported lazily to keep the evaluator free of the service's text helpers.
    from service import js_number

    return js_number(value)
