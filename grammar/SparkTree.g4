/*
 * Apache Spark `toDebugString` of tree models, both APIs (FORMATS.md section A):
 * - RDD-based MLlib: `DecisionTreeModel classifier of depth D with N nodes`,
 *   `TreeEnsembleModel regressor with K trees` (then `Tree i:` blocks), Spark 1.1 `RandomForestModel … total nodes`;
 * - spark.ml: `DecisionTreeClassificationModel (uid=U) of depth D with N nodes` (≈1.6–2.4), the same without
 *   `(uid=…)` (1.4/1.5), and `DecisionTreeClassificationModel: uid=U, depth=D, …` (3.0+); ensembles print
 *   `Tree i (weight W):` blocks.
 * The body is a pre-order encoding: `If (cond)` left subtree `Else (negated cond)` right subtree, or `Predict: v`.
 * Indentation carries no information, so white space (newlines included) is skipped.
 * The grammar reads a tree as a flat run of `If`, `Else` and `Predict` items, and the adapter nests them with an
 * explicit stack (reporting a misplaced item at its line and column): nesting in the grammar would recurse once per
 * level, so a file could choose how deep the parser's call stack goes.
 * Text before the header (a user's prefix line) is cut off by the adapter, which passes the line offset.
 */
grammar SparkTree;

// The body is read through labels only (`content`, `root`, `trees`, `tree`, `categories` and the token labels):
// the adapter parses it without building the parse tree, whose node per token costs more than the parse.
model
    : header content=body EOF
    ;

body
    : root=nodeItems            # singleTree
    | trees+=ensembleTree+      # ensemble
    ;

header
    : 'DecisionTreeModel' taskWord 'of' 'depth' INT 'with' INT 'nodes'                                # mllibTreeHeader
    | ensembleWord=('TreeEnsembleModel' | 'RandomForestModel') taskWord 'with' INT 'trees'
      ('and' INT 'total' 'nodes')?                                                                   # mllibEnsembleHeader
    | mlClass uid? 'of' 'depth' INT 'with' INT 'nodes'                                                 # mlTreeHeader
    | mlClass uid? 'with' INT 'trees'                                                                  # mlEnsembleHeader
    | mlClass ':' keyValue (',' keyValue)*                                                             # mlKeyValueHeader
    ;

taskWord
    : 'classifier'
    | 'regressor'
    ;

mlClass
    : 'DecisionTreeClassificationModel'
    | 'DecisionTreeRegressionModel'
    | 'RandomForestClassificationModel'
    | 'RandomForestRegressionModel'
    | 'GBTClassificationModel'
    | 'GBTRegressionModel'
    ;

uid
    : '(' 'uid' '=' word ')'
    ;

keyValue
    : word '=' (word | number)
    ;

// Header keys and uids are plain words; several of them are also keywords of this grammar.
word
    : WORD
    | 'uid'
    | 'depth'
    | 'nodes'
    | 'trees'
    | 'feature'
    | 'weight'
    ;

// Rules below run once per node of trees with 10^4–10^5 nodes. Parse-tree objects are most of the parse
// cost, so node and condition are unlabelled (no second context copied per node), numbers are labelled
// tokens rather than a sub-rule, and every decision is LL(1): the parser never runs adaptivePredict here.
ensembleTree
    : 'Tree' INT ('(' 'weight' weight=(NUMBER | INT) ')')? ':' tree=nodeItems
    ;

// One tree's items in pre-order; the loop stops at the next `Tree` or the end of the file.
nodeItems
    : items+=nodeItem+
    ;

// `If (cond)` opens a split, `Else (cond)` starts its right subtree, `Predict: v` is a leaf; `kind` says which.
nodeItem
    : kind='If' '(' test=condition ')'
    | kind='Else' '(' test=condition ')'
    | kind='Predict' ':' value=(NUMBER | INT)
    ;

// `feature N <= T`, `feature N > T`, `feature N in {…}`, `feature N not in {…}`; `operator` says which.
condition
    : 'feature' feature=INT (
        operator='<=' threshold=(NUMBER | INT)
        | operator='>' threshold=(NUMBER | INT)
        | operator='in' categories=categorySet
        | operator='not' 'in' categories=categorySet
    )
    ;

categorySet
    : '{' (categories+=(NUMBER | INT) (',' categories+=(NUMBER | INT))*)? '}'
    ;

number
    : NUMBER
    | INT
    ;

// Java's Double.toString: `0.5`, `-12.908`, `1.0E-4`, `NaN`, `Infinity`; hand-made files add `-12.9080` or `3`.
NUMBER
    : '-'? DIGITS '.' DIGITS EXPONENT?
    | '-'? DIGITS EXPONENT
    | '-' DIGITS
    | 'NaN'
    | '-'? 'Infinity'
    ;

INT
    : DIGITS
    ;

WORD
    : [A-Za-z_] [A-Za-z0-9_]*
    ;

WS
    : [ \t\r\n]+ -> skip
    ;

fragment DIGITS
    : [0-9]+
    ;

fragment EXPONENT
    : [eE] [+-]? DIGITS
    ;
