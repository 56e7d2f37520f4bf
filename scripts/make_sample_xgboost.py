#!/usr/bin/python3
"""Builds the sample Splitscope opens at start: assets/samples/breast_cancer_xgboost.*

Run with Debian's Python, which has XGBoost 1.7.4 and scikit-learn 1.2 (not the `python3` first on PATH):

    /usr/bin/python3 scripts/make_sample_xgboost.py

A boosted ensemble, the kind of model the app is for: XGBoost `binary:logistic`, 60 rounds of
depth-3 trees (learning rate 0.2, exact tree method, one thread, seed 0, so the file is the same on
every run) on scikit-learn's breast cancer data (569 rows, 30 measurements of cell nuclei; the
label is 1 for benign, 0 for malignant). Feature names have no spaces, so the saved model carries
them and opens without import warnings. It writes:

- breast_cancer_xgboost.json                the model (`Booster.save_model`, JSON, feature names included)
- breast_cancer_xgboost.csv                 all 569 rows: the 30 features by name, then `label`
- breast_cancer_xgboost.expected_pred.csv   `predict` (probability of benign) for every CSV row
- breast_cancer_xgboost.expected_raw.csv    `predict(output_margin=True)`

Every value in the CSV is the float32 XGBoost trains on, written in its shortest form, so the app
reads exactly the rows XGBoost scored.
"""
import csv
from pathlib import Path

import numpy as np
import xgboost as xgb
from sklearn.datasets import load_breast_cancer

NAME = 'breast_cancer_xgboost'
OUT = Path(__file__).resolve().parent.parent / 'assets' / 'samples'


def main() -> None:
    data = load_breast_cancer()
    names = [name.replace(' ', '_') for name in data.feature_names]
    features = data.data.astype(np.float32)
    label = data.target.astype(int)
    matrix = xgb.DMatrix(features, label=label, feature_names=names)
    params = {
        'objective': 'binary:logistic',
        'max_depth': 3,
        'eta': 0.2,
        'tree_method': 'exact',
        'nthread': 1,
        'seed': 0,
        'eval_metric': 'logloss',
    }
    booster = xgb.train(params, matrix, num_boost_round=60)
    OUT.mkdir(parents=True, exist_ok=True)
    booster.save_model(str(OUT / f'{NAME}.json'))
    # Score what the CSV will hold, read back as the app reads it.
    with open(OUT / f'{NAME}.csv', 'w', newline='') as file:
        writer = csv.writer(file, lineterminator='\n')
        writer.writerow([*names, 'label'])
        for row, target in zip(features, label):
            writer.writerow([*(repr(float(value)) if value != int(value) else str(int(value)) for value in row), int(target)])
    reread = np.loadtxt(OUT / f'{NAME}.csv', delimiter=',', skiprows=1, dtype=np.float64)[:, : len(names)].astype(np.float32)
    assert np.array_equal(reread, features), 'the CSV does not hold the float32 rows XGBoost scored'
    check = xgb.DMatrix(reread, feature_names=names)
    for suffix, values in (('pred', booster.predict(check)), ('raw', booster.predict(check, output_margin=True))):
        with open(OUT / f'{NAME}.expected_{suffix}.csv', 'w', newline='') as file:
            file.write(f'{suffix}\n')
            for value in values:
                file.write(f'{repr(float(value))}\n')
    print(f'wrote {OUT}/{NAME}.* ({len(label)} rows, {booster.num_boosted_rounds()} trees)')


if __name__ == '__main__':
    main()
