"""AWS Lambda entry of a Splitscope Python bundle (``handler.handler``), standard library only.

One ``handler`` for API Gateway REST API events (payload format 1.0), HTTP API and Function URL
events (payload format 2.0), and direct invocations whose event is a prediction body
(``{"features": […]}``, ``{"instances": …}``, …): the API of the Node bundle (runtime/lambda.ts).
The model is ``model.spkm`` beside this file; its sha256 is checked before it is read, and the
service is built once per container, during the init phase.
"""
from __future__ import annotations

import base64
import binascii
import os
import re
from typing import Any, Optional
from urllib.parse import quote

import spkm
from service import DECIMAL, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_ROWS, Request, Response, Service, error_response, js_stringify, js_trim

# The exporter writes the bundle's values into the next three lines.
MODEL_FILE = "model.spkm"
MODEL_CHECKSUM: Optional[str] = None
VERSION = "unknown"

_service: Optional[Service] = None


def _limit(name: str, fallback: int) -> int:
    """A positive integer from the environment (as JavaScript's ``Number`` reads decimals), else ``fallback``."""
    text = js_trim(os.environ.get(name, ""))
    value = float(text) if DECIMAL.fullmatch(text) else 0.0
    return int(value) if value > 0 and value.is_integer() else fallback


def _first(*values: Any) -> Any:
    """JavaScript's ``a ?? b ?? c``: the first value that is not null or missing."""
    return next((value for value in values if value is not None), None)


