/**
 * The export targets: one entry each. Adding a target means adding its name here, its description
 * in `TARGETS`, its files in bundle.ts (`TARGET_FILES`) and, when its selftest is not one of the
 * runners main/export already has, a runner there. The CLI's `--target`, the bridge's request
 * schema and the Export dialog all read this list.
 */
export const EXPORT_TARGETS = ['lambda', 'lambda-python', 'docker', 'spark', 'onnx'] as const;

export type ExportTarget = (typeof EXPORT_TARGETS)[number];

/**
 * How an export proves itself before it reports success:
 * - `node`: the bundle's own `selftest.mjs` runs in a worker thread of the app;
 * - `python`: the bundle's `selftest.py` runs in a Python process (`python3`, or the one the user
 *   names) and prints one JSON line, the same report as `selftest.mjs`.
 * - `onnx`: the bundle's `selftest.mjs` loads `model.onnx` in ONNX Runtime (`onnxruntime-node`) in a
 *   worker thread, scores the golden rows and measures how far they are from the app (`ExportFidelity`).
 */
export type SelftestRunner = 'node' | 'python' | 'onnx';

export interface TargetDescription {
  /** Shown in the Export dialog and the CLI's help. */
  title: string;
  /** What the bundle holds, in one line. */
  detail: string;
  runner: SelftestRunner;
  /** The service file (its size is reported after the export). */
  entryFile: string;
}

export const TARGETS: Record<ExportTarget, TargetDescription> = {
  docker: {
    title: 'Docker (SageMaker contract)',
    detail: 'server.mjs on Node’s http, /ping and /invocations, Dockerfile, k8s manifests',
    runner: 'node',
    entryFile: 'server.mjs',
  },
  lambda: {
    title: 'AWS Lambda (Node.js)',
    detail: 'index.mjs handler, SAM template.yaml, serverless.yml, sample events, Dockerfile.lambda',
    runner: 'node',
    entryFile: 'index.mjs',
  },
  spark: {
    title: 'PySpark batch scoring (pandas UDF)',
    detail: 'score.py (numpy evaluator, predict_pandas), job.py for spark-submit, selftest.py; also runs under Dask',
    runner: 'python',
    entryFile: 'score.py',
  },
  'lambda-python': {
    title: 'AWS Lambda (Python)',
    detail: 'handler.py on Python’s standard library (no layer), SAM template.yaml (python3.12), serverless.yml, sample events',
    runner: 'python',
    entryFile: 'handler.py',
  },
  onnx: {
    title: 'ONNX (TreeEnsemble)',
    detail: 'model.onnx on ai.onnx.ml TreeEnsemble, checked in ONNX Runtime; fidelity to the app measured and stated',
    runner: 'onnx',
    entryFile: 'model.onnx',
  },
};

export function isExportTarget(value: string): value is ExportTarget {
  return (EXPORT_TARGETS as readonly string[]).includes(value);
}
