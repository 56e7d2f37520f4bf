import type { HelpTopic } from './args';
import { EXPORT_HELP } from './exportCommand';
import { EXPORT_TARGETS } from '../../app/export/targets';

const MODEL_OPTIONS_HELP = `Model options (what a dump does not say; all optional):
  --format F               read MODEL as lightgbm, xgboost, sklearn or spark (default: recognised from the content)
  --objective O            XGBoost dumps: the objective (binary:logistic, multi:softprob, reg:squarederror…)
  --base-score B           XGBoost dumps: base_score (probability space for logistic objectives)
  --num-class K            XGBoost dumps: number of classes
  --feature-map FILE       XGBoost: feature map (index<TAB>name<TAB>type lines)
  --feature-names FILE     a file without feature names (Spark, XGBoost dumps, export_text feature_N):
                           name them from a CSV header, a feature map or one name per line, in order
  --learning-rate R        Spark MLlib GBT ensembles: the learning rate (default 0.1)
  --spark-ensemble rf|gbt  Spark MLlib TreeEnsembleModel: random forest or gradient-boosted
  --legacy-rf              LightGBM average_output models from LightGBM <= 2.2.2 (leaves already transformed)`;

const INSPECT_HELP = `Usage: splitscope inspect MODEL [options]

Prints what the model is: format, task, objective, classes, trees, nodes, depth, features and the
warnings found while reading it.

  --json                   print the whole model (the Splitscope IR) as JSON instead

${MODEL_OPTIONS_HELP}`;

const PREDICT_HELP = `Usage: splitscope predict MODEL --csv IN.csv [options]

Scores every row of IN.csv (a header row, then one row per input) and writes a CSV with one row per
input row: prediction (class label or value), prob (binary) or prob_<class> (multiclass), then the
optional columns below. Empty cells and NaN/NA/null/None are missing values.

  --csv IN.csv             the rows to score (required)
  -o, --out OUT.csv        write there instead of to standard output (written only when all rows succeed)
  --raw                    add raw (one output) or raw_<k>: the scores before the output transform
  --raw-only               write raw or raw_<k> instead of prediction and prob: what LightGBM's
                           predict_raw_score and XGBoost's output_margin give
  --leaves                 add leaf_<t> for every tree: the leaf as the library numbers it
  --ignore-columns A,B     columns that are not features (a label, an id); repeatable
  --ignore-unknown-columns skip every column that is not a feature (unnamed models: the first N columns are the features)
  --strict-columns         a column matched by name that is not a feature is an error (default: skipped, named on stderr)
  --bad-values MODE        a cell that is not a number: error (default: stop, exit 4), missing (read as
                           missing and count), row (that row gets no prediction and the reason in the error column)
  --category-codes         categorical features with labels (LightGBM pandas_categorical): the cells hold codes, not labels
  --delimiter D            field separator: one character, or tab, comma, semicolon (default: tab for .tsv, else comma)
  --threads N              use N threads in all: N - 1 worker threads score; the main thread reads, writes and scores too (default 1)
  --engine E               auto (default: the model compiled to WebAssembly once a few thousand rows have come),
                           compiled (from the first row) or interpreter; the results are the same bits

Columns are matched to the model's features by name when the model has feature names, else by the
default names f0…/feature 0…/feature_0… when the header has them all, else by position.

${MODEL_OPTIONS_HELP}`;

const GENERAL_HELP = `Usage: splitscope <command> [options]

Open a trained tree model (LightGBM model.txt, XGBoost dump or JSON, scikit-learn export_text, Spark
toDebugString) and score data with exactly the library's predictions.

Commands:
  inspect MODEL            describe the model (--json: the whole model)
  predict MODEL --csv IN   score the rows of a CSV file
  export MODEL --target ${EXPORT_TARGETS.join('|')} --out DIR
                           write a prediction service for the model and check it
  diff OLD NEW [--csv ROWS]
                           what changed between two versions of a model (diff --help for options)

Options:
  -h, --help               help (splitscope <command> --help for a command's options)
  -V, --version            the version

Exit codes: 0 ok, 1 unexpected failure, 2 usage error, 3 model file error, 4 data file error,
5 export failed, 6 diff --fail-on-change found a changed prediction.`;

/** The help text of a command, or the general one. */
export function helpText(topic?: HelpTopic): string {
  if (topic === 'export') return EXPORT_HELP.endsWith('\n') ? EXPORT_HELP : EXPORT_HELP + '\n';
  if (topic === 'inspect') return INSPECT_HELP + '\n';
  if (topic === 'predict') return PREDICT_HELP + '\n';
  return GENERAL_HELP + '\n';
}
