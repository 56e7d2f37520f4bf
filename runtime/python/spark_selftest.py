"""`python3 selftest.py` in a Spark bundle: the parity proof, with plain pandas (no Spark needed).

Scores every row of golden.json through `score.predict_pandas` (the whole table, then in uneven
batches, as Spark's Arrow batches arrive) and compares every number with the app's prediction bit
for bit, as app/export/compare.ts does: class and label, prediction (probabilities), raw scores and
the reached leaf of every tree. Prints one JSON line (the `SelftestReport` of runtime/selftest.ts)
and exits 0 when everything matched, 1 otherwise.
"""
from __future__ import annotations

import json
import math
import os
import sys
import time
from typing import Any, Dict, List, Optional, Sequence

FOLDER = os.path.dirname(os.path.abspath(__file__))
#: Uneven on purpose: the partition sizes of a real job are whatever Spark hands over.
BATCH_ROWS = 97


def _number(item: Dict[str, Any]) -> Any:
    """golden.json's exact numbers: NaN, ±Infinity and -0 are {"$num": "..."} (app/export/exactJson.ts)."""
    if len(item) == 1 and "$num" in item:
        return float(item["$num"].replace("Infinity", "inf"))
    return item


def show(value: Any) -> str:
    """A value as the app's messages print it (JavaScript's String for numbers, -0 kept)."""
    if isinstance(value, float):
        if value != value:
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        if value == 0:
            return "-0" if math.copysign(1, value) < 0 else "0"
        if value == int(value) and abs(value) < 1e21:
            return str(int(value))
        return repr(value)
    return json.dumps(value)


def same(expected: float, actual: float) -> bool:
    """Identical doubles: -0 differs from 0, NaN equals NaN (`Object.is`)."""
    if expected != expected or actual != actual:
        return expected != expected and actual != actual
    return expected == actual and math.copysign(1, expected) == math.copysign(1, actual)


def first_difference(field: str, expected: Sequence[float], actual: Sequence[float]) -> Optional[tuple]:
    if len(expected) != len(actual):
        return (field, show(list(expected)), show(list(actual)))
    for index, (want, got) in enumerate(zip(expected, actual)):
        if not same(float(want), float(got)):
            return (f"{field}[{index}]", show(float(want)), show(float(got)))
    return None


def compare_row(golden: Dict[str, Any], index: int, scores: Any, table: Any, m: Any) -> Optional[tuple]:
    """The first difference for one row between the app's expectation and the bundle's answer."""
    import score

    expected = golden["expected"][index]
    shape = golden["shape"]
    raw = [float(value) for value in scores.raw[index]]
    prediction = [float(value) for value in scores.prediction[index]]
    if expected.get("error") is not None:
        error = scores.errors.get(index)
        if error != expected["error"]:
            return ("error", show(expected["error"]), show(error))
        if not _is_missing(table.iloc[index, 0]):
            return ("prediction", "null", show(table.iloc[index, 0]))
    elif shape["isClassifier"] and expected.get("class") is not None:
        k = int(scores.predicted_class[index])
        if k != expected["class"]:
            return ("class", show(expected["class"]), show(k))
        label = (shape.get("classes") or [])[k] if shape.get("classes") else str(k)
        if table["prediction"].iloc[index] != label:
            return ("prediction", show(label), show(table["prediction"].iloc[index]))
        problem = first_difference("probabilities", expected["prediction"], prediction)
        if problem:
            return problem
    else:
        problem = first_difference("prediction", expected["prediction"], prediction)
        if problem:
            return problem
    # The table must carry the evaluator's numbers unchanged.
    if expected.get("error") is None:
        columns = score.output_columns(m)
        probabilities = [column for column in columns if column == "prob" or column.startswith("prob_")]
        wanted = [prediction[0 if m.num_outputs == 1 else 1]] if probabilities == ["prob"] else prediction
        problem = first_difference("table probabilities", wanted, [table[column].iloc[index] for column in probabilities]) if probabilities else None
        if problem:
            return problem
        raw_columns = [column for column in columns if column == "raw" or column.startswith("raw_")]
        problem = first_difference("table raw", raw, [table[column].iloc[index] for column in raw_columns])
        if problem:
            return problem
    return None


