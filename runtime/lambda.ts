/**
 * AWS Lambda entry (bundled as `index.mjs`): one `handler` for API Gateway REST API events
 * (payload format 1.0), HTTP API and Function URL events (payload format 2.0), and direct
 * invocations whose event is a prediction body (`{"features": […]}`, `{"instances": …}`, …).
 * The service is built once per container, at cold start.
 */
import { embeddedInfo, readEmbeddedModel } from './embedded';
import { createService, DEFAULT_LIMITS, errorResponse, type Service, type ServiceRequest, type ServiceResponse } from './service';

interface LambdaEvent {
  version?: string;
  httpMethod?: string;
  path?: string;
  rawPath?: string;
  rawQueryString?: string;
  multiValueQueryStringParameters?: Record<string, string[] | undefined> | null;
  queryStringParameters?: Record<string, string | undefined> | null;
  headers?: Record<string, string | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
  requestContext?: { stage?: string; http?: { method?: string; path?: string } } | null;
}

export interface LambdaResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}

function limitFromEnvironment(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

let service: Service | undefined;

/** The service of the embedded model (built on first use, so importing this file stays cheap to test). */
export function getService(): Service {
  if (service) return service;
  const embedded = embeddedInfo();
  if (!embedded) throw new Error('this bundle holds no model (it was not produced by `splitscope export`)');
  const { packed, layout } = readEmbeddedModel(embedded);
  service = createService(
    packed,
    { checksum: embedded.checksum, modelSource: 'embedded', exportedBy: `splitscope ${embedded.version}` },
    { maxBodyBytes: limitFromEnvironment('MAX_BODY_BYTES', DEFAULT_LIMITS.maxBodyBytes), maxRows: limitFromEnvironment('MAX_ROWS', DEFAULT_LIMITS.maxRows) },
    layout,
  );
  return service;
}

function lowerCaseHeaders(headers: LambdaEvent['headers']): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {})) result[name.toLowerCase()] = value ?? undefined;
  return result;
}

/** REST API events carry decoded parameters; rebuild a query string the service can split. */
function queryOfV1(event: LambdaEvent): string {
  const parts: string[] = [];
  if (event.multiValueQueryStringParameters) {
    for (const [name, values] of Object.entries(event.multiValueQueryStringParameters)) {
      for (const value of values ?? []) parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
    }
  } else {
    for (const [name, value] of Object.entries(event.queryStringParameters ?? {})) {
      parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(value ?? '')}`);
    }
  }
  return parts.join('&');
}

function toResult(response: ServiceResponse): LambdaResult {
  return { statusCode: response.status, headers: response.headers, body: response.body, isBase64Encoded: false };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What is wrong with an HTTP event's fields, or undefined: each must have the type API Gateway gives it. */
function eventProblem(event: LambdaEvent): string | undefined {
  const optional = (value: unknown, type: string) => value === undefined || value === null || typeof value === type;
  if (!optional(event.body, 'string')) return `"body" must be a string, got ${typeof event.body}`;
  if (!(event.headers === undefined || event.headers === null || isRecord(event.headers))) return '"headers" must be an object';
  for (const name of ['path', 'rawPath', 'rawQueryString'] as const) if (!optional(event[name], 'string')) return `"${name}" must be a string`;
  for (const name of ['queryStringParameters', 'multiValueQueryStringParameters'] as const) {
    const value = event[name];
    if (!(value === undefined || value === null || isRecord(value))) return `"${name}" must be an object`;
    for (const item of Object.values(value ?? {})) {
      const isOk = name === 'queryStringParameters' ? optional(item, 'string') : item === undefined || item === null || (Array.isArray(item) && item.every((v) => typeof v === 'string'));
      if (!isOk) return `"${name}" holds a value of the wrong type`;
    }
  }
  const http = event.requestContext?.http;
  if (http !== undefined && (!isRecord(http) || !optional(http.method, 'string') || !optional(http.path, 'string'))) return '"requestContext.http" must hold a string method and path';
  return undefined;
}

/** API Gateway keeps a named stage in the path (`/prod/predict`); the routes are below it. */
function withoutStage(path: string, stage: unknown): string {
  if (typeof stage !== 'string' || stage === '' || stage === '$default') return path;
  const prefix = `/${stage}`;
  return path === prefix ? '/' : path.startsWith(prefix + '/') ? path.slice(prefix.length) : path;
}

/** The Lambda handler (`index.handler`). Never throws: every failure is a JSON error response. */
export async function handler(input: unknown): Promise<LambdaResult> {
  try {
    const current = getService();
    // An event is an object (an HTTP event or a prediction body) or an array (rows): null, a number or a string is the caller's mistake.
    if (typeof input !== 'object' || input === null) {
      return toResult(errorResponse(400, 'E_BAD_REQUEST', `the event must be an API Gateway or Function URL event, or a prediction body such as {"features": […]}; got ${input === null ? 'null' : typeof input}`));
    }
    const event = input as LambdaEvent;
    const context = isRecord(event.requestContext) ? event.requestContext : undefined;
    const isV2 = !Array.isArray(event) && (event.version === '2.0' || (isRecord(context?.http) && context.http.method !== undefined));
    const isV1 = !Array.isArray(event) && !isV2 && typeof event.httpMethod === 'string';
    let request: ServiceRequest;
    let body = event.body ?? undefined;
    if (isV1 || isV2) {
      const problem = eventProblem(event);
      if (problem) return toResult(errorResponse(400, 'E_BAD_REQUEST', `malformed ${isV2 ? 'HTTP API (2.0)' : 'REST API (1.0)'} event: ${problem}`));
      if (body !== undefined && event.isBase64Encoded) body = Buffer.from(body, 'base64').toString('utf8');
      if (body !== undefined && Buffer.byteLength(body) > current.limits.maxBodyBytes) {
        return toResult(errorResponse(413, 'E_BODY_TOO_LARGE', `the body exceeds ${current.limits.maxBodyBytes} bytes`));
      }
      request = isV2
        ? {
            method: context?.http?.method ?? 'GET',
            path: withoutStage(event.rawPath ?? context?.http?.path ?? '/', context?.stage),
            query: event.rawQueryString ?? '',
            headers: lowerCaseHeaders(event.headers),
            body,
          }
        : { method: event.httpMethod!, path: withoutStage(event.path ?? '/', context?.stage), query: queryOfV1(event), headers: lowerCaseHeaders(event.headers), body };
    } else {
      // Direct invocation (`aws lambda invoke`, Step Functions): the event is the prediction body.
      request = { method: 'POST', path: '/predict', query: '', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) };
    }
    return toResult(current.handle(request));
  } catch (error) {
    return toResult(errorResponse(500, 'E_INTERNAL', `internal error: ${(error as Error)?.message ?? String(error)}`));
  }
}

// Build the service during the Lambda init phase (which runs with a full CPU), not on the first request.
try {
  if (embeddedInfo()) getService();
} catch {
  // Reported by `handler` on the first request, with the reason.
}
