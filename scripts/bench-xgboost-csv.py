#!/usr/bin/python3
"""XGBoost as its users score a CSV, for bench/predict-cli.bench.ts (Debian /usr/bin/python3, xgboost 1.7.4).

Usage:
  bench-xgboost-csv.py train MODEL_JSON CSV_OUT ROWS   # a 300-tree depth-8 binary model on 28 synthetic
                                                       # features, and ROWS rows to score (2% missing)
  bench-xgboost-csv.py predict MODEL_JSON CSV MARGINS_OUT
      pandas read_csv + DMatrix + predict (nthread=1, margins), the way a user's script does it;
      writes the margins as float32 and prints one JSON line with the time of each step.
"""
import json
import sys
import time

started = time.perf_counter()
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import xgboost  # noqa: E402

FEATURES = 28


def synthetic(rows, seed):
    generator = np.random.default_rng(seed)
    data = generator.normal(size=(rows, FEATURES))
    data[:, 3] = np.round(data[:, 3] * 3)
    data[:, 7] = np.exp(data[:, 7])
    signal = data[:, 0] * data[:, 1] + np.sin(3 * data[:, 2]) + 0.5 * data[:, 3] - np.log1p(data[:, 7]) + 0.3 * data[:, 4:12].sum(axis=1)
    labels = (signal + generator.normal(scale=0.5, size=rows) > 0).astype(int)
    data[generator.random(size=data.shape) < 0.02] = np.nan
    return data, labels


def train(model_path, csv_path, rows):
    data, labels = synthetic(50_000, 1)
    booster = xgboost.train(
        {'objective': 'binary:logistic', 'max_depth': 8, 'eta': 0.1, 'nthread': 2, 'tree_method': 'hist'},
        xgboost.DMatrix(data, label=labels, missing=np.nan),
        num_boost_round=300,
    )
    booster.save_model(model_path)
    rows_data, _ = synthetic(rows, 2)
    frame = pd.DataFrame(rows_data, columns=[f'f{index}' for index in range(FEATURES)])
    frame.to_csv(csv_path, index=False, float_format='%.7g')


def predict(model_path, csv_path, margins_path):
    imported = time.perf_counter()
    frame = pd.read_csv(csv_path)
    read = time.perf_counter()
    booster = xgboost.Booster(model_file=model_path)
    booster.set_param({'nthread': 1})
    matrix = xgboost.DMatrix(frame, missing=np.nan, nthread=1)
    built = time.perf_counter()
    margins = booster.predict(matrix, output_margin=True)
    predicted = time.perf_counter()
    margins.astype('<f4').tofile(margins_path)
    print(json.dumps({
        'xgboost': xgboost.__version__,
        'import_seconds': imported - started,
        'read_csv_seconds': read - imported,
        'dmatrix_seconds': built - read,
        'predict_seconds': predicted - built,
    }))


if __name__ == '__main__':
    if sys.argv[1] == 'train':
        train(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif sys.argv[1] == 'predict':
        predict(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)
