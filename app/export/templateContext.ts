import type { TreeModel } from '../model/types';

/** Everything the bundle's text files are written from. */
export interface TemplateContext {
  /** Service name (see `serviceName`). */
  name: string;
  model: TreeModel;
  featureNames: string[];
  /** Real rows for examples (at least one). */
  sampleRows: number[][];
  /** `sha256:<hex>` of the embedded model. */
  checksum: string;
  /** Splitscope version. */
  version: string;
  memoryMb: number;
  timeoutSeconds: number;
  maxBodyBytes: number;
  maxRows: number;
  modelBytes: number;
  goldenRows: number;
  goldenSource: 'csv' | 'generated';
}
