"""``python3 selftest.py`` in an exported bundle: calls ``handler.handler`` with every row of
golden.json, in REST API (1.0) and HTTP API (2.0) events — batches as POST, the first rows also as
single-row GETs — and compares every number with the app's predictions, bit for bit (as
app/export/compare.ts does). Prints one JSON line (the ``SelftestReport`` of runtime/selftest.ts)
and exits 0 when everything matched, 1 otherwise.
"""
from __future__ import annotations

import math
import os
import sys
import time
from typing import Any, Callable, Optional
from urllib.parse import parse_qsl

from evaluator import fround
from service import js_number, js_stringify, parse_json, response_number
from spkm import decode_json

BATCH_ROWS = 250
SINGLE_ROWS = 25
_MISSING = object()  # JavaScript's `undefined`: a field the answer does not have.


def _row_json(row: list[float]) -> str:
    """A row as JSON the service reads back exactly: null for missing, strings for ±Infinity, -0 kept."""
    return "[" + ",".join("null" if value != value else response_number(value) for value in row) + "]"


def _row_query(row: list[float], labels: list[Optional[list[str]]]) -> Optional[str]:
    """A row as the ``features=`` text of a GET, or None when the text cannot say it: a feature with
    category labels reads labels, so its value must be the code of a label the reader maps back to it."""
    def text(value: float, names: Optional[list[str]]) -> Optional[str]:
        value = float(value)
        if value != value:
            return ""
        if names is not None:
            code = int(value) if value.is_integer() and 0 <= value < len(names) else -1
            label = names[code] if code >= 0 else None
            return label if label is not None and "," not in label and names.index(label) == code and label.strip() == label else None
        if value == 0 and math.copysign(1.0, value) < 0:
            return "-0"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return js_number(value)
    cells = [text(value, labels[i] if i < len(labels) else None) for i, value in enumerate(row)]
    return None if any(cell is None for cell in cells) else ",".join(cells)  # type: ignore[arg-type]


def _show(value: Any) -> str:
    if value is _MISSING:
        return "undefined"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "-0" if value == 0 and math.copysign(1.0, value) < 0 else js_number(value)
    return js_stringify(value)


def _same(a: Any, b: Any) -> bool:
    """JavaScript's ``Object.is`` for JSON values: NaN equals NaN, -0 differs from 0, true is not 1."""
    a_is_number = isinstance(a, (int, float)) and not isinstance(a, bool)
    b_is_number = isinstance(b, (int, float)) and not isinstance(b, bool)
    if a_is_number != b_is_number:
        return False
    if not a_is_number:
        return type(a) is type(b) and a == b
    if a != a or b != b:
        return a != a and b != b
    return a == b and (a != 0 or math.copysign(1.0, a) == math.copysign(1.0, b))


def _response_number(value: Any) -> Optional[float]:
    """A number as a response writes it (``readResponseNumber``), or None."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}.get(value) if isinstance(value, str) else None


def compare_row(shape: dict[str, Any], row: int, expected: dict[str, Any], actual: Any) -> Optional[dict[str, Any]]:
    """The first difference between a response row and the app's prediction (``compareRow``), or None."""
    def mismatch(name: str, want: Any, got: Any) -> dict[str, Any]:
        return {"row": row, "field": name, "expected": _show(want), "actual": _show(got)}

    if not isinstance(actual, dict):
        return mismatch("row", "an object", actual)

    def get(name: str) -> Any:
        return actual.get(name, _MISSING)

    def numbers(name: str, want: list[float], got: Any) -> Optional[dict[str, Any]]:
        if not isinstance(got, list) or len(got) != len(want):
            return mismatch(name, want, got)
        for i, value in enumerate(got):
            number = _response_number(value)
            if number is None or not _same(number, want[i]):
                return mismatch(f"{name}[{i}]", want[i], value)
        return None

    classes = shape.get("classes")
    if "error" in expected:
        if not _same(get("error"), expected["error"]):
            return mismatch("error", expected["error"], get("error"))
        if get("prediction") is not None:
            return mismatch("prediction", None, get("prediction"))
    elif shape["isClassifier"] and "class" in expected:
        k = expected["class"]
        if not _same(get("class"), k):
            return mismatch("class", k, get("class"))
        label = classes[k] if classes and 0 <= k < len(classes) else k
        if not _same(get("prediction"), label):
            return mismatch("prediction", label, get("prediction"))
        scores = shape["scores"]
        problem = None
        if scores == "probabilities":
            problem = numbers("probabilities", expected["prediction"], get("probabilities"))
        elif scores == "votes":
            problem = numbers("votes", expected["prediction"], get("votes"))
        elif scores == "binary":
            p = expected["prediction"][0]
            problem = numbers("probabilities", [fround(1 - p) if shape["isFloat32"] else 1 - p, p], get("probabilities"))
        if problem:
            return problem
    elif len(expected["prediction"]) == 1:
        value = _response_number(get("prediction"))
        if value is None or not _same(value, expected["prediction"][0]):
            return mismatch("prediction", expected["prediction"][0], get("prediction"))
    else:
        problem = numbers("prediction", expected["prediction"], get("prediction"))
        if problem:
            return problem
    return numbers("raw", expected["raw"], get("raw")) or numbers("leaves", expected["leaves"], get("leaves"))


