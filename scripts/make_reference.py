#!/usr/bin/python3
"""Generates the project's own reference cases into fixtures/reference/<case>/.

Run with Debian's Python (python3-sklearn 1.2, python3-xgboost 1.7.4; not the `python3` first on PATH):

    /usr/bin/python3 scripts/make_reference.py            # every case
    /usr/bin/python3 scripts/make_reference.py skl_dtr_diabetes   # some cases

Each case folder has the layout of ../shared/reference/<case>/ (see its README.md): meta.json,
input_main.csv (held-out rows), input_edge.csv (rows with values on, just beside and rounding onto
split thresholds, plus ±0.0, tiny values and, where the library accepts it, NaN), the library's own
predictions expected_<input>_{raw,pred,leaf,label}.csv, and the model files. Floats are written as the
shortest decimal that round-trips to the double; an empty cell is a missing value.

Cases:
- xgb_softmax_named_missing   multi:softmax, 3 classes, named features, NaN in training and test
- xgb_deep_regression         reg:squarederror, max_depth 12 (trees 10+ deep), exact method
- xgb_categorical             binary:logistic with categorical features (feature_types 'c'), one-hot and
                              partition splits, NaN, unseen/negative/non-integer/huge category codes
- skl_dtr_diabetes            DecisionTreeRegressor, named features, export_text with exact decimals
- skl_dtc_deep_digits         DecisionTreeClassifier max_depth=None on digits (10 classes, 64 default-named
                              features), export_text(max_depth=tree depth, show_weights=True)
- skl_dtc_wine_spaced_names   DecisionTreeClassifier max_depth=None, 3 classes, feature names with spaces
                              and a slash, export_text without weights (pure leaves, so the class is the whole
                              distribution)
"""
import csv
import json
import math
import re
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import sklearn
import xgboost as xgb
from sklearn.datasets import load_diabetes, load_digits, load_wine, make_friedman1
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor, export_text

# Shared with the sample generator beside this script (scripts/ is on sys.path when run directly).
from make_sample import exact_decimals, tree_arrays

ROOT = Path(__file__).resolve().parent.parent / 'fixtures' / 'reference'
SEED = 20240611
TINY = [1e-45, -1e-45, 3e-39]  # float32 denormals: |x| <= 1e-35
EDGE_DESCRIPTION = (
    'adversarial rows built from main rows: each feature is, at random, replaced by a split threshold of that '
    'feature taken from the model, or its nextafter neighbour (float64 neighbours for LightGBM; for XGBoost/sklearn '
    'the float32 rounding of the threshold, its float32 neighbours, and doubles that round onto it), or by NaN / '
    '+-0.0 / tiny (|x|<=1e-35) / +-inf special values where the case allows them'
)
MAIN_DESCRIPTION = "held-out rows of the case's dataset (never seen in training unless the case notes say otherwise)"
SKLEARN_BUILD = 'Debian bookworm package python3-sklearn 1.2.1+dfsg-1'
XGBOOST_BUILD = 'Debian bookworm packages python3-xgboost/libxgboost0 1.7.4-1'
F32_NOTE = ('sklearn casts X to float32 before descending: go left iff float32(x) <= threshold (threshold is a float64). '
            'No missing-value support in 1.2 (inputs have no NaN).')
XGB_F32_NOTE = ("XGBoost evaluates in float32: DMatrix casts inputs to float32 (round to nearest); numerical split goes to "
                "'yes' (left) iff x_f32 < split_condition_f32; NaN follows 'missing'. Margin = float32 base_margin + leaf "
                "values added one tree at a time in tree order (per output group), in float32. Outputs were widened to "
                "double before printing, so the CSV text is the exact float32 value.")
XGB_BASE_NOTE = ('Neither text nor JSON dump contains base_score; use base_margin (already converted to margin space) from '
                 'this meta.json or learner_model_param.base_score in model.json.')


# ---------------------------------------------------------------------------------------------- numbers

