/*
 * LightGBM `model.txt` (FORMATS.md section B), every generation: no `version=` (≤ 2.0.11), v2, v3, v4.
 *
 * Built for 100+ MB files: ONE TOKEN PER LINE, never one per number. A `key=value` line is a single
 * token whose type names the key (KEY_VALUE for keys no LightGBM version writes, which are tolerated);
 * the adapter splits the value after `=` itself. Every token includes its line end, and BLANK is an
 * empty line, so the parser sees the file's line structure and its decisions are all LL(1).
 * The adapter appends a final line break when the file lacks one.
 *
 * Layout (L-text `SaveModelToString` / `LoadModelFromString`, L-tree `Tree::ToString`):
 *   tree                                   model name line
 *   key=value … | average_output           header, any order
 *   Tree=<i> then key=value …              tree blocks; any number of blank lines between them
 *   end of trees                           2.2.0+
 *   feature_importances: (≥ 3.0) / feature importances: (< 3.0), then name=count …
 *   parameters: [key: value] … end of parameters
 *   parser: … end of parser                4.x, custom parser config
 *   pandas_categorical:<json>              Python package only
 *   other blocks                           tolerated after the trees (forks append some), with a warning
 * Which keys a tree needs and how long its arrays are is the adapter's check (E_PARSE_STRUCTURE).
 *
 * At run time the tokens come from a line scanner (app/formats/lightgbm/lineTokens.ts) that yields
 * exactly the tokens of these lexer rules, about 9× faster than the generated lexer on a 105 MB file
 * (bench/lightgbm-parse.bench.ts); a test compares the two on every corpus file and on malformed input.
 * The generated parser is used as is; every decision in it is LL(1), so it never runs adaptivePredict.
 */
grammar LightGBM;

// Blocks no LightGBM version writes are only tolerated after `end of trees`: right after a tree, a line
// without `=` is a mistake in that tree, not the start of a foreign block.
model
    : TREE_NAME headerLine* BLANK* (treeBlock BLANK*)* (END_OF_TREES BLANK* trailerBlock* | knownBlock*) EOF
    ;

headerLine
    : keyValue
    | AVERAGE_OUTPUT
    ;

// The key list of `keyValue`, inlined: tree lines are most of a file, and a rule call per line would
// cost a context object each.
treeBlock
    : TREE_HEADER (
        NUM_LEAVES | NUM_CAT | SPLIT_FEATURE | SPLIT_GAIN | THRESHOLD | DECISION_TYPE | LEFT_CHILD | RIGHT_CHILD
        | LEAF_VALUE | LEAF_WEIGHT | LEAF_COUNT | INTERNAL_VALUE | INTERNAL_WEIGHT | INTERNAL_COUNT
        | CAT_BOUNDARIES | CAT_THRESHOLD | IS_LINEAR | LEAF_CONST | NUM_FEATURES | LEAF_FEATURES | LEAF_COEFF | SHRINKAGE
        | VERSION | NUM_CLASS | NUM_TREE_PER_ITERATION | LABEL_INDEX | MAX_FEATURE_IDX | OBJECTIVE | FEATURE_NAMES
        | MONOTONE_CONSTRAINTS | FEATURE_INFOS | TREE_SIZES | KEY_VALUE
    )*
    ;

trailerBlock
    : knownBlock                                                         # known
    | OTHER otherLine*                                                   # ignoredBlock
    ;

knownBlock
    : FEATURE_IMPORTANCES (keyValue | TREE_HEADER)* BLANK*              # featureImportances
    | PARAMETERS (PARAMETER | BLANK)* END_OF_PARAMETERS BLANK*           # parameters
    | PARSER_START parserLine* END_OF_PARSER BLANK*                      # parserConfig
    | PANDAS_CATEGORICAL BLANK*                                          # pandasCategorical
    ;

// The parser config is text of its own (JSON); kept verbatim.
parserLine
    : ~(END_OF_PARSER | EOF)
    ;

// A block no LightGBM version writes (e.g. a fork's `Maps:` … `end of Maps`): it starts with a line
// without `=` and runs to the next block LightGBM knows; ignored with a warning. Every decision in this
// grammar is LL(1), which keeps the parser fast: a key line right after a tree is always a tree line.
otherLine
    : keyValue
    | STRAY
    | PARAMETER
    | END_OF_PARAMETERS
    | END_OF_PARSER
    | TREE_NAME
    | TREE_HEADER
    | AVERAGE_OUTPUT
    | END_OF_TREES
    | BLANK
    ;

