import type { TreeModel } from '../../model/types';
import { ModelParseError } from '../errors';
import type { ParseOptions } from '../options';

/** XGBoost text dump → IR. */
export function parseXgboostText(_text: string, fileName: string, _options: ParseOptions): TreeModel {
  throw new ModelParseError({ code: 'E_PARSE_UNSUPPORTED', fileName, format: 'xgboost', detail: 'XGBoost text dumps are not supported yet' });
}

/** XGBoost `dump_format='json'` → IR. */
export function parseXgboostJsonDump(_text: string, fileName: string, _options: ParseOptions): TreeModel {
  throw new ModelParseError({ code: 'E_PARSE_UNSUPPORTED', fileName, format: 'xgboost', detail: 'XGBoost JSON dumps are not supported yet' });
}

/** XGBoost `save_model("model.json")` → IR. */
export function parseXgboostModelJson(_text: string, fileName: string, _options: ParseOptions): TreeModel {
  throw new ModelParseError({ code: 'E_PARSE_UNSUPPORTED', fileName, format: 'xgboost', detail: 'XGBoost model JSON is not supported yet' });
}
