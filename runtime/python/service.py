"""The HTTP API of the exported services (runtime/service.ts, runtime/input.ts, app/export/response.ts)
in plain Python, free of any transport: handler.py turns a Lambda event into a ``Request`` and the
``Response`` back into a Lambda result.

Answers are the Node service's, byte for byte: the same routes, status codes, error codes and
messages, and numbers written as JavaScript writes them (shortest round-trip decimals, ``-0``, the
strings ``"NaN"`` and ``"Infinity"``). One difference is unavoidable: a body that is not JSON is
reported with Python's parser's description of the fault after the same ``the body is not valid
JSON:`` prefix.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from evaluator import CompiledModel, Prediction, fround
from spkm import PackedModel

NAN = math.nan

JSON_HEADERS = {"content-type": "application/json; charset=utf-8"}
CSV_HEADERS = {"content-type": "text/csv; charset=utf-8"}
DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_ROWS = 10_000
ROUTES = frozenset({"ping", "model", "predict", "invocations"})


# --- JavaScript's text of numbers and JSON ------------------------------------------------------

def js_number(value: float) -> str:
    """``String(value)`` of JavaScript: shortest round-trip digits, exponent past 1e21 or below 1e-6."""
    if isinstance(value, int) and not isinstance(value, bool):
        if abs(value) < 2**53:
            return str(value)
        value = float(value)
    if value != value:
        return "NaN"
    if value in (math.inf, -math.inf):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "0"
    text = repr(value)  # Python's repr is the shortest round-trip decimal too; only the layout differs.
    sign = "-" if text[0] == "-" else ""
    mantissa, _, exponent = text.lstrip("-").partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = whole + fraction
    point = len(whole) + (int(exponent) if exponent else 0)
    stripped = digits.lstrip("0")
    point -= len(digits) - len(stripped)
    digits = stripped.rstrip("0")
    count = len(digits)
    if count <= point <= 21:
        return sign + digits + "0" * (point - count)
    if 0 < point <= 21:
        return sign + digits[:point] + "." + digits[point:]
    if -6 < point <= 0:
        return sign + "0." + "0" * -point + digits
    power = point - 1
    suffix = f"e+{power}" if power >= 0 else f"e-{-power}"
    return sign + (digits if count == 1 else digits[0] + "." + digits[1:]) + suffix


def response_number(value: float) -> str:
    """A number in a response (exactJson.ts ``responseNumber``): ``-0`` kept, non-finite as strings."""
    if value != value or value in (math.inf, -math.inf):
        return f'"{js_number(value)}"'
    if value == 0 and math.copysign(1.0, value) < 0:
        return "-0"
    return js_number(value)


def js_string(text: str) -> str:
    """``JSON.stringify`` of a string."""
    return json.dumps(text, ensure_ascii=False)


def _is_index_key(key: str) -> bool:
    return key.isdigit() and key.isascii() and (key == "0" or key[0] != "0") and int(key) < 2**32 - 1


def js_keys(record: dict[str, Any]) -> list[str]:
    """``Object.keys`` order: array-index keys ascending first, then the others as inserted."""
    indices = sorted((key for key in record if _is_index_key(key)), key=int)
    return indices + [key for key in record if not _is_index_key(key)]


def js_stringify(value: Any) -> str:
    """``JSON.stringify`` of a parsed JSON value (numbers as JavaScript writes them, non-finite as null)."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return js_number(value) if math.isfinite(value) else "null"
    if isinstance(value, str):
        return js_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(js_stringify(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(f"{js_string(key)}:{js_stringify(value[key])}" for key in js_keys(value)) + "}"
    return "null"


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def parse_json(text: str) -> Any:
    """``JSON.parse``: every number a double (as JavaScript reads it), no NaN or Infinity literals."""
    return json.loads(text, parse_int=float, parse_constant=_reject_constant)


# JavaScript's String.prototype.trim removes these (WhiteSpace and LineTerminator).
_JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


def js_trim(text: str) -> str:
    return text.strip(_JS_SPACE)


def js_slice(text: str, end: int) -> str:
    """``text.slice(0, end)`` counted in UTF-16 units, as JavaScript counts."""
    if text.isascii() or len(text.encode("utf-16-le", "surrogatepass")) <= 2 * end:
        return text[:end]
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > end:
            return text[:index]
    return text


# --- Cells (app/data/cells.ts) ------------------------------------------------------------------

DECIMAL = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
MISSING_TOKENS = frozenset({"", "nan", "-nan", "na", "n/a", "null", "none"})
INFINITIES = {"inf": math.inf, "+inf": math.inf, "-inf": -math.inf, "infinity": math.inf, "+infinity": math.inf, "-infinity": -math.inf}


def parse_number_cell(text: str) -> Optional[float]:
    """A numeric cell as a double: NaN for a missing value, None when it is not a number (decimals only)."""
    if DECIMAL.fullmatch(text):
        return float(text)
    trimmed = js_trim(text)
    if trimmed != text and trimmed and DECIMAL.fullmatch(trimmed):
        return float(trimmed)
    lower = trimmed.lower()
    if lower in MISSING_TOKENS:
        return NAN
    return INFINITIES.get(lower)


@dataclass
class Cell:
    value: float
    problem: Optional[str] = None
    unknown_label: bool = False


def _not_a_number(text: str, feature: dict[str, Any]) -> Cell:
    shown = js_slice(text, 40) + "…" if len(text) > 40 else text
    kind = "a category code" if feature.get("kind") == "categorical" else "a number"
    return Cell(NAN, f"{js_string(shown)} is not {kind}")


def cell_reader(feature: dict[str, Any]) -> Callable[[str], Cell]:
    """The cell reader of one feature (``createCellReader``): numbers, or category labels when the model has them."""
    labels = feature.get("categoryLabels")
    if not labels:
        def read_number(text: str) -> Cell:
            value = parse_number_cell(text)
            return _not_a_number(text, feature) if value is None else Cell(value)
        return read_number
    code_of_label: dict[str, int] = {}
    code_of_number: dict[float, int] = {}
    for code, label in enumerate(labels):
        code_of_label.setdefault(label, code)
        trimmed = js_trim(label)
        code_of_label.setdefault(trimmed, code)
        if DECIMAL.fullmatch(trimmed):
            code_of_number.setdefault(float(trimmed), code)

    def read_label(text: str) -> Cell:
        # Labels first: a category may well be called `None` or `NA`.
        code = code_of_label.get(text)
        if code is None:
            code = code_of_label.get(js_trim(text))
        if code is not None:
            return Cell(float(code))
        if js_trim(text) == "":
            return Cell(NAN)
        number = parse_number_cell(text)
        if number is not None and number == number:
            numeric_code = code_of_number.get(number)
            if numeric_code is not None:
                return Cell(float(numeric_code))
        elif number is not None:
            return Cell(NAN)
        return Cell(NAN, unknown_label=True)
    return read_label


# --- Requests (runtime/input.ts) ----------------------------------------------------------------

class RequestError(Exception):
    """A problem the client caused: an HTTP status, a stable code and a message naming row, feature and text."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass
class Rows:
    values: list[list[float]]
    warnings: list[str] = field(default_factory=list)


def _js_typeof(value: Any) -> str:
    if value is True or value is False:
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    return "object"


class InputReader:
    """Per-model reading state: names, aliases and cell readers of every feature."""

    def __init__(self, header: dict[str, Any], num_features: int, max_rows: int) -> None:
        features: list[dict[str, Any]] = header["features"]
        self.num_features = num_features
        self.max_rows = max_rows
        feature_of = [features[i] if i < len(features) else {"index": i, "name": f"f{i}", "isNamed": False, "kind": "numeric"}
                      for i in range(num_features)]
        self.names = [feature.get("name", f"f{i}") for i, feature in enumerate(feature_of)]
        self.readers = [cell_reader(feature) for feature in feature_of]
        self.index_of_name: dict[str, int] = {}
        for index, name in enumerate(self.names):
            self.index_of_name.setdefault(name, index)
            self.index_of_name.setdefault(js_trim(name), index)
        # Unnamed features also answer to the libraries' default names (as CSV headers do in the app).
        for index in range(num_features):
            if index < len(features) and features[index].get("isNamed"):
                continue
            for alias in (f"f{index}", f"feature {index}", f"feature_{index}", f"Column_{index}"):
                self.index_of_name.setdefault(alias, index)

    def _describe(self, index: int) -> str:
        return f"feature {index} ({js_string(self.names[index])})"

    def _feature_list(self) -> str:
        shown = ", ".join(js_string(name) for name in self.names[:12])
        return f"{shown}, … ({len(self.names)} in all)" if len(self.names) > 12 else shown

    def feature_index(self, name: str, where: str) -> int:
        index = self.index_of_name.get(name)
        if index is None:
            index = self.index_of_name.get(js_trim(name))
        if index is None:
            shown = js_slice(name, 60) + "…" if len(name) > 60 else name
            raise RequestError(400, "E_UNKNOWN_FEATURE", f"{where}: unknown feature {js_string(shown)}; the model's features are {self._feature_list()}")
        return index

    def text(self, index: int, text: str, where: str, warnings: list[str]) -> float:
        cell = self.readers[index](text)
        if cell.problem is not None:
            raise RequestError(400, "E_NOT_A_NUMBER", f"{where}, {self._describe(index)}: {cell.problem}")
        if cell.unknown_label and len(warnings) < 20:
            warnings.append(f"{where}, {self._describe(index)}: unknown category {js_string(text)} read as missing")
        return cell.value

    def json_value(self, index: int, value: Any, where: str, warnings: list[str]) -> float:
        if isinstance(value, float):
            return value
        if value is None:
            return NAN
        if isinstance(value, str):
            return self.text(index, value, where, warnings)
        raise RequestError(400, "E_NOT_A_NUMBER", f"{where}, {self._describe(index)}: {js_stringify(value)} is not a number")

    def check_count(self, count: int) -> None:
        if count > self.max_rows:
            raise RequestError(413, "E_TOO_MANY_ROWS", f"the request holds {count} rows; this service takes at most {self.max_rows} per request")

    def check_length(self, length: int, where: str) -> None:
        if length != self.num_features:
            values = "value" if length == 1 else "values"
            features = "feature" if self.num_features == 1 else "features"
            raise RequestError(400, "E_FEATURE_COUNT", f"{where} has {length} {values}; the model has {self.num_features} {features} ({self._feature_list()})")

    def text_row(self, cells: list[str], where: str, warnings: list[str]) -> list[float]:
        self.check_length(len(cells), where)
        return [self.text(i, cell, where, warnings) for i, cell in enumerate(cells)]

    def json_row(self, values: Any, where: str, warnings: list[str]) -> list[float]:
        if not isinstance(values, list):
            kind = _js_typeof(values)
            got = js_slice(js_stringify(values), 60) if kind == "object" else kind
            raise RequestError(400, "E_BAD_REQUEST", f"{where} must be an array of {self.num_features} values, got {got}")
        self.check_length(len(values), where)
        return [self.json_value(i, value, where, warnings) for i, value in enumerate(values)]

    def record_row(self, record: Any, where: str, warnings: list[str]) -> list[float]:
        if not isinstance(record, dict):
            raise RequestError(400, "E_BAD_REQUEST", f"{where} must be an object of feature names to values")
        row = [NAN] * self.num_features
        for name in js_keys(record):
            index = self.feature_index(name, where)
            row[index] = self.json_value(index, record[name], where, warnings)
        return row

    def query(self, pairs: list[tuple[str, str]]) -> Rows:
        """``GET /predict?features=…`` or ``GET /predict?name=value&…``."""
        warnings: list[str] = []
        positional = [pair for pair in pairs if pair[0] == "features"]
        named = [pair for pair in pairs if pair[0] not in ("features", "explain")]
        if len(positional) > 1:
            raise RequestError(400, "E_BAD_REQUEST", "give `features` once (comma-separated values in feature order)")
        if positional and named:
            raise RequestError(400, "E_BAD_REQUEST", f"give either features=v1,v2,… or feature=value pairs, not both (got features and {js_string(named[0][0])})")
        if positional:
            return Rows([self.text_row(positional[0][1].split(","), "features", warnings)], warnings)
        if not named:
            raise RequestError(400, "E_BAD_REQUEST", f"no features given: use ?features=v1,v2,… ({self.num_features} values in feature order) or ?name=value&…")
        row = [NAN] * self.num_features
        seen: set[int] = set()
        for name, value in named:
            index = self.feature_index(name, "query")
            if index in seen:
                raise RequestError(400, "E_BAD_REQUEST", f"query: {self._describe(index)} is given twice")
            seen.add(index)
            row[index] = self.text(index, value, "query", warnings)
        return Rows([row], warnings)

    def json_body(self, text: str) -> tuple[Rows, Optional[bool]]:
        """``{"features": […]}``, ``{"instances": [[…], …]}``, ``{"records": [{…}, …]}`` or a bare array."""
        try:
            body = parse_json(text)
        except (ValueError, RecursionError) as error:
            raise RequestError(400, "E_BAD_JSON", f"the body is not valid JSON: {error}") from None
        warnings: list[str] = []
        if isinstance(body, list):
            if body and all(isinstance(item, list) for item in body):
                return self._instances(body, warnings), None
            return Rows([self.json_row(body, "the body", warnings)], warnings), None
        if not isinstance(body, dict):
            raise RequestError(400, "E_BAD_REQUEST", 'the body must be a JSON object with "features", "instances" or "records"')
        keys = [key for key in ("features", "instances", "records") if key in body]
        unknown = [key for key in js_keys(body) if key != "explain" and key not in keys]
        if len(keys) != 1 or unknown:
            detail = f"unknown key {js_string(unknown[0])}" if unknown else "none given" if not keys else f"got {' and '.join(keys)}"
            raise RequestError(400, "E_BAD_REQUEST", f'the body must hold exactly one of "features", "instances" or "records" ({detail})')
        explain = None
        if "explain" in body:
            flag = body["explain"]
            explain = flag is True or (isinstance(flag, float) and flag == 1) or flag == "1"
        if keys[0] == "features":
            return Rows([self.json_row(body["features"], '"features"', warnings)], warnings), explain
        if keys[0] == "instances":
            if not isinstance(body["instances"], list):
                raise RequestError(400, "E_BAD_REQUEST", '"instances" must be an array of rows')
            return self._instances(body["instances"], warnings), explain
        records = body["records"]
        if not isinstance(records, list):
            raise RequestError(400, "E_BAD_REQUEST", '"records" must be an array of objects')
        self.check_count(len(records))
        return Rows([self.record_row(record, f"records[{i}]", warnings) for i, record in enumerate(records)], warnings), explain

    def _instances(self, rows: list[Any], warnings: list[str]) -> Rows:
        self.check_count(len(rows))
        return Rows([self.json_row(row, f"instances[{i}]", warnings) for i, row in enumerate(rows)], warnings)

    def csv_body(self, text: str) -> Rows:
        """A ``text/csv`` body: one row per line, an optional header of feature names."""
        warnings: list[str] = []
        lines = re.split(r"\r?\n", text)
        first = 0
        while first < len(lines) and js_trim(lines[first]) == "":
            first += 1
        mapping: Optional[list[int]] = None
        first_cells = split_csv_line(lines[first], 1) if first < len(lines) else []
        if any(js_trim(cell) in self.index_of_name and parse_number_cell(cell) is None for cell in first_cells):
            mapping = [self.feature_index(cell, "CSV header") for cell in first_cells]
            first += 1
        values: list[list[float]] = []
        for line in range(first, len(lines)):
            if js_trim(lines[line]) == "":
                continue
            if len(values) >= self.max_rows:
                self.check_count(len(values) + 1)
            where = f"CSV line {line + 1}"
            cells = split_csv_line(lines[line], line + 1)
            if mapping is None:
                values.append(self.text_row(cells, where, warnings))
                continue
            if len(cells) != len(mapping):
                raise RequestError(400, "E_FEATURE_COUNT", f"{where} has {len(cells)} values; the header has {len(mapping)} columns")
            row = [NAN] * self.num_features
            for i, cell in enumerate(cells):
                row[mapping[i]] = self.text(mapping[i], cell, where, warnings)
            values.append(row)
        if not values:
            raise RequestError(400, "E_BAD_REQUEST", "the CSV body holds no rows")
        return Rows(values, warnings)


def split_csv_line(line: str, line_number: int) -> list[str]:
    """One CSV line (RFC 4180 quotes; a quoted field cannot span lines here)."""
    if '"' not in line:
        return line.split(",")
    cells: list[str] = []
    cell: list[str] = []
    is_quoted = False
    i = 0
    while i < len(line):
        char = line[i]
        if is_quoted:
            if char == '"' and line[i + 1:i + 2] == '"':
                cell.append('"')
                i += 2
                continue
            if char == '"':
                is_quoted = False
            else:
                cell.append(char)
        elif char == '"':
            is_quoted = True
        elif char == ",":
            cells.append("".join(cell))
            cell = []
        else:
            cell.append(char)
        i += 1
    if is_quoted:
        raise RequestError(400, "E_BAD_CSV", f"CSV line {line_number}: a quoted field is not closed")
    cells.append("".join(cell))
    return cells


_HEX = frozenset("0123456789abcdefABCDEF")


def _decode_uri_component(text: str) -> str:
    """``decodeURIComponent``: %XX runs must be complete and valid UTF-8, or ValueError."""
    out: list[str] = []
    i = 0
    while i < len(text):
        if text[i] != "%":
            out.append(text[i])
            i += 1
            continue
        run = bytearray()
        while i < len(text) and text[i] == "%":
            digits = text[i + 1:i + 3]
            if len(digits) < 2 or not set(digits) <= _HEX:
                raise ValueError("malformed escape")
            run.append(int(digits, 16))
            i += 3
        out.append(run.decode("utf-8"))
    return "".join(out)


def _decode(text: str) -> str:
    if "%" not in text and "+" not in text:
        return text
    try:
        return _decode_uri_component(text.replace("+", " "))
    except ValueError:
        raise RequestError(400, "E_BAD_REQUEST", f"the query holds a malformed escape: {js_string(js_slice(text, 60))}") from None


def parse_query(query: str) -> list[tuple[str, str]]:
    """A raw query string as decoded pairs; a malformed escape is a 400."""
    pairs: list[tuple[str, str]] = []
    if query == "":
        return pairs
    for part in query.split("&"):
        if part == "":
            continue
        name, equals, value = part.partition("=")
        pairs.append((_decode(name), _decode(value if equals else "")))
    return pairs


# --- Responses (app/export/response.ts) ---------------------------------------------------------

@dataclass(frozen=True)
class OutputShape:
    is_classifier: bool
    classes: Optional[list[str]]
    num_outputs: int
    scores: str
    is_float32: bool


def output_shape(header: dict[str, Any]) -> OutputShape:
    classes = header.get("classes") or None
    transform, aggregation = header["transform"]["kind"], header["aggregation"]["kind"]
    is_classifier = bool(classes) or header.get("task") in ("binary", "multiclass")
    scores = "none"
    if is_classifier and transform not in ("argmax", "hinge"):
        if aggregation == "vote":
            scores = "votes"
        elif header["numOutputs"] > 1:
            scores = "probabilities"
        elif transform == "sigmoid":
            scores = "binary"
    return OutputShape(is_classifier, classes, int(header["numOutputs"]), scores, header["arithmetic"].get("accumulate") == "float32")


def binary_probabilities(p: float, is_float32: bool) -> list[float]:
    """``[1 − p, p]`` as the library's predict_proba computes it (float32 for XGBoost)."""
    return [fround(1 - p) if is_float32 else 1 - p, p]


def _number_list(values: list[float]) -> str:
    return "[" + ",".join(response_number(value) for value in values) + "]"


def row_json(shape: OutputShape, row: Prediction, explain: bool) -> str:
    """One response row as JSON text (``rowJson``)."""
    if row.error is not None:
        text = '{"prediction":null,"error":' + js_string(row.error)
    elif shape.is_classifier and row.predicted_class is not None:
        k = row.predicted_class
        label = shape.classes[k] if shape.classes and 0 <= k < len(shape.classes) else None
        text = '{"prediction":' + (js_string(label) if label is not None else response_number(k)) + ',"class":' + response_number(k)
        if shape.scores == "probabilities":
            text += ',"probabilities":' + _number_list(row.prediction)
        elif shape.scores == "votes":
            text += ',"votes":' + _number_list(row.prediction)
        elif shape.scores == "binary":
            text += ',"probabilities":' + _number_list(binary_probabilities(row.prediction[0], shape.is_float32))
    else:
        value = response_number(row.prediction[0]) if len(row.prediction) == 1 else _number_list(row.prediction)
        text = '{"prediction":' + value
    if explain:
        text += ',"raw":' + _number_list(row.raw) + ',"leaves":' + _number_list(row.leaves)
    return text + "}"


def _csv_cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if re.search(r'[",\r\n]', text) else text


def row_csv(shape: OutputShape, row: Prediction) -> str:
    """One row as CSV cells (``Accept: text/csv``): the prediction, then probabilities or votes."""
    if row.error is not None:
        return ""
    cells: list[str] = []
    if shape.is_classifier and row.predicted_class is not None:
        k = row.predicted_class
        label = shape.classes[k] if shape.classes and 0 <= k < len(shape.classes) else None
        cells.append(_csv_cell(label) if label is not None else str(k))
        if shape.scores in ("probabilities", "votes"):
            cells.extend(js_number(value) for value in row.prediction)
        elif shape.scores == "binary":
            cells.extend(js_number(value) for value in binary_probabilities(row.prediction[0], shape.is_float32))
    else:
        cells.extend(js_number(value) for value in row.prediction)
    return ",".join(cells)


# --- The service (runtime/service.ts) -----------------------------------------------------------

@dataclass
class Request:
    method: str
    #: Exactly one of the routes, e.g. ``/predict`` (the handler strips an API Gateway stage first).
    path: str
    #: Raw query string without ``?``.
    query: str
    #: Header names in lower case.
    headers: dict[str, Any]
    body: Optional[str] = None


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: str


def error_response(status: int, code: str, message: str) -> Response:
    """``{"error": {"code", "message"}}``."""
    return Response(status, dict(JSON_HEADERS), '{"error":{"code":' + js_string(code) + ',"message":' + js_string(message) + "}}")


def _route_of(path: str) -> Optional[str]:
    trimmed = path[:-1] if len(path) > 1 and path.endswith("/") else path
    name = trimmed[1:]
    return name if trimmed.startswith("/") and name in ROUTES else None


def _is_true(text: str) -> bool:
    return text in ("1", "true", "yes")


_JSON_START = re.compile(r"\s*[\[{]")


class Service:
    """The service of one model: compiled once; ``handle`` is then cheap and never raises."""

    def __init__(self, model: PackedModel, checksum: str, model_source: str, exported_by: str,
                 max_body_bytes: int = DEFAULT_MAX_BODY_BYTES, max_rows: int = DEFAULT_MAX_ROWS) -> None:
        header = model.header
        self.compiled = CompiledModel(model)
        self.max_body_bytes, self.max_rows = max_body_bytes, max_rows
        self.shape = output_shape(header)
        self.reader = InputReader(header, self.compiled.num_features, max_rows)
        features = header["features"]
        entries = []
        for index in range(self.compiled.num_features):
            feature = features[index] if index < len(features) else {}
            entry: dict[str, Any] = {"index": index, "name": feature.get("name", f"f{index}"), "kind": feature.get("kind", "numeric")}
            if feature.get("categoryLabels") is not None:
                entry["categories"] = feature["categoryLabels"]
            entries.append(entry)
        description: dict[str, Any] = {key: header[key] for key in ("format", "variant", "fileName", "task", "objective") if key in header}
        description.update({
            "classes": header.get("classes"),
            "numOutputs": header["numOutputs"],
            "trees": model.tree_count,
            "features": entries,
            "transform": header["transform"]["kind"],
            "checksum": checksum,
            "modelSource": model_source,
            "exportedBy": exported_by,
            "warnings": [f"{warning['code']}: {warning['message']}" for warning in header.get("warnings", [])],
        })
        self.description = description
        self._description_text = js_stringify(description)

    def _predict(self, rows: Rows, explain: bool, wants_csv: bool) -> Response:
        predict = self.compiled.predict_row
        if wants_csv:
            return Response(200, dict(CSV_HEADERS), "".join(row_csv(self.shape, predict(row)) + "\n" for row in rows.values))
        text = '{"predictions":[' + ",".join(row_json(self.shape, predict(row), explain) for row in rows.values) + "]"
        if rows.warnings:
            text += ',"warnings":' + js_stringify(rows.warnings)
        return Response(200, dict(JSON_HEADERS), text + "}")

    def _predict_body(self, request: Request, explain_query: bool) -> Response:
        body = request.body or ""
        if len(body) > self.max_body_bytes:
            return error_response(413, "E_BODY_TOO_LARGE", f"the body exceeds {self.max_body_bytes} bytes")
        content_type = js_trim((request.headers.get("content-type") or "").split(";")[0]).lower()
        wants_csv = (request.headers.get("accept") or "").lower().startswith("text/csv")
        if content_type == "text/csv" or (content_type == "text/plain" and not _JSON_START.match(body)):
            return self._predict(self.reader.csv_body(body), explain_query, wants_csv)
        if content_type in ("application/json", "", "text/plain") or content_type.endswith("+json"):
            rows, explain = self.reader.json_body(body)
            return self._predict(rows, explain_query if explain is None else explain, wants_csv)
        return error_response(415, "E_UNSUPPORTED_MEDIA_TYPE", f"content type {js_string(content_type)} is not accepted; send application/json or text/csv")

    def _route(self, request: Request) -> Response:
        route = _route_of(request.path)
        method = request.method.upper()

        def allow(methods: str) -> Response:
            return error_response(405, "E_METHOD_NOT_ALLOWED", f"{method} is not allowed on /{route}; use {methods}")

        if route == "ping":
            return Response(200, dict(JSON_HEADERS), '{"status":"ok"}') if method in ("GET", "HEAD") else allow("GET")
        if route == "model":
            return Response(200, dict(JSON_HEADERS), self._description_text) if method == "GET" else allow("GET")
        if route in ("predict", "invocations"):
            pairs = parse_query(request.query)
            explain = False
            for name, value in pairs:
                if name == "explain":
                    explain = _is_true(value)
            if method == "POST":
                return self._predict_body(request, explain)
            if method == "GET" and route == "predict":
                wants_csv = (request.headers.get("accept") or "").lower().startswith("text/csv")
                return self._predict(self.reader.query(pairs), explain, wants_csv)
            return allow("GET or POST" if route == "predict" else "POST")
        return error_response(404, "E_NOT_FOUND", f"no route {js_string(js_slice(request.path, 100))}; "
                              "the routes are GET /predict, POST /predict, POST /invocations, GET /model, GET /ping")

    def handle(self, request: Request) -> Response:
        try:
            return self._route(request)
        except RequestError as error:
            return error_response(error.status, error.code, error.message)
        except Exception as error:  # A bug, not the client's fault: say so without crashing.
            return error_response(500, "E_INTERNAL", f"internal error: {error}")
