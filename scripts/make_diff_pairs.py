#!/usr/bin/python3
"""Generates model pairs for `splitscope diff` into fixtures/diff/<pair>/.

Run with Debian's Python (python3-sklearn 1.2, python3-xgboost 1.7.4; not the `python3` first on PATH):

    /usr/bin/python3 scripts/make_diff_pairs.py

Pairs (each folder: old and new model files, rows.csv with a `label` column, expected.json with the
libraries' own predictions of both versions and the counts the diff must report):
- xgb_binary      binary:logistic on breast cancer, 50 rounds (old) and the same training run for 80
                  rounds (new); old.json, new.json, and old.dump.txt: the text dump (with stats) of old.json
- xgb_regression  reg:squarederror on diabetes, 50 and 80 rounds; expected counts at tolerance 1.0
- skl_wine        DecisionTreeClassifier on wine at max_depth 2 (old) and 4 (new), export_text with
                  show_weights and exact decimals
"""
import json
import math
import sys
from pathlib import Path

import numpy as np
import xgboost as xgb
from sklearn.datasets import load_breast_cancer, load_diabetes, load_wine
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier, export_text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_sample import exact_decimals  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent / 'fixtures' / 'diff'
SEED = 20261205
REGRESSION_TOLERANCE = 1.0


def shortest(value) -> str:
    value = float(value)
    return '' if math.isnan(value) else repr(value)


def snake(name: str) -> str:
    return name.replace(' ', '_')


def write_rows(folder: Path, names, rows, labels) -> None:
    lines = [','.join(list(names) + ['label'])]
    for row, label in zip(rows, labels):
        lines.append(','.join([shortest(v) for v in row] + [str(label)]))
    (folder / 'rows.csv').write_text('\n'.join(lines) + '\n')


def write_expected(folder: Path, payload: dict) -> None:
    (folder / 'expected.json').write_text(json.dumps(payload, indent=1) + '\n')


def xgb_pair(name: str, loader, objective: str, is_classifier: bool) -> None:
    folder = ROOT / name
    folder.mkdir(parents=True, exist_ok=True)
    data = loader()
    names = [snake(n) for n in data.feature_names]
    x_train, x_test, y_train, y_test = train_test_split(data.data, data.target, test_size=120, random_state=SEED)
    train = xgb.DMatrix(x_train, label=y_train, feature_names=names)
    params = {'objective': objective, 'max_depth': 4, 'eta': 0.1, 'seed': SEED, 'nthread': 1, 'base_score': 0.5}
    # The "new" model continues the very same run: same 50 first trees, 30 more.
    old = xgb.train(params, train, num_boost_round=50)
    new = xgb.train(params, train, num_boost_round=30, xgb_model=old.copy())
    old.save_model(str(folder / 'old.json'))
    new.save_model(str(folder / 'new.json'))
    (folder / 'old.dump.txt').write_text(''.join(f'booster[{i}]:\n{tree}' for i, tree in enumerate(old.get_dump(with_stats=True))))
    test = xgb.DMatrix(x_test, feature_names=names)
    p_old = old.predict(test).astype(np.float64)
    p_new = new.predict(test).astype(np.float64)
    delta = p_new - p_old
    if is_classifier:
        changed = int(np.sum((p_old > 0.5) != (p_new > 0.5)))
    else:
        changed = int(np.sum(np.abs(delta) > REGRESSION_TOLERANCE))
    labels = [int(v) for v in y_test] if is_classifier else [shortest(v) for v in y_test]
    write_rows(folder, names, x_test, labels)
    write_expected(folder, {
        'library': f'xgboost {xgb.__version__}',
        'objective': objective,
        'trees': {'old': 50, 'new': 80},
        'rows': len(x_test),
        'tolerance': None if is_classifier else REGRESSION_TOLERANCE,
        'predictionChanged': changed,
        'maxAbsDelta': float(np.max(np.abs(delta))),
        'old': [float(v) for v in p_old],
        'new': [float(v) for v in p_new],
    })


def skl_pair() -> None:
    folder = ROOT / 'skl_wine'
    folder.mkdir(parents=True, exist_ok=True)
    data = load_wine()
    names = [snake(n).replace('/', '_') for n in data.feature_names]
    x_train, x_test, y_train, y_test = train_test_split(data.data, data.target, test_size=60, random_state=SEED)
    predictions = {}
    for side, depth in (('old', 2), ('new', 4)):
        model = DecisionTreeClassifier(max_depth=depth, random_state=SEED).fit(x_train, y_train)
        tree = model.tree_
        decimals = exact_decimals([t for t in tree.threshold if t != -2] + [v for v in tree.value.ravel()])
        text = export_text(model, feature_names=names, max_depth=int(tree.max_depth), show_weights=True, decimals=decimals)
        (folder / f'{side}.txt').write_text(text)
        predictions[side] = model.predict(x_test)
    changed = int(np.sum(predictions['old'] != predictions['new']))
    write_rows(folder, names, x_test, [int(v) for v in y_test])
    write_expected(folder, {
        'library': 'scikit-learn DecisionTreeClassifier, max_depth 2 (old) and 4 (new)',
        'rows': len(x_test),
        'predictionChanged': changed,
        'old': [int(v) for v in predictions['old']],
        'new': [int(v) for v in predictions['new']],
    })


def main() -> None:
    xgb_pair('xgb_binary', load_breast_cancer, 'binary:logistic', True)
    xgb_pair('xgb_regression', load_diabetes, 'reg:squarederror', False)
    skl_pair()


if __name__ == '__main__':
    main()