def bulk_differences(golden: Dict[str, Any], scores: Any) -> Optional[tuple]:
    """Raw scores and leaves of all rows at once (they are most of the numbers): the first row that differs."""
    import numpy as np

    expected = golden["expected"]
    want_raw = np.array([row["raw"] for row in expected], dtype=np.float64).reshape(scores.raw.shape)
    same_raw = (want_raw.view(np.uint64) == scores.raw.view(np.uint64)) | (np.isnan(want_raw) & np.isnan(scores.raw))
    want_leaves = np.array([row["leaves"] for row in expected], dtype=np.float64).reshape(scores.leaves.shape)
    same_leaves = want_leaves == scores.leaves
    bad = np.flatnonzero(~same_raw.all(axis=1) | ~same_leaves.all(axis=1))
    if len(bad) == 0:
        return None
    row = int(bad[0])
    problem = first_difference("raw", list(want_raw[row]), list(scores.raw[row])) or first_difference(
        "leaves", list(want_leaves[row]), [float(value) for value in scores.leaves[row]]
    )
    return (row,) + problem if problem else None


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def run_selftest(folder: str = FOLDER) -> Dict[str, Any]:
    """Runs the selftest of the bundle in `folder` and returns the report."""
    started = time.perf_counter()
    report: Dict[str, Any] = {"ok": False, "target": "spark", "rows": 0, "requests": 0, "millis": 0}
    try:
        sys.path.insert(0, folder)
        import numpy as np
        import pandas as pd
        import score

        with open(os.path.join(folder, "golden.json"), encoding="utf-8") as handle:
            golden = json.load(handle, object_hook=_number)
        report["target"] = golden.get("target", "spark")
        rows: List[List[float]] = golden["rows"]
        report["rows"] = len(rows)
        m = score.load_model(os.path.join(folder, score.SPLITSCOPE_MODEL_FILE))
        report["checksum"] = score.SPLITSCOPE_MODEL_CHECKSUM
        if score.SPLITSCOPE_MODEL_CHECKSUM != golden["modelChecksum"]:
            report["problem"] = f"score.py expects model checksum {score.SPLITSCOPE_MODEL_CHECKSUM}, the exported model's is {golden['modelChecksum']}"
            return report
        values = np.array(rows, dtype=np.float64).reshape(len(rows), len(golden["featureNames"]))
        frame = pd.DataFrame(values, columns=golden["featureNames"])
        table = score.predict_pandas(frame, using=m)
        report["requests"] += 1
        scores = m.score(score.features_of(frame, m))
        # Batches must give the same table as the whole: nothing may depend on the block a row is in.
        for first in range(0, len(rows), BATCH_ROWS):
            part = score.predict_pandas(frame.iloc[first:first + BATCH_ROWS], using=m)
            report["requests"] += 1
            whole = table.iloc[first:first + BATCH_ROWS]
            if not part.equals(whole):
                report["problem"] = f"scoring rows {first + 1}–{first + len(part)} as one batch differs from scoring the whole table"
                return report
        candidates = [bulk_differences(golden, scores)]
        for index in range(len(rows)):
            mismatch = compare_row(golden, index, scores, table, m)
            if mismatch:
                candidates.append((index,) + mismatch)
                break
        differences = [candidate for candidate in candidates if candidate]
        if differences:
            index, field, expected, actual = min(differences, key=lambda difference: difference[0])
            report["mismatch"] = {
                "row": index,
                "field": field,
                "expected": expected,
                "actual": actual,
                "input": [value if math.isfinite(value) else show(value) for value in rows[index]],
            }
            return report
        report["ok"] = True
        return report
    except ImportError as error:
        report["problem"] = (
            f"{sys.executable} cannot import {error.name or 'a module'}: the Spark bundle needs numpy and pandas "
            "(name another Python with SPLITSCOPE_PYTHON, or --python in the CLI)"
        )
        return report
    except Exception as error:  # noqa: BLE001 - the report carries it
        report["problem"] = f"{type(error).__name__}: {error}"
        return report
    finally:
        report["millis"] = round((time.perf_counter() - started) * 1000)


def main() -> int:
    report = run_selftest()
    sys.stdout.write(json.dumps(report) + "\n")
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