def shortest(value) -> str:
    """Shortest round-trip decimal of a double; NaN is an empty (missing) cell."""
    value = float(value)
    if math.isnan(value):
        return ''
    return repr(value)


def f32_direct(text: str) -> np.float32:
    """The float32 nearest to the decimal text itself (ties to even), without going through a double."""
    exact = Fraction(text)
    guess = np.float32(float(text))
    candidates = [np.nextafter(guess, np.float32(-np.inf)), guess, np.nextafter(guess, np.float32(np.inf))]
    best = min(candidates, key=lambda c: (abs(Fraction(float(c)) - exact), int(np.array(c).view(np.uint32)) & 1))
    return best


def double_rounding_cells(rows) -> int:
    """Cells whose text, parsed straight to float32, differs from parsing to double then casting."""
    count = 0
    for row in rows:
        for cell in row:
            if cell == '' or cell in ('inf', '-inf'):
                continue
            if np.float32(float(cell)) != f32_direct(cell) and not (float(cell) == 0.0):
                count += 1
    return count


def f32_neighbourhood(threshold: float, rng) -> list:
    """Threshold, its float32 rounding, float32 neighbours, and doubles that round onto them."""
    t32 = np.float32(threshold)
    down = np.nextafter(t32, np.float32(-np.inf))
    up = np.nextafter(t32, np.float32(np.inf))
    values = [float(threshold), float(t32), float(down), float(up)]
    for centre in (t32, down, up):
        ulp = float(np.nextafter(centre, np.float32(np.inf))) - float(centre)
        # Inside the rounding interval (rounds onto `centre`) and exactly half way (ties to even).
        values += [float(centre) + ulp * 0.25, float(centre) - ulp * 0.25, float(centre) + ulp / 2]
    return [v for v in values if math.isfinite(v)]


def edge_rows(main: np.ndarray, thresholds: dict, rng, count: int, allow_nan: bool, extra=None) -> np.ndarray:
    """Rows from `main` with features replaced by threshold neighbourhoods or special values."""
    candidates = {feature: [v for t in values for v in f32_neighbourhood(t, rng)] for feature, values in thresholds.items()}
    specials = [0.0, -0.0] + TINY + ([float('nan')] if allow_nan else [])
    rows = np.array([main[i % len(main)] for i in range(count)], dtype=np.float64)
    for row in rows:
        for feature in range(rows.shape[1]):
            draw = rng.random()
            if extra and feature in extra and draw < 0.6:
                row[feature] = extra[feature][rng.integers(len(extra[feature]))]
            elif draw < 0.45 and candidates.get(feature):
                row[feature] = candidates[feature][rng.integers(len(candidates[feature]))]
            elif draw < 0.6:
                row[feature] = specials[rng.integers(len(specials))]
    return rows


def write_csv(path: Path, header, rows) -> None:
    with path.open('w', newline='') as handle:
        writer = csv.writer(handle, lineterminator='\n')
        writer.writerow(header)
        writer.writerows(rows)


def write_inputs(folder: Path, names, inputs: dict) -> dict:
    """Writes input_<name>.csv files; returns the double-rounding counts per input."""
    counts = {}
    for name, X in inputs.items():
        rows = [[shortest(v) for v in row] for row in X]
        write_csv(folder / f'input_{name}.csv', names, rows)
        counts[name] = double_rounding_cells(rows)
    return counts


def input_entries(inputs: dict, counts: dict, kinds) -> list:
    return [{
        'name': name,
        'input': f'input_{name}.csv',
        'rows': int(len(X)),
        'expected': {kind: f'expected_{name}_{kind}.csv' for kind in kinds},
        'leaf_rows': int(len(X)),
        'description': MAIN_DESCRIPTION if name == 'main' else EDGE_DESCRIPTION,
        'f32_double_rounding_cells': counts[name],
    } for name, X in inputs.items()]


def write_meta(folder: Path, meta: dict) -> None:
    (folder / 'meta.json').write_text(json.dumps(meta, indent=1) + '\n')