def get_service() -> Service:
    """The service of the bundled model, built on first use."""
    global _service
    if _service is None:
        if MODEL_CHECKSUM is None:
            raise RuntimeError("this bundle holds no model (it was not produced by `splitscope export`)")
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), MODEL_FILE)
        _service = Service(spkm.read(path, MODEL_CHECKSUM), MODEL_CHECKSUM, "embedded", f"splitscope {VERSION}",
                           _limit("MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES), _limit("MAX_ROWS", DEFAULT_MAX_ROWS))
    return _service


def _result(response: Response) -> dict[str, Any]:
    return {"statusCode": response.status, "headers": response.headers, "body": response.body, "isBase64Encoded": False}


def _js_typeof(value: Any) -> str:
    if value is None:
        return "null"
    if value is True or value is False:
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return "string" if isinstance(value, str) else "object"


def _is_optional(value: Any, kind: type) -> bool:
    return value is None or isinstance(value, kind)


def _event_problem(event: dict[str, Any]) -> Optional[str]:
    """What is wrong with an HTTP event's fields, or None: each must have the type API Gateway gives it."""
    body = event.get("body")
    if not _is_optional(body, str):
        return f'"body" must be a string, got {_js_typeof(body)}'
    if not _is_optional(event.get("headers"), dict):
        return '"headers" must be an object'
    for name in ("path", "rawPath", "rawQueryString"):
        if not _is_optional(event.get(name), str):
            return f'"{name}" must be a string'
    for name in ("queryStringParameters", "multiValueQueryStringParameters"):
        value = event.get(name)
        if not _is_optional(value, dict):
            return f'"{name}" must be an object'
        for item in (value or {}).values():
            is_single = name == "queryStringParameters"
            ok = _is_optional(item, str) if is_single else item is None or (isinstance(item, list) and all(isinstance(v, str) for v in item))
            if not ok:
                return f'"{name}" holds a value of the wrong type'
    context = event.get("requestContext")
    if isinstance(context, dict) and "http" in context:
        http = context["http"]
        if not isinstance(http, dict) or not _is_optional(http.get("method"), str) or not _is_optional(http.get("path"), str):
            return '"requestContext.http" must hold a string method and path'
    return None


def _component(text: str) -> str:
    """``encodeURIComponent``."""
    return quote(text, safe="-_.!~*'()")


def _query_of_v1(event: dict[str, Any]) -> str:
    """REST API events carry decoded parameters; rebuild a query string the service can split."""
    parts: list[str] = []
    if event.get("multiValueQueryStringParameters"):
        for name, values in event["multiValueQueryStringParameters"].items():
            parts.extend(f"{_component(name)}={_component(value)}" for value in values or [])
    else:
        for name, value in (event.get("queryStringParameters") or {}).items():
            parts.append(f"{_component(name)}={_component(value or '')}")
    return "&".join(parts)


def _without_stage(path: str, stage: Any) -> str:
    """API Gateway keeps a named stage in the path (``/prod/predict``); the routes are below it."""
    if not isinstance(stage, str) or stage in ("", "$default"):
        return path
    prefix = f"/{stage}"
    return "/" if path == prefix else path[len(prefix):] if path.startswith(prefix + "/") else path


def _base64_text(body: str) -> str:
    """Node's lenient base64 (either alphabet, padding optional, stray characters skipped) as UTF-8 text."""
    cleaned = re.sub(r"[^A-Za-z0-9+/]", "", body.split("=")[0].replace("-", "+").replace("_", "/"))
    if len(cleaned) % 4 == 1:
        cleaned = cleaned[:-1]  # A lone trailing character holds no whole byte.
    try:
        data = base64.b64decode(cleaned + "=" * (-len(cleaned) % 4))
    except binascii.Error:
        data = b""
    return data.decode("utf-8", "replace")


def _byte_length(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def handler(event: Any, context: Any = None) -> dict[str, Any]:
    """The Lambda handler. Never raises: every failure is a JSON error response."""
    try:
        service = get_service()
        # An event is an object (an HTTP event or a prediction body) or an array (rows).
        if not isinstance(event, (dict, list)):
            return _result(error_response(400, "E_BAD_REQUEST", "the event must be an API Gateway or Function URL event, or a prediction body "
                                          f'such as {{"features": […]}}; got {_js_typeof(event)}'))
        request_context = event.get("requestContext") if isinstance(event, dict) else None
        request_context = request_context if isinstance(request_context, dict) else None
        http = request_context.get("http") if request_context else None
        is_v2 = isinstance(event, dict) and (event.get("version") == "2.0" or (isinstance(http, dict) and "method" in http))
        is_v1 = isinstance(event, dict) and not is_v2 and isinstance(event.get("httpMethod"), str)
        if not (is_v1 or is_v2):
            # Direct invocation (`aws lambda invoke`, Step Functions): the event is the prediction body.
            request = Request("POST", "/predict", "", {"content-type": "application/json"}, js_stringify(event))
            return _result(service.handle(request))
        assert isinstance(event, dict)
        problem = _event_problem(event)
        if problem:
            kind = "HTTP API (2.0)" if is_v2 else "REST API (1.0)"
            return _result(error_response(400, "E_BAD_REQUEST", f"malformed {kind} event: {problem}"))
        body: Optional[str] = event.get("body")
        if body is not None and event.get("isBase64Encoded"):
            body = _base64_text(body)
        if body is not None and _byte_length(body) > service.max_body_bytes:
            return _result(error_response(413, "E_BODY_TOO_LARGE", f"the body exceeds {service.max_body_bytes} bytes"))
        headers = {str(name).lower(): value for name, value in (event.get("headers") or {}).items()}
        stage = request_context.get("stage") if request_context else None
        if is_v2:
            http = http if isinstance(http, dict) else {}
            path = _first(event.get("rawPath"), http.get("path"), "/")
            request = Request(_first(http.get("method"), "GET"), _without_stage(path, stage), _first(event.get("rawQueryString"), ""), headers, body)
        else:
            request = Request(event["httpMethod"], _without_stage(_first(event.get("path"), "/"), stage), _query_of_v1(event), headers, body)
        return _result(service.handle(request))
    except Exception as error:
        return _result(error_response(500, "E_INTERNAL", f"internal error: {error}"))


# Build the service during the Lambda init phase (which runs with a full CPU), not on the first request.
try:
    if MODEL_CHECKSUM is not None:
        get_service()
except Exception:
    pass  # Reported by `handler` on the first request, with the reason.
