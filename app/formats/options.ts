import type { ModelFormat } from '../model/types';

/**
 * What the user can tell the importer that a dump does not hold. Every field is optional; the
 * importer records the values it assumed in `TreeModel.assumptions` and warns about lossy dumps.
 */
export interface ParseOptions {
  /** Skip detection and read the text as this library's dump. */
  format?: ModelFormat;
  /** XGBoost text/JSON dumps: the objective (`binary:logistic`, `multi:softprob`, `reg:squarederror`…). */
  objective?: string;
  /** XGBoost text/JSON dumps: base_score (probability space for logistic objectives). */
  baseScore?: number;
  /** XGBoost dumps: number of classes (otherwise inferred from the objective and tree count). */
  numClass?: number;
  /** XGBoost dumps: feature map text (`index<TAB>name<TAB>type` lines). */
  featureMap?: string;
  /** Spark MLlib GBT (`TreeEnsembleModel` with no printed weights): the learning rate, default 0.1. */
  learningRate?: number;
  /** Spark MLlib TreeEnsembleModel: whether it is a GBT (`gbt`) or a random forest (`rf`); undecidable from the dump. */
  sparkEnsemble?: 'gbt' | 'rf';
  /** LightGBM `average_output` files from ≤ 2.2.2 stored transformed leaves: skip the transform. */
  lightgbmLegacyRf?: boolean;
  /**
   * Names for the features of a file that does not name them, in feature index order (the user's
   * CSV header or names file, `app/model/featureNames.ts`); one per feature.
   */
  featureNames?: string[];
  /**
   * Keep what only a person reads: node statistics (gain, count, cover, internal value) and source
   * positions. Default true. `splitscope predict` reads none of them; a 500 × 255-leaf model holds
   * 10 MB of them. The file is checked the same either way.
   */
  keepsDetails?: boolean;
}
