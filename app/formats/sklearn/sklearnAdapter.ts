import type { TreeModel } from '../../model/types';
import { ModelParseError } from '../errors';
import type { ParseOptions } from '../options';

/** scikit-learn `export_text` → IR. */
export function parseSklearnText(_text: string, fileName: string, _options: ParseOptions): TreeModel {
  throw new ModelParseError({ code: 'E_PARSE_UNSUPPORTED', fileName, format: 'sklearn', detail: 'scikit-learn export_text is not supported yet' });
}
