import type { TreeModel } from '../../model/types';
import type { ParseOptions } from '../options';
import { readLightgbmJson } from './jsonModel';
import { readLightgbmText } from './textModel';

/**
 * LightGBM `model.txt` → IR (FORMATS.md section B), every version from 2.0 to 4.x, 100+ MB files included.
 * Structure comes from grammar/LightGBM.g4 (E_PARSE_SYNTAX with line and column); array lengths, child
 * indices, categorical bitsets and required keys are checked here (E_PARSE_STRUCTURE at the offending key).
 */
export function parseLightgbmText(text: string, fileName: string, options: ParseOptions): TreeModel {
  return readLightgbmText(text, fileName, options);
}

/** LightGBM `Booster.dump_model()` JSON → the same IR as the model.txt of the same model. */
export function parseLightgbmJson(text: string, fileName: string, options: ParseOptions): TreeModel {
  return readLightgbmJson(text, fileName, options);
}