# ---------------------------------------------------------------------------------------------- scikit-learn

def sklearn_tree_json(model, feature_names) -> dict:
    tree = model.tree_
    document = {
        'library': 'sklearn',
        'version': sklearn.__version__,
        'estimator': type(model).__name__,
        'feature_names': list(feature_names),
        'n_features_in': int(model.n_features_in_),
    }
    if hasattr(model, 'classes_'):
        document['classes'] = [c.item() for c in model.classes_]
    document['n_outputs'] = int(model.n_outputs_)
    document['trees'] = [tree_arrays(tree)]
    return document


def check_export(text: str, model, feature_names) -> None:
    """The printed tree, read back in pre-order, has the arrays' structure, thresholds and leaf numbers exactly."""
    tree = model.tree_
    lines = text.rstrip('\n').split('\n')
    assert not any('truncated branch' in line for line in lines), 'export_text truncated the tree'
    position = 0

    def walk(node: int, depth: int) -> None:
        nonlocal position
        prefix = '|   ' * (depth - 1) + '|--- '
        if tree.children_left[node] == -1:
            line = lines[position]
            assert line.startswith(prefix), line
            numbers = re.search(r'(?:weights|value): \[([^\]]*)\]', line)
            if numbers:
                printed = [float(v) for v in numbers.group(1).split(', ')]
                stored = list(tree.value[node][0]) if not hasattr(model, 'classes_') else list(tree.value[node][0])
                assert printed == stored, (line, stored)
            position += 1
            return
        for operator, child in ((' <= ', tree.children_left[node]), (' >  ', tree.children_right[node])):
            line = lines[position]
            assert line.startswith(prefix + feature_names[tree.feature[node]] + operator), line
            assert float(line.rsplit(' ', 1)[1]) == tree.threshold[node], (line, tree.threshold[node])
            position += 1
            walk(child, depth + 1)

    walk(0, 1)
    assert position == len(lines)


