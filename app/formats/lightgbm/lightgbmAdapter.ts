import type { TreeModel } from '../../model/types';
import { ModelParseError } from '../errors';
import type { ParseOptions } from '../options';

/** LightGBM `model.txt` → IR. */
export function parseLightgbmText(_text: string, fileName: string, _options: ParseOptions): TreeModel {
  throw new ModelParseError({ code: 'E_PARSE_UNSUPPORTED', fileName, format: 'lightgbm', detail: 'LightGBM model.txt is not supported yet' });
}

/** LightGBM `dump_model()` JSON → IR. */
export function parseLightgbmJson(_text: string, fileName: string, _options: ParseOptions): TreeModel {
  throw new ModelParseError({ code: 'E_PARSE_UNSUPPORTED', fileName, format: 'lightgbm', detail: 'LightGBM JSON dumps are not supported yet' });
}
