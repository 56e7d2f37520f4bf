#!/usr/bin/python3
"""XGBoost's own prediction speed for bench/scoring.bench.ts (Debian /usr/bin/python3, xgboost 1.7.4).

Usage: bench-xgboost-predict.py MODEL_JSON ROWS_F64 ROWS COLUMNS MARGINS_OUT
Reads ROWS x COLUMNS little-endian doubles (NaN = missing), predicts probabilities with nthread=1 (best of
3 runs, each on a fresh DMatrix whose construction is timed separately), writes the margins (one more, untimed predict) as float32 to MARGINS_OUT and
prints one JSON line with the timings (wall clock and process CPU time; CPU time is the fair
measure on a loaded machine).
"""
import json
import sys
import time

import numpy as np
import xgboost

model_path, rows_path, rows, columns, margins_path = sys.argv[1:6]
rows, columns = int(rows), int(columns)
data = np.fromfile(rows_path, dtype='<f8').reshape(rows, columns)
booster = xgboost.Booster(model_file=model_path)
booster.set_param({'nthread': 1})
timings = []
cpu_timings = []
dmatrix_seconds = []
for _ in range(3):
    # A fresh DMatrix each run: XGBoost caches predictions per DMatrix, so a repeat would cost nothing.
    start = time.perf_counter()
    matrix = xgboost.DMatrix(data, missing=np.nan, nthread=1)
    dmatrix_seconds.append(time.perf_counter() - start)
    start = time.perf_counter()
    cpu_start = time.process_time()
    # The transformed prediction, as Splitscope's predictBatch also computes it.
    booster.predict(matrix)
    cpu_timings.append(time.process_time() - cpu_start)
    timings.append(time.perf_counter() - start)
margins = booster.predict(xgboost.DMatrix(data, missing=np.nan, nthread=1), output_margin=True)
margins.astype('<f4').tofile(margins_path)
print(json.dumps({'xgboost': xgboost.__version__, 'predict_seconds': min(timings), 'predict_cpu_seconds': min(cpu_timings), 'runs': timings, 'dmatrix_seconds': min(dmatrix_seconds)}))