def sklearn_case(name: str, model, feature_names, names_given: bool, X_train, y_train, X_test, rng, show_weights: bool, notes, dataset: str) -> None:
    folder = ROOT / name
    folder.mkdir(parents=True, exist_ok=True)
    model.fit(X_train, y_train)
    tree = model.tree_
    is_classifier = hasattr(model, 'classes_')
    split_nodes = [i for i in range(tree.node_count) if tree.children_left[i] != -1]
    numbers = [float(tree.threshold[i]) for i in split_nodes]
    leaf_numbers = [float(v) for i in range(tree.node_count) if tree.children_left[i] == -1 for v in tree.value[i][0]]
    decimals = exact_decimals(numbers + (leaf_numbers if (show_weights or not is_classifier) else []))
    text = export_text(model, feature_names=list(feature_names) if names_given else None, max_depth=int(tree.max_depth),
                       decimals=decimals, show_weights=show_weights)
    printed_names = list(feature_names) if names_given else [f'feature_{i}' for i in range(X_train.shape[1])]
    check_export(text, model, printed_names)
    (folder / 'tree.txt').write_text(text)
    (folder / 'tree.json').write_text(json.dumps(sklearn_tree_json(model, feature_names), indent=1) + '\n')

    thresholds = {}
    for i in split_nodes:
        thresholds.setdefault(int(tree.feature[i]), []).append(float(tree.threshold[i]))
    X_edge = edge_rows(X_test, thresholds, rng, 300, allow_nan=False)
    inputs = {'main': X_test, 'edge': X_edge}
    counts = write_inputs(folder, feature_names, inputs)
    kinds = ['pred', 'label', 'leaf'] if is_classifier else ['pred', 'leaf']
    for input_name, X in inputs.items():
        if is_classifier:
            proba = model.predict_proba(X)
            write_csv(folder / f'expected_{input_name}_pred.csv', [f'prob_{k}' for k in range(proba.shape[1])], [[shortest(p) for p in row] for row in proba])
            write_csv(folder / f'expected_{input_name}_label.csv', ['label'], [[repr(label.item())] for label in model.predict(X)])
        else:
            write_csv(folder / f'expected_{input_name}_pred.csv', ['pred'], [[shortest(p)] for p in model.predict(X)])
        write_csv(folder / f'expected_{input_name}_leaf.csv', ['t0'], [[int(leaf)] for leaf in model.apply(X)])

    params = model.get_params()
    meta = {
        'case': name,
        'library': 'sklearn',
        'library_version': sklearn.__version__,
        'library_build': SKLEARN_BUILD,
        'producer': f'{type(model).__name__}.fit then ' + ('predict_proba/predict/apply' if is_classifier else 'predict/apply') + ' on float64 arrays',
        'model_files': {'tree_json': 'tree.json', 'export_text': 'tree.txt'},
        'estimator': type(model).__name__,
        'estimator_params': {key: params[key] for key in sorted(params)},
        'export_text_decimals': decimals,
        'objective': params['criterion'],
        'task': ('multiclass' if len(model.classes_) > 2 else 'binary') if is_classifier else 'regression',
        'num_class': int(len(model.classes_)) if is_classifier else 0,
        'classes': [c.item() for c in model.classes_] if is_classifier else None,
        'n_outputs': int(model.n_outputs_),
        'num_trees': 1,
        'node_counts': [int(tree.node_count)],
        'max_depths': [int(tree.max_depth)],
        'num_features': int(X_train.shape[1]),
        'feature_names': list(feature_names),
        'train_rows': int(len(X_train)),
        'outputs': {
            'pred': 'classifier: predict_proba (value[leaf]/sum(value[leaf]), averaged over trees for forests); regressor: predict (value[leaf], averaged for forests)',
            **({'label': 'classifier: predict() = classes[argmax(proba)] (first max wins)'} if is_classifier else {}),
            'leaf': 'apply(): node id (index into tree.json arrays) of the reached leaf, per tree',
        },
        'inputs': input_entries(inputs, counts, kinds),
        'notes': [
            f'Dataset: {dataset}.',
            *notes,
            F32_NOTE,
            f'tree.txt is export_text(show_weights={show_weights}, decimals=export_text_decimals, max_depth=the tree depth'
            + ('' if names_given else ', no feature_names so features print as feature_i') + ') which prints fixed-point; decimals chosen so every '
            'threshold' + (' and leaf number' if (show_weights or not is_classifier) else '') + ' round-trips exactly (checked by the script). tree.json is the authoritative exact form.',
        ],
    }
    write_meta(folder, meta)
    print(f'{name}: {tree.node_count} nodes, depth {tree.max_depth}, decimals {decimals}', file=sys.stderr)


def skl_dtr_diabetes(rng) -> None:
    data = load_diabetes()
    X_train, X_test, y_train, _ = train_test_split(data.data, data.target, test_size=100, random_state=0)
    model = DecisionTreeRegressor(max_depth=6, min_samples_leaf=5, random_state=0)
    sklearn_case('skl_dtr_diabetes', model, data.feature_names, True, X_train, y_train, X_test, rng, False,
                 ['Regressor: leaves print `value: [v]`; predict() is the reached leaf value.', 'max_depth=6, min_samples_leaf=5.'],
                 'sklearn load_diabetes (442 rows, 10 scaled features; 342 train, 100 held out)')


def skl_dtc_deep_digits(rng) -> None:
    data = load_digits()
    X_train, X_test, y_train, _ = train_test_split(data.data, data.target, test_size=297, random_state=0, stratify=data.target)
    model = DecisionTreeClassifier(max_depth=None, random_state=0)
    sklearn_case('skl_dtc_deep_digits', model, [f'feature_{i}' for i in range(64)], False, X_train, y_train, X_test, rng, True,
                 ['max_depth=None (grown until pure); a deep tree with 10 classes. No feature_names given, so the text says feature_i.'],
                 'sklearn load_digits (1797 rows, 64 pixel intensities 0..16; 1500 train, 297 held out)')


