"""`spark-submit job.py`: scores a table, Parquet or CSV path with the bundle's model and writes the result.

    spark-submit --py-files score.py --files model.spkm job.py \\
        --input s3://bucket/rows.parquet --output s3://bucket/scored.parquet

Each Spark partition arrives as pandas DataFrames (Arrow batches) through `mapInPandas`, is scored
by `score.predict_pandas` and comes back with the input columns first, then the score columns.
The scoring itself is the plain function `score_batches` (no Spark in it), which the selftest and
the project's tests run with pandas alone; the Spark part below is only reading and writing.
"""
from __future__ import annotations

import argparse
import sys
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

import pandas as pd

import score


def parse_arguments(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="job.py", description="Score rows with the exported model on Spark.")
    parser.add_argument("--input", required=True, help="a path (Parquet or CSV) or, with --input-format table, a table name")
    parser.add_argument("--output", required=True, help="a path or, with --output-format table, a table name")
    parser.add_argument("--input-format", choices=["parquet", "csv", "table"], default=None, help="default: from the input's extension (csv or parquet)")
    parser.add_argument("--output-format", choices=["parquet", "csv", "table"], default="parquet")
    parser.add_argument("--mode", choices=["error", "overwrite", "append"], default="error", help="when the output exists (Spark save mode)")
    parser.add_argument("--delimiter", default=",", help="CSV delimiter")
    parser.add_argument("--ignore-columns", default="", help="comma-separated columns that are not features")
    parser.add_argument("--ignore-unknown-columns", action="store_true")
    parser.add_argument("--strict-columns", action="store_true")
    parser.add_argument("--no-raw", action="store_true", help="leave out the raw score columns")
    parser.add_argument("--keep", default=None, help="comma-separated input columns to keep beside the scores (default: all)")
    return parser.parse_args(argv)


def input_format(arguments: argparse.Namespace) -> str:
    if arguments.input_format:
        return arguments.input_format
    return "csv" if arguments.input.lower().rstrip("/").endswith((".csv", ".csv.gz")) else "parquet"


def scoring_options(arguments: argparse.Namespace) -> Dict[str, Any]:
    """`predict_pandas`'s keyword arguments from the command line."""
    return {
        "raw": not arguments.no_raw,
        "ignore_columns": [name for name in arguments.ignore_columns.split(",") if name],
        "ignore_unknown_columns": arguments.ignore_unknown_columns,
        "strict_columns": arguments.strict_columns,
    }


def score_fields(options: Dict[str, Any]) -> List[Tuple[str, str]]:
    """The score columns and their Spark SQL types: the class label is a string, every number a double."""
    m = score.model()
    columns = score.output_columns(m, options.get("raw", True))
    is_classifier = m.task in ("binary", "multiclass")
    return [(name, "string" if name == "error" or (name == "prediction" and is_classifier) else "double") for name in columns]


def score_batches(batches: Iterable[pd.DataFrame], options: Dict[str, Any], keep: Optional[Sequence[str]] = None) -> Iterator[pd.DataFrame]:
    """Scores each batch (a partition's pandas frames): the kept input columns, then the scores."""
    for batch in batches:
        scored = score.predict_pandas(batch, **options)
        kept = batch if keep is None else batch[list(keep)]
        yield pd.concat([kept.reset_index(drop=True), scored.reset_index(drop=True)], axis=1)


def output_schema(input_schema: Any, options: Dict[str, Any], keep: Optional[Sequence[str]] = None) -> Any:
    """The Spark schema of `score_batches`' frames: the kept input fields, then the score columns."""
    from pyspark.sql.types import StructField, StructType, _parse_datatype_string

    kept = [field for field in input_schema.fields if keep is None or field.name in keep]
    return StructType(kept + [StructField(name, _parse_datatype_string(kind), True) for name, kind in score_fields(options)])


def main(argv: Optional[Sequence[str]] = None) -> int:
    arguments = parse_arguments(argv)
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("splitscope-score").getOrCreate()
    kind = input_format(arguments)
    if kind == "table":
        frame = spark.table(arguments.input)
    elif kind == "csv":
        # Cells stay strings: score.py reads them as `splitscope predict` does (exact doubles, missing tokens).
        frame = spark.read.option("header", True).option("sep", arguments.delimiter).csv(arguments.input)
    else:
        frame = spark.read.parquet(arguments.input)
    options = scoring_options(arguments)
    keep = [name for name in arguments.keep.split(",") if name] if arguments.keep is not None else None
    schema = output_schema(frame.schema, options, keep)
    scored = frame.mapInPandas(lambda batches: score_batches(batches, options, keep), schema=schema)
    writer = scored.write.mode(arguments.mode)
    if arguments.output_format == "table":
        writer.saveAsTable(arguments.output)
    elif arguments.output_format == "csv":
        writer.option("header", True).csv(arguments.output)
    else:
        writer.parquet(arguments.output)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
