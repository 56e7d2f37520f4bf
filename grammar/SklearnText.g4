/*
 * scikit-learn `export_text` of one decision tree (FORMATS.md section D).
 * Every line is a prefix (`|---`, `|   |---` … for spacing 3; other spacings change the run lengths)
 * followed by one of:
 *   `name <= thr` / `name >  thr`            a split (left branch, then right branch, two spaces after `>`)
 *   `class: label`                           a classifier leaf
 *   `weights: [w1, w2, …] class: label`      a classifier leaf with show_weights=True
 *   `value: [v]` / `value: [v1, v2, …]`      a regressor leaf (one value per output)
 *   `truncated branch of depth N`            a subtree cut off by export_text's max_depth
 * The grammar only classifies lines: depth (the prefix shape) and nesting are checked by the
 * adapter, which knows the spacing, and feature names (which may hold any character, even ` <= `)
 * are split from the threshold by the adapter at the LAST operator.
 * Text around the tree (banners, footers) is cut off by the adapter, which passes the line offset.
 */
grammar SklearnText;

// Lines end at a line break or at the end of the file (so the final line break is optional): written this
// way, whether another line follows is decided by one token, not by adaptive prediction on every line.
tree
    : line+ EOF
    ;

// One context per line: the alternatives are unlabelled (no second context copied per line) and the
// number list is inline, with its numbers as labelled tokens. The token after the prefix decides (LL(1));
// the adapter tells the kinds apart by which token is set. Every token it reads is labelled: it runs the
// parser without building the tree and collects each finished `line` context.
line
    : PREFIX (
        split=SPLIT
        | weights=WEIGHTS '[' numbers+=NUMBER (',' numbers+=NUMBER)* ']' label=CLASS
        | label=CLASS
        | value=VALUE '[' numbers+=NUMBER (',' numbers+=NUMBER)* ']'
        | TRUNCATED depth=NUMBER
    ) (NEWLINE | EOF)
    ;

// Every run of `|`, `-` and spaces that starts a line; its exact shape is the adapter's to check.
PREFIX
    : '|' [ |-]*
    ;

// A whole split line after the prefix: the name (anything), ` <= ` or ` >  `, the threshold.
// The lexer takes the longest match, so the operator found is the last one on the line.
SPLIT
    : ~[| \r\n] ~[\r\n]* ' ' ('<=' | '> ') ' ' THRESHOLD
    ;

WEIGHTS
    : 'weights:'
    ;

VALUE
    : 'value:'
    ;

TRUNCATED
    : 'truncated branch of depth'
    ;

// The label is the rest of the line: `str()` of a class, which may hold spaces.
CLASS
    : 'class: ' ~[\r\n]*
    ;

NUMBER
    : THRESHOLD
    ;

NEWLINE
    : '\r'? '\n'
    ;

SPACE
    : ' '+ -> skip
    ;

// Python's `format(x, '.Nf')`: fixed point (no exponent), `inf`, `-inf`, `nan`.
fragment THRESHOLD
    : '-'? [0-9]+ ('.' [0-9]+)?
    | '-'? 'inf'
    | 'nan'
    ;