def skl_dtc_wine_spaced_names(rng) -> None:
    data = load_wine()
    names = [name.replace('_', ' ') for name in data.feature_names]
    X_train, X_test, y_train, _ = train_test_split(data.data, data.target, test_size=48, random_state=1, stratify=data.target)
    model = DecisionTreeClassifier(max_depth=None, random_state=0)
    sklearn_case('skl_dtc_wine_spaced_names', model, names, True, X_train, y_train, X_test, rng, False,
                 ['max_depth=None, so every leaf is pure and the printed class is the whole distribution (predict_proba is one-hot).',
                  "Feature names are the wine names with '_' replaced by spaces ('malic acid', 'od280/od315 of diluted wines')."],
                 'sklearn load_wine (178 rows, 13 features, 3 classes; 130 train, 48 held out)')


# ---------------------------------------------------------------------------------------------- XGBoost

def xgb_thresholds(booster, feature_names) -> tuple:
    """Numeric split conditions and categorical sets per feature index, from the JSON dump."""
    numeric, categories = {}, {}
    index = {name: i for i, name in enumerate(feature_names)}

    def visit(node):
        if 'children' not in node:
            return
        feature = index[node['split']] if node['split'] in index else int(node['split'][1:])
        condition = node['split_condition']
        if isinstance(condition, list):
            categories.setdefault(feature, set()).update(condition)
        else:
            numeric.setdefault(feature, []).append(float(condition))
        for child in node['children']:
            visit(child)

    for tree in booster.get_dump(dump_format='json'):
        visit(json.loads(tree))
    return numeric, categories