keyValue
    : VERSION
    | NUM_CLASS
    | NUM_TREE_PER_ITERATION
    | LABEL_INDEX
    | MAX_FEATURE_IDX
    | OBJECTIVE
    | FEATURE_NAMES
    | MONOTONE_CONSTRAINTS
    | FEATURE_INFOS
    | TREE_SIZES
    | NUM_LEAVES
    | NUM_CAT
    | SPLIT_FEATURE
    | SPLIT_GAIN
    | THRESHOLD
    | DECISION_TYPE
    | LEFT_CHILD
    | RIGHT_CHILD
    | LEAF_VALUE
    | LEAF_WEIGHT
    | LEAF_COUNT
    | INTERNAL_VALUE
    | INTERNAL_WEIGHT
    | INTERNAL_COUNT
    | CAT_BOUNDARIES
    | CAT_THRESHOLD
    | IS_LINEAR
    | LEAF_CONST
    | NUM_FEATURES
    | LEAF_FEATURES
    | LEAF_COEFF
    | SHRINKAGE
    | KEY_VALUE
    ;

// Bare lines. Order matters: at equal length the first rule wins, so `end of trees` is END_OF_TREES, not OTHER.
TREE_NAME              : 'tree' EOL ;
TREE_HEADER            : 'Tree=' [0-9]+ EOL ;
AVERAGE_OUTPUT         : 'average_output' EOL ;
END_OF_TREES           : 'end of trees' EOL ;
FEATURE_IMPORTANCES    : ('feature_importances:' | 'feature importances:') EOL ;
PARAMETERS             : 'parameters:' EOL ;
END_OF_PARAMETERS      : 'end of parameters' EOL ;
PARSER_START           : 'parser:' EOL ;
END_OF_PARSER          : 'end of parser' EOL ;
PANDAS_CATEGORICAL     : 'pandas_categorical:' REST ;

// Header keys.
VERSION                : 'version=' REST ;
NUM_CLASS              : 'num_class=' REST ;
NUM_TREE_PER_ITERATION : 'num_tree_per_iteration=' REST ;
LABEL_INDEX            : 'label_index=' REST ;
MAX_FEATURE_IDX        : 'max_feature_idx=' REST ;
OBJECTIVE              : 'objective=' REST ;
FEATURE_NAMES          : 'feature_names=' REST ;
MONOTONE_CONSTRAINTS   : 'monotone_constraints=' REST ;
FEATURE_INFOS          : 'feature_infos=' REST ;
TREE_SIZES             : 'tree_sizes=' REST ;

// Tree keys (L-tree `Tree::ToString`, v4.6.0 order).
NUM_LEAVES             : 'num_leaves=' REST ;
NUM_CAT                : 'num_cat=' REST ;
SPLIT_FEATURE          : 'split_feature=' REST ;
SPLIT_GAIN             : 'split_gain=' REST ;
THRESHOLD              : 'threshold=' REST ;
DECISION_TYPE          : 'decision_type=' REST ;
LEFT_CHILD             : 'left_child=' REST ;
RIGHT_CHILD            : 'right_child=' REST ;
LEAF_VALUE             : 'leaf_value=' REST ;
LEAF_WEIGHT            : 'leaf_weight=' REST ;
LEAF_COUNT             : 'leaf_count=' REST ;
INTERNAL_VALUE         : 'internal_value=' REST ;
INTERNAL_WEIGHT        : 'internal_weight=' REST ;
INTERNAL_COUNT         : 'internal_count=' REST ;
CAT_BOUNDARIES         : 'cat_boundaries=' REST ;
CAT_THRESHOLD          : 'cat_threshold=' REST ;
IS_LINEAR              : 'is_linear=' REST ;
LEAF_CONST             : 'leaf_const=' REST ;
NUM_FEATURES           : 'num_features=' REST ;
LEAF_FEATURES          : 'leaf_features=' REST ;
LEAF_COEFF             : 'leaf_coeff=' REST ;
SHRINKAGE              : 'shrinkage=' REST ;

// `[key: value]` lines of the parameters block.
PARAMETER              : '[' REST ;

BLANK                  : EOL ;

// Any other `key=value` line: the key has no `=`, does not start with `[` or a blank.
KEY_VALUE              : LINE_START ~[=\r\n]* '=' REST ;

// Any other line without `=`.
OTHER                  : LINE_START ~[=\r\n]* EOL ;

// A line that starts with blanks before text, or with `=`: only the parser config (indented JSON) and
// foreign blocks may hold one; anywhere else the parser reports it.
STRAY                  : ([ \t]+ ~[ \t\r\n] | '=') REST ;

fragment LINE_START    : ~[=[\r\n \t] ;
// Trailing blanks belong to the line end, so `end of trees ` is still END_OF_TREES.
fragment EOL           : [ \t]* '\r'? '\n' ;
fragment REST          : ~[\r\n]* '\r'? '\n' ;
