"""Glue ETL job of the data-engineering workshop: raw taxi trips -> clean, partitioned Parquet.

The workshop's processing steps, in order:
  1. read   the raw dataset through the Glue Data Catalog (the crawler created the table),
  2. clean  drop malformed rows and normalise types,
  3. transform  derive trip duration, speed and partition columns,
  4. validate  row counts and null checks; the job FAILS when a check is breached,
  5. write  partitioned, Snappy-compressed Parquet to the processed bucket.

Job bookmarks are on (`--job-bookmark-option job-bookmark-enable`): each run only reads what arrived since the
last successful run. Every student runs their own copy of this job (its own bookmark) writing under
`students/<student-id>/` of the processed bucket, so a class can run it at once.

Arguments (set by the cohort stack):
  --JOB_NAME          the Glue job name
  --database          the cohort's Glue database
  --table             the raw table (the dataset name)
  --output_path       s3://<processed bucket>/<prefix>/taxi_trips/
  --max_reject_ratio  optional, default 0.05: fail when more than this share of rows is malformed
"""

import sys

from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql.types import DoubleType, IntegerType, LongType, TimestampType

REQUIRED_ARGS = ["JOB_NAME", "database", "table", "output_path"]
TIMESTAMP_FORMAT = "yyyy-MM-dd HH:mm:ss"
NOT_NULL_COLUMNS = ["trip_id", "pickup_time", "dropoff_time", "pickup_zone", "dropoff_zone", "fare_krw"]


class ValidationError(Exception):
    """A data-quality check failed: the job must fail so nothing half-checked is published."""


def resolve_args(argv):
    args = getResolvedOptions(argv, REQUIRED_ARGS)
    optional = getResolvedOptions(argv, ["max_reject_ratio"]) if "--max_reject_ratio" in argv else {}
    args["max_reject_ratio"] = float(optional.get("max_reject_ratio", "0.05"))
    return args


def read_raw(glue_context: GlueContext, database: str, table: str) -> DataFrame:
    # transformation_ctx ties this read to the job bookmark.
    frame = glue_context.create_dynamic_frame.from_catalog(
        database=database, table_name=table, transformation_ctx="read_raw"
    )
    return frame.toDF()


def clean(raw: DataFrame) -> DataFrame:
    """Normalise types; rows whose values cannot be parsed become nulls and are dropped below."""
    typed = raw.select(
        F.col("trip_id").cast(LongType()).alias("trip_id"),
        F.to_timestamp(F.col("pickup_time").cast("string"), TIMESTAMP_FORMAT).alias("pickup_time"),
        F.to_timestamp(F.col("dropoff_time").cast("string"), TIMESTAMP_FORMAT).alias("dropoff_time"),
        F.trim(F.col("pickup_zone")).alias("pickup_zone"),
        F.trim(F.col("dropoff_zone")).alias("dropoff_zone"),
        F.col("passengers").cast(IntegerType()).alias("passengers"),
        F.col("distance_km").cast(DoubleType()).alias("distance_km"),
        F.col("fare_krw").cast(LongType()).alias("fare_krw"),
        F.lower(F.trim(F.col("payment_type"))).alias("payment_type"),
    )
    well_formed = typed.dropna(subset=NOT_NULL_COLUMNS).filter(
        (F.length("pickup_zone") > 0)
        & (F.length("dropoff_zone") > 0)
        & (F.col("distance_km") > 0)
        & (F.col("fare_krw") > 0)
        & (F.col("dropoff_time") > F.col("pickup_time"))
    )
    return well_formed.fillna({"passengers": 1}).dropDuplicates(["trip_id"])


def transform(cleaned: DataFrame) -> DataFrame:
    duration_min = (F.col("dropoff_time").cast(TimestampType()).cast("long") - F.col("pickup_time").cast("long")) / 60
    return (
        cleaned.withColumn("duration_min", F.round(duration_min, 1))
        .withColumn("speed_kmh", F.round(F.col("distance_km") / (F.col("duration_min") / 60), 1))
        .withColumn("fare_per_km", F.round(F.col("fare_krw") / F.col("distance_km"), 0))
        .withColumn("pickup_date", F.to_date("pickup_time"))
        .withColumn("year", F.year("pickup_time"))
        .withColumn("month", F.month("pickup_time"))
    )


def validate(raw_count: int, result: DataFrame, max_reject_ratio: float) -> int:
    kept = result.count()
    if raw_count == 0:
        return 0  # nothing new since the last bookmark: not an error
    rejected_ratio = (raw_count - kept) / raw_count
    if rejected_ratio > max_reject_ratio:
        raise ValidationError(
            f"{raw_count - kept} of {raw_count} rows were malformed ({rejected_ratio:.1%}), "
            f"above the allowed {max_reject_ratio:.1%}: inspect the raw data before publishing"
        )
    null_counts = result.select([F.sum(F.col(c).isNull().cast("int")).alias(c) for c in NOT_NULL_COLUMNS]).first()
    breached = {c: null_counts[c] for c in NOT_NULL_COLUMNS if null_counts[c]}
    if breached:
        raise ValidationError(f"null values in required columns after cleaning: {breached}")
    implausible = result.filter((F.col("speed_kmh") > 200) | (F.col("duration_min") > 24 * 60)).count()
    if implausible:
        raise ValidationError(f"{implausible} trips have an implausible speed or duration")
    return kept


def write_processed(glue_context: GlueContext, result: DataFrame, output_path: str) -> None:
    frame = DynamicFrame.fromDF(result, glue_context, "processed")
    glue_context.write_dynamic_frame.from_options(
        frame=frame,
        connection_type="s3",
        connection_options={"path": output_path, "partitionKeys": ["year", "month"]},
        format="glueparquet",
        format_options={"compression": "snappy"},
        transformation_ctx="write_processed",
    )


def main(argv) -> None:
    args = resolve_args(argv)
    spark_context = SparkContext.getOrCreate()
    glue_context = GlueContext(spark_context)
    job = Job(glue_context)
    job.init(args["JOB_NAME"], args)
    logger = glue_context.get_logger()

    raw = read_raw(glue_context, args["database"], args["table"])
    raw_count = raw.count()
    result = transform(clean(raw))
    kept = validate(raw_count, result, args["max_reject_ratio"])
    if kept:
        write_processed(glue_context, result, args["output_path"])
    logger.info(f"read {raw_count} rows, wrote {kept} rows to {args['output_path']}")
    # Commit only after a successful write: a failed run leaves the bookmark where it was.
    job.commit()


if __name__ == "__main__":
    main(sys.argv)
