import type { FlatModel } from '../app/eval/flat';
import { compileModel } from '../app/eval';
import type { CompiledModel } from '../app/eval/types';
import { outputShape, rowCsv, rowJson, type OutputShape, type RowAnswer } from '../app/export/response';
import { packModel } from '../app/model/forestBuilder';
import type { ModelHeader, PackedModel } from '../app/model/packed';
import type { TreeModel } from '../app/model/types';
import { InputReader, parseQuery, RequestError, type Rows } from './input';

/**
 * The HTTP API of the exported services, free of any transport: the Lambda handler and the Node
 * server both turn their request into a `ServiceRequest` and send back the `ServiceResponse`.
 * Nothing a client sends can make `handle` throw: every failure becomes a JSON error response.
 */
export interface ServiceRequest {
  method: string;
  /** Path without the query, exactly one of the routes, e.g. `/predict` (the Lambda handler strips an API Gateway stage first). */
  path: string;
  /** Raw query string without `?`. */
  query: string;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  body?: string;
}

export interface ServiceResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ServiceInfo {
  /** `sha256:<hex>` of the embedded or loaded model text. */
  checksum: string;
  /** `embedded`, or the path of an override model. */
  modelSource: string;
  /** Splitscope version that exported the bundle. */
  exportedBy: string;
}

export interface ServiceLimits {
  /** Bodies longer than this (bytes) get 413. */
  maxBodyBytes: number;
  maxRows: number;
}

export const DEFAULT_LIMITS: ServiceLimits = { maxBodyBytes: 5 * 1024 * 1024, maxRows: 10_000 };

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };
const CSV_HEADERS = { 'content-type': 'text/csv; charset=utf-8' };

/** A JSON error response `{"error": {"code", "message"}}`. */
export function errorResponse(status: number, code: string, message: string): ServiceResponse {
  return { status, headers: JSON_HEADERS, body: JSON.stringify({ error: { code, message } }) };
}

export interface Service {
  /** The model's header (features, task, classes…); the trees live compiled in `compiled`. */
  readonly model: ModelHeader;
  readonly compiled: CompiledModel;
  readonly limits: ServiceLimits;
  handle(request: ServiceRequest): ServiceResponse;
  /** The `GET /model` document. */
  describe(): object;
}

const NO_WARNINGS: string[] = [];

const ROUTES = new Set(['ping', 'model', 'predict', 'invocations']);

/** Rows a service scores, one request or many, before it compiles its trees (as the app's evaluator does for batches). */
export const COMPILE_AFTER_ROWS = 4096;

/** The route a path names exactly (`/ping`, `/ping/`), or undefined: `/x/y/ping` is no route. */
function routeOf(path: string): string | undefined {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  const name = trimmed.slice(1);
  return trimmed.startsWith('/') && ROUTES.has(name) ? name : undefined;
}

/** Whether the client asks for CSV answers (`Accept: text/csv`). */
function wantsCsvOf(request: ServiceRequest): boolean {
  return (request.headers.accept ?? '').toLowerCase().startsWith('text/csv');
}

function isTrue(text: string | undefined): boolean {
  return text === '1' || text === 'true' || text === 'yes';
}

