/*
 * XGBoost text dump (FORMATS.md section C): `Booster.dump_model` / CLI `task=dump` (`booster[i]:` headers),
 * R `xgb.dump` (`booster[i]` without the colon) and headerless `get_dump` strings joined by the user.
 *
 * One node per line:
 *   numeric      `{nid}:[{fname}<{cond}] yes={left},no={right},missing={default}`
 *   indicator    `{nid}:[{fname}] yes={present},no={default}`            (feature-map type `i`)
 *   categorical  `{nid}:[{fname}:{c1,c2}] yes={right},no={left},missing={default}`
 *   leaf         `{nid}:leaf={value}`
 * `with_stats` adds `,gain=…,cover=…` to splits and `,cover=…` to leaves.
 *
 * Structure comes from the node ids, never from the tabs (indicator lines have none while their children do),
 * so tabs and spaces between tokens are skipped and only line breaks are kept.
 *
 * Feature names may hold spaces, `.`, `&`, `(`, `)`, `:` and non-ASCII text, which no ordinary token can span,
 * so the opening bracket and the name are one token whose kind says how the condition goes on:
 * NUMERIC_HEAD ends at the FIRST `<` (Python rejects `<` in names), CATEGORICAL_HEAD at the LAST `:{` on the line
 * (longest match), and INDICATOR is a whole `[name]` without `<`, `{` or `}`.
 * Text before the first dump line and after the last one (banners, notes) is cut off by the adapter.
 */
grammar XGBoostText;

// Written so every decision needs little lookahead: an error inside a line then reports the field expected there.
dump
    : entry? (NEWLINE entry?)* EOF
    ;

// One context per line (the rule is unlabelled, so no second context is copied from the first), with numbers
// as labelled tokens rather than sub-rules: a 2.7 MB dump has 75k lines and 200k numbers, and parse-tree
// objects (mostly their garbage collection) cost more than the rest of the parse. After `nid:` the token
// says which kind of line it is (LL(1)); the adapter tells the kinds apart by which head token is set.
// Every token the adapter reads is labelled: it runs the parser without building the tree (no node per
// token) and collects each finished `entry` context.
// The optional fields after `no=` (`missing`, then `gain`, then `cover`, each at most once and in that
// order) are written out after their comma, so the word after each comma decides the way (LL(1)).
// Written as three optional `(',' field)?` blocks, each comma would need a second token of lookahead,
// which ANTLR's adaptive prediction gives at a cost: a fifth of a first parse of a 191 kB dump.
// The literals first appear in the order the token scanner's types assume (xgboostTokens.ts uses
// the generated T__n names): ':' ']' 'yes=' ',' 'no=' 'missing=' 'gain=' 'cover=' '}' 'leaf='.
entry
    : booster=BOOSTER
    | nodeId=INT ':' (
        numericHead=NUMERIC_HEAD threshold=(INT | NUMBER) ']'
        'yes=' yesId=INT ',' 'no=' noId=INT
        (',' (
            'missing=' missingId=INT (',' (
                'gain=' gain=(INT | NUMBER) (',' 'cover=' cover=(INT | NUMBER))?
              | 'cover=' cover=(INT | NUMBER)
            ))?
          | 'gain=' gain=(INT | NUMBER) (',' 'cover=' cover=(INT | NUMBER))?
          | 'cover=' cover=(INT | NUMBER)
        ))?
      | categoricalHead=CATEGORICAL_HEAD (categories+=INT (',' categories+=INT)*)? '}' ']'
        'yes=' yesId=INT ',' 'no=' noId=INT
        (',' (
            'missing=' missingId=INT (',' (
                'gain=' gain=(INT | NUMBER) (',' 'cover=' cover=(INT | NUMBER))?
              | 'cover=' cover=(INT | NUMBER)
            ))?
          | 'gain=' gain=(INT | NUMBER) (',' 'cover=' cover=(INT | NUMBER))?
          | 'cover=' cover=(INT | NUMBER)
        ))?
      | indicator=INDICATOR
        'yes=' yesId=INT ',' 'no=' noId=INT
        (',' (
            'gain=' gain=(INT | NUMBER) (',' 'cover=' cover=(INT | NUMBER))?
          | 'cover=' cover=(INT | NUMBER)
        ))?
      | 'leaf=' value=(INT | NUMBER) (',' 'cover=' cover=(INT | NUMBER))?
      | vectorLeaf=VECTOR_LEAF (',' 'cover=' cover=(INT | NUMBER))?
    )
    ;

// `booster[3]:` (Python, CLI) or `booster[3]` (R).
BOOSTER
    : 'booster[' DIGITS ']' ':'?
    ;

// Multi-target trees print a truncated vector, `leaf=[0.1, 0.2, ..., 0.9]`: recognised so it can be rejected clearly.
VECTOR_LEAF
    : 'leaf=[' ~[\]\r\n]* ']'
    ;

NUMERIC_HEAD
    : '[' ~[<\r\n]+ '<'
    ;

CATEGORICAL_HEAD
    : '[' ~[\r\n]+ ':{'
    ;

INDICATOR
    : '[' ~[<\]{}\r\n]+ ']'
    ;

INT
    : DIGITS
    ;

// C++ stream output at precision 9 (6 before 0.72): `0.5`, `-1.77587152`, `8.70322176e+09`, MSVC `-5.10896969e-009`.
NUMBER
    : '-'? DIGITS ('.' DIGITS)? EXPONENT?
    | '-'? ('inf' | 'nan')
    ;

NEWLINE
    : '\n'
    ;

WS
    : [ \t\r]+ -> skip
    ;

fragment DIGITS
    : [0-9]+
    ;

fragment EXPONENT
    : [eE] [+-]? DIGITS
    ;