def xgb_case(name: str, params: dict, rounds: int, feature_names, named: bool, feature_types, X_train, y_train, X_test, rng,
             notes, base_margin: float, base_margin_expr: str, transform: str, task: str, num_class: int, extra_edge=None) -> None:
    folder = ROOT / name
    folder.mkdir(parents=True, exist_ok=True)
    is_categorical = feature_types is not None

    def matrix(X, label=None):
        return xgb.DMatrix(X, label=label, missing=np.nan, feature_names=list(feature_names) if named else None,
                           feature_types=feature_types, enable_categorical=is_categorical)

    booster = xgb.train(params, matrix(X_train, y_train), rounds)
    booster.save_model(str(folder / 'model.json'))
    booster.dump_model(str(folder / 'model.dump.txt'), with_stats=True, dump_format='text')
    booster.dump_model(str(folder / 'model.dump.json'), with_stats=True, dump_format='json')
    numeric, categories = xgb_thresholds(booster, list(feature_names) if named else [f'f{i}' for i in range(X_train.shape[1])])
    extra = dict(extra_edge or {})
    for feature, codes in categories.items():
        codes = sorted(codes)
        extra[feature] = [float(c) for c in codes] + [c + 0.5 for c in codes[:5]] + [c - 1e-7 for c in codes[:3]] + \
            [-1.0, -0.5, float(max(codes) + 1), 16777216.0, 16777217.0, 1e9, float('nan')]
    X_edge = edge_rows(X_test, {f: v for f, v in numeric.items() if f not in categories}, rng, 600, allow_nan=True, extra=extra)
    inputs = {'main': X_test, 'edge': X_edge}
    counts = write_inputs(folder, feature_names, inputs)
    model = json.loads((folder / 'model.json').read_text())
    num_trees = int(model['learner']['gradient_booster']['model']['gbtree_model_param']['num_trees'])
    for input_name, X in inputs.items():
        dmatrix = matrix(X)
        raw = booster.predict(dmatrix, output_margin=True)
        pred = booster.predict(dmatrix)
        leaf = booster.predict(dmatrix, pred_leaf=True).astype(int).reshape(len(X), num_trees)
        raw_header = ['raw'] if raw.ndim == 1 else [f'raw_{k}' for k in range(raw.shape[1])]
        pred_header = ['pred'] if pred.ndim == 1 else [f'prob_{k}' for k in range(pred.shape[1])]
        write_csv(folder / f'expected_{input_name}_raw.csv', raw_header, [[shortest(v) for v in np.atleast_1d(row)] for row in raw])
        write_csv(folder / f'expected_{input_name}_pred.csv', pred_header, [[shortest(v) for v in np.atleast_1d(row)] for row in pred])
        write_csv(folder / f'expected_{input_name}_leaf.csv', [f't{t}' for t in range(num_trees)], leaf.tolist())

    config = json.loads(booster.save_config())
    learner = model['learner']
    base_score_str = learner['learner_model_param']['base_score']
    meta = {
        'case': name,
        'library': 'xgboost',
        'library_version': xgb.__version__,
        'library_build': XGBOOST_BUILD,
        'producer': 'xgboost.train(...) then Booster.predict(DMatrix(X float64, missing=NaN'
                    + (', feature_types, enable_categorical=True' if is_categorical else '')
                    + ')) with output_margin=True / default / pred_leaf=True',
        'model_files': {'native_json': 'model.json', 'dump_text': 'model.dump.txt', 'dump_json': 'model.dump.json'},
        'objective': params['objective'],
        'task': task,
        'booster': 'gbtree',
        'base_score': float(base_score_str),
        'base_score_str': base_score_str,
        'base_margin': base_margin,
        'base_margin_expr': base_margin_expr,
        'transform': transform,
        'num_class': num_class,
        'num_output_groups': max(1, num_class),
        'num_trees': num_trees,
        'num_boosting_rounds': rounds,
        'num_parallel_tree': 1,
        'tree_info': [int(v) for v in learner['gradient_booster']['model']['tree_info']],
        'weight_drop': None,
        'num_features': int(X_train.shape[1]),
        'feature_names': list(feature_names),
        'feature_names_in_model': named,
        'feature_types': feature_types,
        'train_rows': int(len(X_train)),
        'train_params': params,
        'train_config': config,
        'outputs': {
            'raw': 'margin (float32) - Booster.predict(output_margin=True)',
            'pred': 'transformed prediction (float32) - Booster.predict()',
            'leaf': 'leaf node id per tree (node ids as in the dump), Booster.predict(pred_leaf=True)',
        },
        'inputs': input_entries(inputs, counts, ['raw', 'pred', 'leaf']),
        'notes': [*notes, XGB_F32_NOTE, XGB_BASE_NOTE],
    }
    write_meta(folder, meta)
    depths = []
    for tree in booster.get_dump():
        depths.append(max(line.count('\t') for line in tree.splitlines()))
    print(f'{name}: {num_trees} trees, max depth {max(depths)}', file=sys.stderr)


def xgb_softmax_named_missing(rng) -> None:
    data = load_wine()
    X = data.data.copy()
    X[rng.random(X.shape) < 0.15] = np.nan  # 15% missing cells, in training and test
    X_train, X_test, y_train, _ = train_test_split(X, data.target.astype(float), test_size=48, random_state=0, stratify=data.target)
    params = {'seed': SEED, 'nthread': 2, 'objective': 'multi:softmax', 'num_class': 3, 'max_depth': 4, 'eta': 0.3, 'tree_method': 'hist'}
    xgb_case('xgb_softmax_named_missing', params, 20, data.feature_names, True, None, X_train, y_train, X_test, rng,
             ['Dataset: sklearn load_wine with 15% of cells set to NaN at random (train and test).',
              'multi:softmax: pred is the class index (argmax of the margins, first max wins) as a float; raw holds the 3 margins.',
              'Tree i belongs to class tree_info[i] (= i % 3). base_score 0.5 is added to every class margin.',
              'tree_method=hist.'],
             0.5, 'base_score', 'argmax over the class margins (multi:softmax predicts the class index)', 'multiclass', 3)