/** Builds the service of one model: compiles it once; `handle` is then cheap per request. */
export function createService(source: PackedModel | TreeModel, info: ServiceInfo, limits: ServiceLimits = DEFAULT_LIMITS, layout?: FlatModel): Service {
  const packed = 'forest' in source ? source : packModel(source);
  const model = packed.header;
  const compiled = compileModel(packed, { layout });
  const shape: OutputShape = outputShape(model);
  const reader = new InputReader(model, compiled.numFeatures, { maxRows: limits.maxRows });
  const description = {
    format: model.format,
    variant: model.variant,
    fileName: model.fileName,
    task: model.task,
    objective: model.objective,
    classes: model.classes ?? null,
    numOutputs: model.numOutputs,
    trees: packed.forest.treeCount,
    features: Array.from({ length: compiled.numFeatures }, (_, index) => {
      const feature = model.features[index];
      const entry: Record<string, unknown> = { index, name: feature?.name ?? `f${index}`, kind: feature?.kind ?? 'numeric' };
      if (feature?.categoryLabels) entry.categories = feature.categoryLabels;
      return entry;
    }),
    transform: model.transform.kind,
    checksum: info.checksum,
    modelSource: info.modelSource,
    exportedBy: info.exportedBy,
    warnings: model.warnings.map((warning) => `${warning.code}: ${warning.message}`),
  };
  const describeText = JSON.stringify(description);
  let rowsScored = 0;
  let hasAskedToCompile = false;

  /** Rows of values as one block, row-major (the reader gives every row exactly numFeatures values, missing ones as NaN). */
  function blockOf(values: number[][]): Float64Array {
    const numFeatures = compiled.numFeatures;
    const block = new Float64Array(values.length * numFeatures);
    for (let i = 0; i < values.length; i++) block.set(values[i], i * numFeatures);
    return block;
  }

  /**
   * Row i's answer, of the `count` rows of `block`. An explained row is scored alone, for the leaves
   * of every tree as the library numbers them. So is a lone row when the trees are not compiled: the
   * interpreter's batch walks rows eight at a time and costs more for one (100 XGBoost trees, GET
   * /predict: 19k against 22k req/s). Otherwise every row of the request goes through one batch:
   * compiled trees take the whole block at once (500 × 255 leaves, one row of varied rows: 12.6 µs).
   */
  function answersOf(block: Float64Array, count: number, explain: boolean): (index: number) => RowAnswer {
    rowsScored += count;
    if (!hasAskedToCompile && rowsScored >= COMPILE_AFTER_ROWS) {
      // A service that has answered this many rows runs for long enough: compile its trees once
      // (a big batch would have; single rows would never). Where the interpreter is the only way
      // (categorical splits…), this keeps it.
      hasAskedToCompile = true;
      compiled.prepare();
    }
    const numFeatures = compiled.numFeatures;
    if (explain || (count === 1 && compiled.kernel.kind !== 'wasm')) return (index) => compiled.predictRow(block.subarray(index * numFeatures, (index + 1) * numFeatures));
    const batch = compiled.predictBatch(block, count);
    const width = batch.predictionWidth ?? batch.numOutputs;
    // A lone row's answer is the batch's own arrays (a view costs about as much as scoring a small tree).
    return (index) => ({
      raw: count === 1 ? batch.raw : batch.raw.subarray(index * batch.numOutputs, (index + 1) * batch.numOutputs),
      prediction: count === 1 ? batch.prediction : batch.prediction.subarray(index * width, (index + 1) * width),
      predictedClass: batch.predictedClass[index] >= 0 ? batch.predictedClass[index] : undefined,
      error: batch.errors.get(index),
    });
  }

  function predict(rows: Rows, explain: boolean, wantsCsv: boolean): ServiceResponse {
    return predictBlock(blockOf(rows.values), rows.values.length, rows.warnings, explain, wantsCsv);
  }

  function predictBlock(block: Float64Array, count: number, warnings: string[], explain: boolean, wantsCsv: boolean): ServiceResponse {
    const answer = answersOf(block, count, explain);
    if (wantsCsv) {
      let text = '';
      for (let i = 0; i < count; i++) text += rowCsv(shape, answer(i)) + '\n';
      return { status: 200, headers: CSV_HEADERS, body: text };
    }
    let text = '{"predictions":[';
    for (let i = 0; i < count; i++) text += (i > 0 ? ',' : '') + rowJson(shape, answer(i), explain);
    text += ']';
    if (warnings.length > 0) text += `,"warnings":${JSON.stringify(warnings)}`;
    return { status: 200, headers: JSON_HEADERS, body: text + '}' };
  }

  function predictBody(request: ServiceRequest, explainQuery: boolean): ServiceResponse {
    const body = request.body ?? '';
    // Length in UTF-16 units is at most the byte length, so this only catches what certainly exceeds.
    if (body.length > limits.maxBodyBytes) return errorResponse(413, 'E_BODY_TOO_LARGE', `the body exceeds ${limits.maxBodyBytes} bytes`);
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const wantsCsv = wantsCsvOf(request);
    if (type === 'text/csv' || (type === 'text/plain' && !/^\s*[[{]/.test(body))) {
      return predict(reader.csvBody(body), explainQuery, wantsCsv);
    }
    if (type === 'application/json' || type === '' || type.endsWith('+json') || type === 'text/plain') {
      const { rows, explain } = reader.jsonBody(body);
      return predict(rows, explain ?? explainQuery, wantsCsv);
    }
    return errorResponse(415, 'E_UNSUPPORTED_MEDIA_TYPE', `content type ${JSON.stringify(type)} is not accepted; send application/json or text/csv`);
  }

  function route(request: ServiceRequest): ServiceResponse {
    const route = routeOf(request.path);
    const method = request.method.toUpperCase();
    const allow = (methods: string) =>
      errorResponse(405, 'E_METHOD_NOT_ALLOWED', `${method} is not allowed on /${route}; use ${methods}`);
    switch (route) {
      case 'ping':
        return method === 'GET' || method === 'HEAD' ? { status: 200, headers: JSON_HEADERS, body: '{"status":"ok"}' } : allow('GET');
      case 'model':
        return method === 'GET' ? { status: 200, headers: JSON_HEADERS, body: describeText } : allow('GET');
      case 'predict':
      case 'invocations': {
        if (method === 'GET' && route === 'predict') {
          // The request a service gets most, `features=v1,v2,…` alone, read with no pairs or cell texts made.
          const row = reader.plainQueryRow(request.query);
          if (row) return predictBlock(row, 1, NO_WARNINGS, false, wantsCsvOf(request));
        }
        const pairs = parseQuery(request.query);
        let explain = false;
        for (const [name, value] of pairs) if (name === 'explain') explain = isTrue(value);
        if (method === 'POST') return predictBody(request, explain);
        if (method === 'GET' && route === 'predict') return predict(reader.query(pairs), explain, wantsCsvOf(request));
        return allow(route === 'predict' ? 'GET or POST' : 'POST');
      }
      default:
        return errorResponse(404, 'E_NOT_FOUND', `no route ${JSON.stringify(request.path.slice(0, 100))}; the routes are GET /predict, POST /predict, POST /invocations, GET /model, GET /ping`);
    }
  }

  return {
    model,
    compiled,
    limits,
    describe: () => description,
    handle(request) {
      try {
        return route(request);
      } catch (error) {
        if (error instanceof RequestError) return errorResponse(error.status, error.code, error.message);
        // A bug, not the client's fault; say so without crashing the process.
        return errorResponse(500, 'E_INTERNAL', `internal error: ${(error as Error)?.message ?? String(error)}`);
      }
    },
  };
}
