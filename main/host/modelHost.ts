import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Cancelled, HostInfo, ModelDocument, OpenModelResult, SplitscopeBridge } from '../../app/bridge';
import { parseModelText, ModelParseError, type ParseOptions } from '../../app/formats';
import { parseTextRequestSchema, reparseRequestSchema } from './schemas';

/** Where a document's text came from, kept so it can be parsed again with other options. */
interface OpenDocument {
  text: string;
  fileName: string;
  path?: string;
}

export interface ModelHostOptions {
  kind: HostInfo['kind'];
  version: string;
  /** The model named on the command line, if any. */
  startupPath?: string;
  /** The bundled sample, opened when no model was named. */
  samplePath: string;
  /** Native Open dialog; undefined where there is none (browser mode). */
  showOpenDialog?: () => Promise<string | undefined>;
  /** Called with every error result, so it also reaches the console. */
  onError?: (message: string) => void;
}

/**
 * The bridge as the Node side implements it, shared by Electron IPC and the browser-mode HTTP host.
 * Parsing runs here, in the main process; the renderer only receives the model.
 */
export class ModelHost implements SplitscopeBridge {
  private readonly documents = new Map<string, OpenDocument>();

  constructor(private readonly options: ModelHostOptions) {}

  async openStartupModel(): Promise<OpenModelResult> {
    return this.openPath(this.options.startupPath ?? this.options.samplePath);
  }

  async openModelDialog(): Promise<OpenModelResult | Cancelled> {
    const path = await this.options.showOpenDialog?.();
    if (!path) return { status: 'cancelled' };
    return this.openPath(path);
  }

  async parseModelText(request: unknown): Promise<OpenModelResult> {
    const { text, fileName, options } = parseTextRequestSchema.parse(request);
    return this.parse({ text, fileName }, options ?? {});
  }

  async reparseModel(request: unknown): Promise<OpenModelResult> {
    const { documentId, options } = reparseRequestSchema.parse(request);
    const document = this.documents.get(documentId);
    if (!document) throw new Error(`unknown document ${documentId}`);
    return this.parse(document, options);
  }

  async getHostInfo(): Promise<HostInfo> {
    return { kind: this.options.kind, version: this.options.version };
  }

  /** Reads and parses a file the user chose (dialog, drop or command line). */
  async openPath(path: string): Promise<OpenModelResult> {
    const absolute = resolve(path);
    let text: string;
    try {
      if (!(await stat(absolute)).isFile()) throw new Error('not a file');
      text = await readFile(absolute, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      const message = `${absolute}: cannot read the model file: ${reason}`;
      this.options.onError?.(message);
      return { status: 'error', error: { code: 'E_FORMAT_UNKNOWN', message, fileName: basename(absolute) } };
    }
    return this.parse({ text, fileName: basename(absolute), path: absolute }, {});
  }

  private parse(source: OpenDocument, options: ParseOptions): OpenModelResult {
    const started = performance.now();
    try {
      const model = parseModelText(source.text, source.fileName, options);
      const id = randomUUID();
      this.documents.clear(); // one open document at a time; keeps memory bounded for 100 MB models
      this.documents.set(id, source);
      const document: ModelDocument = {
        id,
        fileName: source.fileName,
        path: source.path,
        sizeBytes: Buffer.byteLength(source.text),
        parseMillis: performance.now() - started,
        options,
        model,
      };
      return { status: 'ok', document };
    } catch (error) {
      if (!(error instanceof ModelParseError)) throw error;
      this.options.onError?.(error.info.message);
      return { status: 'error', error: error.info };
    }
  }
}
