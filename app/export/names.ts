import type { TreeModel } from '../model/types';

/**
 * A name for the service, from the model's file name: lower-case letters, digits and dashes,
 * starting with a letter, at most 40 characters (fits Lambda, CloudFormation, Kubernetes and Docker).
 */
export function serviceName(model: TreeModel): string {
  const parts = model.fileName.split(/[\\/]/).filter((part) => part !== '');
  let stem = (parts.pop() ?? 'model').replace(/\.(txt|json|model|dump)$/i, '');
  // `model.txt`, `model.json`, `tree.txt`… say nothing: the folder usually names the model.
  if (/^(model|tree|dump|booster|model\.dump)$/i.test(stem) && parts.length > 0) stem = `${parts.pop()}-${stem}`;
  let slug = stem
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!/^[a-z]/.test(slug)) slug = `model-${slug}`;
  slug = slug.slice(0, 40).replace(/-+$/, '');
  return slug === '' || slug === 'model-' ? 'splitscope-model' : slug;
}

/** A row as `features=` text: shortest round-trip decimals, empty for missing. */
export function queryText(row: readonly number[]): string {
  return row.map((value) => (value !== value ? '' : value === Infinity ? 'inf' : value === -Infinity ? '-inf' : Object.is(value, -0) ? '-0' : String(value))).join(',');
}

/** A row as a JSON array: null for missing, `"inf"` strings for infinities. */
export function jsonRow(row: readonly number[]): string {
  return '[' + row.map((value) => (value !== value ? 'null' : Number.isFinite(value) ? (Object.is(value, -0) ? '-0' : String(value)) : JSON.stringify(String(value)))).join(',') + ']';
}

/** Memory (MB) and timeout (s) for a Lambda function holding a packed model of `modelBytes`. */
export function lambdaSizing(modelBytes: number): { memoryMb: number; timeoutSeconds: number } {
  // The decoded model and its compiled arrays take roughly 12× the packed text; Node itself ~80 MB.
  // More memory also buys CPU on Lambda, which shortens the cold start of big models.
  const needed = 128 + (modelBytes * 12) / (1024 * 1024);
  const memoryMb = Math.min(3008, Math.max(256, Math.ceil(needed / 128) * 128));
  const timeoutSeconds = modelBytes > 20 * 1024 * 1024 ? 29 : 10;
  return { memoryMb, timeoutSeconds };
}
