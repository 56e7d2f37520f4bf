#!/usr/bin/python3
"""Builds the sample model Splitscope opens at start: assets/samples/wine_decision_tree.*

Run with Debian's Python, which has scikit-learn 1.2 (not the `python3` first on PATH):

    /usr/bin/python3 scripts/make_sample.py

It trains a DecisionTreeClassifier (max_depth 4, min_samples_leaf 3, random_state 0) on all 178 rows
of the wine data that ships with scikit-learn (13 chemical measurements, 3 cultivars labelled
class_0, class_1, class_2) and writes:

- wine_decision_tree.txt                  export_text(show_weights=True, decimals=D), D the fewest
                                          decimals that print every threshold and weight exactly
- wine_decision_tree.json                 the exact tree arrays (same layout as the reference cases' tree.json)
- wine_decision_tree.csv                  all 178 rows: the 13 features named as the model names them, then `label`
- wine_decision_tree.expected_pred.csv    predict_proba (prob_0..prob_2) for every CSV row
- wine_decision_tree.expected_label.csv   predict
- wine_decision_tree.expected_leaf.csv    apply (scikit-learn node id of the reached leaf)

The script checks, before writing, that every printed threshold parses back to the float64 the
tree holds and that the printed tree has the arrays' structure.
"""
import csv
import json
import re
import sys
from pathlib import Path

import numpy as np
import sklearn
from sklearn.datasets import load_wine
from sklearn.tree import DecisionTreeClassifier, export_text

NAME = 'wine_decision_tree'
OUT = Path(__file__).resolve().parent.parent / 'assets' / 'samples'


def shortest(value) -> str:
    """Shortest decimal that round-trips to the same double (Python's repr)."""
    return repr(float(value))


def exact_decimals(values) -> int:
    """Fewest fixed-point decimals with which every value prints and parses back exactly."""
    for decimals in range(0, 80):
        if all(float(format(v, f'.{decimals}f')) == v for v in values):
            return decimals
    raise SystemExit('no number of decimals prints these values exactly')


def check_text(text: str, tree, feature_names, decimals: int) -> None:
    """Reads the printed tree back in pre-order and compares it with the arrays, bit for bit."""
    split = re.compile(r'^((?:\|   )*)\|--- (.*) (<=|> ) (\S+)$')
    leaf = re.compile(r'^((?:\|   )*)\|--- weights: \[(.*)\] class: (.*)$')
    lines = text.rstrip('\n').split('\n')
    position = 0

    def walk(node: int, depth: int) -> None:
        nonlocal position
        if tree.children_left[node] == -1:
            match = leaf.match(lines[position])
            assert match and len(match.group(1)) == 4 * (depth - 1), lines[position]
            weights = [float(w) for w in match.group(2).split(', ')]
            assert weights == list(tree.value[node][0]), (weights, tree.value[node][0])
            position += 1
            return
        for branch, child in (('<=', tree.children_left[node]), ('> ', tree.children_right[node])):
            match = split.match(lines[position])
            assert match and len(match.group(1)) == 4 * (depth - 1), lines[position]
            assert match.group(2) == feature_names[tree.feature[node]] and match.group(3) == branch, lines[position]
            assert float(match.group(4)) == tree.threshold[node], (lines[position], tree.threshold[node], decimals)
            position += 1
            walk(child, depth + 1)

    walk(0, 1)
    assert position == len(lines), 'text has extra lines'


def tree_json(model, feature_names) -> dict:
    tree = model.tree_
    return {
        'library': 'sklearn',
        'version': sklearn.__version__,
        'estimator': type(model).__name__,
        'feature_names': list(feature_names),
        'n_features_in': int(model.n_features_in_),
        'classes': [str(c) for c in model.classes_],
        'n_outputs': int(model.n_outputs_),
        'trees': [tree_arrays(tree)],
    }


def tree_arrays(tree) -> dict:
    """A fitted tree's exact arrays (`model.tree_`), as tree.json files hold them."""
    return {
        'node_count': int(tree.node_count),
        'max_depth': int(tree.max_depth),
        'n_features': int(tree.n_features),
        'n_outputs': int(tree.n_outputs),
        'n_classes': [int(c) for c in tree.n_classes],
        'children_left': [int(v) for v in tree.children_left],
        'children_right': [int(v) for v in tree.children_right],
        'feature': [int(v) for v in tree.feature],
        'threshold': [float(v) for v in tree.threshold],
        'value': [[[float(x) for x in row] for row in node] for node in tree.value],
        'impurity': [float(v) for v in tree.impurity],
        'n_node_samples': [int(v) for v in tree.n_node_samples],
        'weighted_n_node_samples': [float(v) for v in tree.weighted_n_node_samples],
    }


def write_csv(path: Path, header, rows) -> None:
    with path.open('w', newline='') as handle:
        writer = csv.writer(handle, lineterminator='\n')
        writer.writerow(header)
        writer.writerows(rows)


def main() -> None:
    data = load_wine()
    feature_names = list(data.feature_names)
    labels = np.array(data.target_names)[data.target]  # class_0, class_1, class_2
    X = data.data.astype(np.float64)
    # min_samples_leaf=3 leaves some leaves mixed, so the sample shows real class distributions
    # (probabilities other than 0 and 1) and a few mistakes on its own rows.
    model = DecisionTreeClassifier(max_depth=4, min_samples_leaf=3, random_state=0).fit(X, labels)
    tree = model.tree_

    thresholds = [t for t, f in zip(tree.threshold, tree.feature) if f >= 0]
    weights = [w for node in tree.value for w in node[0]]
    decimals = exact_decimals(thresholds + weights)
    text = export_text(model, feature_names=feature_names, show_weights=True, decimals=decimals)
    check_text(text, tree, feature_names, decimals)

    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f'{NAME}.txt').write_text(text)
    (OUT / f'{NAME}.json').write_text(json.dumps(tree_json(model, feature_names), indent=1) + '\n')
    write_csv(OUT / f'{NAME}.csv', feature_names + ['label'], [[shortest(v) for v in row] + [label] for row, label in zip(X, labels)])
    proba = model.predict_proba(X)
    write_csv(OUT / f'{NAME}.expected_pred.csv', [f'prob_{k}' for k in range(len(model.classes_))], [[shortest(p) for p in row] for row in proba])
    write_csv(OUT / f'{NAME}.expected_label.csv', ['label'], [[label] for label in model.predict(X)])
    write_csv(OUT / f'{NAME}.expected_leaf.csv', ['t0'], [[int(leaf)] for leaf in model.apply(X)])
    print(f'{NAME}: {tree.node_count} nodes, depth {tree.max_depth}, decimals {decimals}, '
          f'accuracy on all rows {np.mean(model.predict(X) == labels):.3f}', file=sys.stderr)


if __name__ == '__main__':
    main()