def xgb_deep_regression(rng) -> None:
    X, y = make_friedman1(n_samples=1900, n_features=8, noise=1.0, random_state=0)
    X_train, X_test, y_train = X[:1500], X[1500:], y[:1500]
    params = {'seed': SEED, 'nthread': 2, 'objective': 'reg:squarederror', 'max_depth': 12, 'eta': 0.3, 'min_child_weight': 4,
              'tree_method': 'exact'}
    xgb_case('xgb_deep_regression', params, 6, [f'f{i}' for i in range(8)], False, None, X_train, y_train, X_test, rng,
             ['Dataset: sklearn make_friedman1(n_samples=1900, n_features=8, noise=1.0, random_state=0); 1500 train, 400 held out.',
              'max_depth=12 with tree_method=exact: trees 10+ levels deep. No feature names (f0..f7).',
              'reg:squarederror: pred == raw.'],
             0.5, 'base_score', 'identity', 'regression', 0)


def xgb_categorical(rng) -> None:
    n = 3000
    colour = rng.integers(0, 3, n).astype(float)  # 3 categories: one-hot splits (max_cat_to_onehot=4)
    shop = rng.integers(0, 24, n).astype(float)  # 24 categories: partition splits
    amount = rng.normal(50, 20, n)
    age = rng.integers(18, 80, n).astype(float)
    logit = 1.5 * np.isin(shop, [1, 4, 7, 9, 15, 22]) - 1.2 * (colour == 2) + 0.04 * (amount - 50) - 0.02 * (age - 45)
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(float)
    X = np.column_stack([colour, shop, amount, age])
    X[rng.random(n) < 0.05, 1] = np.nan
    X[rng.random(n) < 0.05, 2] = np.nan
    X_train, X_test, y_train = X[:2400], X[2400:], y[:2400]
    params = {'seed': SEED, 'nthread': 2, 'objective': 'binary:logistic', 'max_depth': 4, 'eta': 0.3, 'tree_method': 'hist',
              'max_cat_to_onehot': 4}
    xgb_case('xgb_categorical', params, 20, ['colour', 'shop', 'amount', 'age'], True, ['c', 'c', 'q', 'q'], X_train, y_train, X_test, rng,
             ['Dataset: synthetic (numpy default_rng(20240611)): colour (3 categories), shop (24 categories), amount, age; 5% NaN in shop and amount.',
              "feature_types ['c','c','q','q'] with enable_categorical=True on a numpy array (pandas is not installed); max_cat_to_onehot=4, so "
              'colour gets one-hot splits and shop partition splits.',
              "Categorical split: the set printed in the dump is the categories that go 'yes' (right child in model.json); the input is "
              'truncated to an integer; negative codes and codes >= 2^24 are not in any set; NaN follows missing.',
              'Edge rows carry category codes in and out of the sets, non-integer codes (c+0.5, c-1e-7), -1, -0.5, unseen codes, 2^24, 2^24+1, 1e9 and NaN.'],
             -0.0, '-logf(1.0f/base_score - 1.0f)', 'pred = 1.0f/(expf(min(-raw, 88.7f)) + 1.0f + 1e-16f) in float32 (common::Sigmoid; the 1e-16f is absorbed)',
             'binary', 0)


CASES = {
    'xgb_softmax_named_missing': xgb_softmax_named_missing,
    'xgb_deep_regression': xgb_deep_regression,
    'xgb_categorical': xgb_categorical,
    'skl_dtr_diabetes': skl_dtr_diabetes,
    'skl_dtc_deep_digits': skl_dtc_deep_digits,
    'skl_dtc_wine_spaced_names': skl_dtc_wine_spaced_names,
}


def main() -> None:
    wanted = sys.argv[1:] or list(CASES)
    for name in wanted:
        # One generator per case, so regenerating one case leaves the others byte-identical.
        CASES[name](np.random.default_rng([SEED, list(CASES).index(name)]))


if __name__ == '__main__':
    main()
