import type { ModelFormat } from '../model/types';

/** The concrete kind of dump, finer than the library (a library may write several). */
export type DumpKind =
  | 'spark-text'
  | 'lightgbm-text'
  | 'lightgbm-json'
  | 'xgboost-text'
  | 'xgboost-json-dump'
  | 'xgboost-model-json'
  | 'sklearn-text'
  | 'dot';

export interface Detection {
  kind: DumpKind;
  format: ModelFormat | undefined;
  /** 1-based line where the signature was found. */
  line: number;
}

const SPARK_HEADER =
  /^\s*(DecisionTreeModel (classifier|regressor) of depth|TreeEnsembleModel (classifier|regressor) with|RandomForestModel (classifier|regressor) with|(DecisionTreeClassificationModel|DecisionTreeRegressionModel|RandomForestClassificationModel|RandomForestRegressionModel|GBTClassificationModel|GBTRegressionModel)\b)/;
const SPARK_BODY = /^\s*(If \(feature \d+ |Predict: )/;
const XGB_BOOSTER = /^booster\[\d+\]:?\s*$/;
const XGB_NODE = /^\t*\d+:(\[|leaf=)/;
const SKL_LINE = /^\|[- ]*[-]{1,} /;

/** Kind for each library, used when the user forces `--format`. */
export const FORMAT_OF_KIND: Record<DumpKind, ModelFormat | undefined> = {
  'spark-text': 'spark',
  'lightgbm-text': 'lightgbm',
  'lightgbm-json': 'lightgbm',
  'xgboost-text': 'xgboost',
  'xgboost-json-dump': 'xgboost',
  'xgboost-model-json': 'xgboost',
  'sklearn-text': 'sklearn',
  dot: undefined,
};

function detectJson(text: string): Detection | undefined {
  const start = text.search(/\S/);
  if (start < 0 || (text[start] !== '{' && text[start] !== '[')) return undefined;
  const head = text.slice(start, start + 20_000);
  if (text[start] === '{' && /"learner"\s*:/.test(head) && /"gradient_booster"\s*:/.test(text)) {
    return { kind: 'xgboost-model-json', format: 'xgboost', line: 1 };
  }
  if (text[start] === '{' && /"tree_info"\s*:/.test(text) && /"name"\s*:\s*"tree"/.test(head)) {
    return { kind: 'lightgbm-json', format: 'lightgbm', line: 1 };
  }
  if (text[start] === '[' && /"nodeid"\s*:/.test(head)) {
    return { kind: 'xgboost-json-dump', format: 'xgboost', line: 1 };
  }
  return undefined;
}

/**
 * Recognises a dump by the first line that carries a format's signature (FORMATS.md section 0),
 * not by the first byte: users wrap dumps in banners and notes. Returns undefined when nothing matches.
 */
export function detectFormat(text: string): Detection | undefined {
  const json = detectJson(text);
  if (json) return json;
  let lineStart = 0;
  let lineNumber = 0;
  // Scan at most the first 5,000 lines: every signature appears early in real files.
  while (lineStart <= text.length && lineNumber < 5_000) {
    lineNumber++;
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    lineStart = lineEnd + 1;
    if (line === 'tree' || (line.startsWith('Tree=') && /^Tree=\d+$/.test(line))) {
      return { kind: 'lightgbm-text', format: 'lightgbm', line: lineNumber };
    }
    if (SPARK_HEADER.test(line) || SPARK_BODY.test(line)) {
      return { kind: 'spark-text', format: 'spark', line: lineNumber };
    }
    if (XGB_BOOSTER.test(line) || XGB_NODE.test(line)) {
      return { kind: 'xgboost-text', format: 'xgboost', line: lineNumber };
    }
    if (SKL_LINE.test(line)) return { kind: 'sklearn-text', format: 'sklearn', line: lineNumber };
    if (/^\s*(strict\s+)?digraph\b/.test(line)) return { kind: 'dot', format: undefined, line: lineNumber };
    if (lineEnd >= text.length) break;
  }
  return undefined;
}