Send = Callable[[str, str, str, Optional[str]], dict[str, Any]]


def lambda_sender(handle: Callable[[Any, Any], dict[str, Any]]) -> Send:
    """Calls the handler with API Gateway events, alternating payload versions so both shapes are proven."""
    use_v2 = True

    def send(method: str, path: str, query: str, body: Optional[str]) -> dict[str, Any]:
        nonlocal use_v2
        use_v2 = not use_v2
        headers = {"content-type": "application/json"}
        if use_v2:
            event: dict[str, Any] = {"version": "2.0", "rawPath": path, "rawQueryString": query, "headers": headers, "isBase64Encoded": False,
                                     "requestContext": {"http": {"method": method, "path": path}}}
            if body is not None:
                event["body"] = body
        else:
            event = {"httpMethod": method, "path": path, "headers": headers, "body": body, "isBase64Encoded": False,
                     "queryStringParameters": dict(parse_qsl(query, keep_blank_values=True)) if query else None,
                     "multiValueQueryStringParameters": None}
        return handle(event, None)
    return send


def run_selftest(folder: str) -> dict[str, Any]:
    """Runs the selftest of the bundle in ``folder``; returns the report."""
    started = time.perf_counter()
    with open(os.path.join(folder, "golden.json"), encoding="utf-8") as file:
        golden = decode_json(file.read())
    report: dict[str, Any] = {"ok": False, "target": golden["target"], "rows": len(golden["rows"]), "requests": 0, "millis": 0}
    try:
        sys.path.insert(0, folder)
        import handler

        send = lambda_sender(handler.handler)

        def request(method: str, path: str, query: str, body: Optional[str] = None) -> dict[str, Any]:
            report["requests"] += 1
            result = send(method, path, query, body)
            if result["statusCode"] != 200:
                raise RuntimeError(f"{method} {path}?{query[:80]} answered {result['statusCode']}: {result['body'][:300]}")
            return parse_json(result["body"])

        description = request("GET", "/model", "")
        report["checksum"] = description.get("checksum")
        if description.get("checksum") != golden["modelChecksum"]:
            report["problem"] = f"the bundle's model checksum {description.get('checksum')} is not the exported model's {golden['modelChecksum']}"
            return report
        shape, rows, expected = golden["shape"], golden["rows"], golden["expected"]

        def check(index: int, answer: Any) -> bool:
            mismatch = compare_row(shape, index, expected[index], answer)
            if mismatch is None:
                return True
            mismatch["input"] = [value if math.isfinite(value) else js_number(value) for value in rows[index]]
            report["mismatch"] = mismatch
            return False

        # Keep each body far below the service's body limit, even for models with thousands of features.
        batch_rows = max(1, min(BATCH_ROWS, 1_000_000 // (25 * max(1, len(golden["featureNames"])))))
        for first in range(0, len(rows), batch_rows):
            batch = rows[first:first + batch_rows]
            answer = request("POST", "/predict", "", '{"instances":[' + ",".join(_row_json(row) for row in batch) + '],"explain":true}')
            predictions = answer.get("predictions") or []
            for i in range(len(batch)):
                if not check(first + i, predictions[i] if i < len(predictions) else None):
                    return report
        # Single-row GETs go through the query-string reader too (rows its text can express).
        from handler import _component

        labels = [feature.get("categories") for feature in description.get("features", [])]
        queries = ((index, _row_query(rows[index], labels)) for index in range(len(rows)))
        for index, query in [(index, query) for index, query in queries if query is not None][:SINGLE_ROWS]:
            answer = request("GET", "/predict", f"features={_component(query)}&explain=1")
            predictions = answer.get("predictions") or [None]
            if not check(index, predictions[0]):
                return report
        report["ok"] = True
        return report
    except Exception as error:
        report["problem"] = str(error) or type(error).__name__
        return report
    finally:
        report["millis"] = round((time.perf_counter() - started) * 1000)


if __name__ == "__main__":
    result = run_selftest(os.path.dirname(os.path.abspath(__file__)))
    print(js_stringify(result), flush=True)
    sys.exit(0 if result["ok"] else 1)
