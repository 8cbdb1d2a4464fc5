-- CIT001: Residents
-- Numerator: number of rows in citizens.residents, attributed to municipality. Computed per month; unit: persons.

-- numerator: number of rows in citizens.residents, attributed to municipality
-- measure column: mb980a96fe796 (one scan computes 26 measures of citizens.residents)
CREATE OR REPLACE TEMP TABLE group_totals AS
SELECT
  "_m",
  "p0",
  "f12",
  "f13",
  "i0",
  "i1",
  "i2",
  COUNT(*) AS "t0",
  SUM("v0") AS "t1",
  SUM("v1") AS "t2"
FROM (
  SELECT
    CAST("_municipality" AS SMALLINT) AS "_m",
    "_period" AS "p0",
    CASE WHEN CAST(sex AS TEXT) IN ('1', '2') THEN CAST(sex AS TEXT) END AS "d0",
    CASE
      WHEN "__age_birth_date" >= 0 AND "__age_birth_date" <= 5
      THEN '0-5'
      WHEN "__age_birth_date" >= 6 AND "__age_birth_date" <= 11
      THEN '6-11'
      WHEN "__age_birth_date" >= 12 AND "__age_birth_date" <= 17
      THEN '12-17'
    END AS "d1",
    CASE
      WHEN "__age_birth_date" >= 0 AND "__age_birth_date" <= 2
      THEN '0-2'
      WHEN "__age_birth_date" >= 3 AND "__age_birth_date" <= 5
      THEN '3-5'
      WHEN "__age_birth_date" >= 6 AND "__age_birth_date" <= 9
      THEN '6-9'
      WHEN "__age_birth_date" >= 10 AND "__age_birth_date" <= 13
      THEN '10-13'
      WHEN "__age_birth_date" >= 14 AND "__age_birth_date" <= 15
      THEN '14-15'
      WHEN "__age_birth_date" >= 16 AND "__age_birth_date" <= 17
      THEN '16-17'
    END AS "d2",
    CASE
      WHEN CAST(CASE
        WHEN origin = 1
        THEN 'danish'
        WHEN origin IN (2, 3)
        THEN 'western'
        WHEN origin IN (4, 5)
        THEN 'non_western'
      END AS TEXT) IN ('danish', 'western', 'non_western')
      THEN CAST(CASE
        WHEN origin = 1
        THEN 'danish'
        WHEN origin IN (2, 3)
        THEN 'western'
        WHEN origin IN (4, 5)
        THEN 'non_western'
      END AS TEXT)
    END AS "d3",
    CASE
      WHEN "__age_birth_date" >= 0 AND "__age_birth_date" <= 5
      THEN '0-5'
      WHEN "__age_birth_date" >= 6 AND "__age_birth_date" <= 16
      THEN '6-16'
      WHEN "__age_birth_date" >= 17 AND "__age_birth_date" <= 24
      THEN '17-24'
      WHEN "__age_birth_date" >= 25 AND "__age_birth_date" <= 64
      THEN '25-64'
      WHEN "__age_birth_date" >= 65 AND "__age_birth_date" <= 79
      THEN '65-79'
      WHEN "__age_birth_date" >= 80
      THEN '80+'
    END AS "d4",
    CASE
      WHEN "__age_birth_date" >= 65 AND "__age_birth_date" <= 74
      THEN '65-74'
      WHEN "__age_birth_date" >= 75 AND "__age_birth_date" <= 84
      THEN '75-84'
      WHEN "__age_birth_date" >= 85
      THEN '85+'
    END AS "d5",
    CASE
      WHEN "__age_birth_date" >= 0 AND "__age_birth_date" <= 16
      THEN '0-16'
      WHEN "__age_birth_date" >= 17 AND "__age_birth_date" <= 29
      THEN '17-29'
      WHEN "__age_birth_date" >= 30 AND "__age_birth_date" <= 49
      THEN '30-49'
      WHEN "__age_birth_date" >= 50 AND "__age_birth_date" <= 66
      THEN '50-66'
      WHEN "__age_birth_date" >= 67
      THEN '67+'
    END AS "d6",
    CASE
      WHEN "__age_birth_date" >= 0 AND "__age_birth_date" <= 0
      THEN '0'
      WHEN "__age_birth_date" >= 1 AND "__age_birth_date" <= 2
      THEN '1-2'
      WHEN "__age_birth_date" >= 3 AND "__age_birth_date" <= 5
      THEN '3-5'
    END AS "d7",
    CASE
      WHEN "__age_birth_date" >= 0 AND "__age_birth_date" <= 0
      THEN '0'
      WHEN "__age_birth_date" >= 1 AND "__age_birth_date" <= 1
      THEN '1'
      WHEN "__age_birth_date" >= 2 AND "__age_birth_date" <= 2
      THEN '2'
      WHEN "__age_birth_date" >= 3 AND "__age_birth_date" <= 3
      THEN '3'
      WHEN "__age_birth_date" >= 4 AND "__age_birth_date" <= 4
      THEN '4'
      WHEN "__age_birth_date" >= 5 AND "__age_birth_date" <= 5
      THEN '5'
    END AS "d8",
    CASE
      WHEN "__age_birth_date" >= 18 AND "__age_birth_date" <= 29
      THEN '18-29'
      WHEN "__age_birth_date" >= 30 AND "__age_birth_date" <= 49
      THEN '30-49'
      WHEN "__age_birth_date" >= 50 AND "__age_birth_date" <= 64
      THEN '50-64'
      WHEN "__age_birth_date" >= 65
      THEN '65+'
    END AS "d9",
    CASE
      WHEN "__age_birth_date" >= 65 AND "__age_birth_date" <= 69
      THEN '65-69'
      WHEN "__age_birth_date" >= 70 AND "__age_birth_date" <= 74
      THEN '70-74'
      WHEN "__age_birth_date" >= 75 AND "__age_birth_date" <= 79
      THEN '75-79'
      WHEN "__age_birth_date" >= 80 AND "__age_birth_date" <= 84
      THEN '80-84'
      WHEN "__age_birth_date" >= 85 AND "__age_birth_date" <= 89
      THEN '85-89'
      WHEN "__age_birth_date" >= 90
      THEN '90+'
    END AS "d10",
    CASE
      WHEN "__age_birth_date" >= 80 AND "__age_birth_date" <= 84
      THEN '80-84'
      WHEN "__age_birth_date" >= 85 AND "__age_birth_date" <= 89
      THEN '85-89'
      WHEN "__age_birth_date" >= 90
      THEN '90+'
    END AS "d11",
    CASE
      WHEN "__age_birth_date" >= 16 AND "__age_birth_date" <= 29
      THEN '16-29'
      WHEN "__age_birth_date" >= 30 AND "__age_birth_date" <= 49
      THEN '30-49'
      WHEN "__age_birth_date" >= 50 AND "__age_birth_date" <= 66
      THEN '50-66'
    END AS "d12",
    CASE
      WHEN "__age_birth_date" >= 6 AND "__age_birth_date" <= 9
      THEN '6-9'
      WHEN "__age_birth_date" >= 10 AND "__age_birth_date" <= 12
      THEN '10-12'
      WHEN "__age_birth_date" >= 13 AND "__age_birth_date" <= 16
      THEN '13-16'
    END AS "d13",
    COALESCE("__age_birth_date" <= 17, FALSE) AS "f0",
    COALESCE("__age_birth_date" BETWEEN 18 AND 22, FALSE) AS "f1",
    COALESCE(TRUE, FALSE) AS "f2",
    COALESCE("__age_birth_date" >= 65, FALSE) AS "f3",
    COALESCE("__age_birth_date" >= 80, FALSE) AS "f4",
    COALESCE(origin IN (4, 5), FALSE) AS "f5",
    COALESCE("__age_birth_date" < 17 OR "__age_birth_date" >= 67, FALSE) AS "f6",
    COALESCE("__age_birth_date" BETWEEN 17 AND 66, FALSE) AS "f7",
    COALESCE("__age_birth_date" BETWEEN 17 AND 64, FALSE) AS "f8",
    COALESCE("__age_birth_date" <= 16, FALSE) AS "f9",
    COALESCE(NOT "__age_birth_date" IS NULL, FALSE) AS "f10",
    "__age_birth_date" AS "v0",
    COALESCE(sex = 2 AND "__age_birth_date" BETWEEN 15 AND 49, FALSE) AS "f11",
    COALESCE(moved_in > birth_date AND DATE_DIFF('DAY', moved_in, _period) < 365, FALSE) AS "f12",
    COALESCE(
      NOT moved_in IS NULL
      AND NOT CAST(DATE_DIFF('DAY', moved_in, _period) AS DOUBLE) / CAST(365.25 AS DOUBLE) IS NULL,
      FALSE
    ) AS "f13",
    CAST(DATE_DIFF('DAY', moved_in, _period) AS DOUBLE) / CAST(365.25 AS DOUBLE) AS "v1",
    COALESCE("__age_birth_date" <= 5, FALSE) AS "f14",
    COALESCE("__age_birth_date" >= 18, FALSE) AS "f15",
    COALESCE("__age_birth_date" BETWEEN 6 AND 16, FALSE) AS "f16",
    COALESCE("__age_birth_date" >= 67, FALSE) AS "f17",
    COALESCE("__age_birth_date" BETWEEN 18 AND 64, FALSE) AS "f18",
    COALESCE("__age_birth_date" BETWEEN 80 AND 84, FALSE) AS "f19",
    COALESCE("__age_birth_date" BETWEEN 16 AND 66, FALSE) AS "f20",
    "__age_birth_date" AS "i0",
    "origin" AS "i1",
    "sex" AS "i2"
  FROM (
    SELECT
      b.*,
      (
        YEAR("b"."_period") - YEAR("b"."birth_date") - CASE
          WHEN MONTH("b"."_period") < MONTH("b"."birth_date")
          OR (
            MONTH("b"."_period") = MONTH("b"."birth_date")
            AND DAY("b"."_period") < DAY("b"."birth_date")
          )
          THEN 1
          ELSE 0
        END
      ) AS "__age_birth_date"
    FROM current.citizens_residents AS b
  ) AS rel
  WHERE
    "_municipality" IN (101, 147, 151)
) AS projected
GROUP BY
  "_m",
  "p0",
  "f12",
  "f13",
  "i0",
  "i1",
  "i2";

CREATE OR REPLACE TEMP TABLE group_weights_0 AS
SELECT
  "_m",
  "p0",
  "d0",
  "d3",
  CASE WHEN "f2" THEN CAST("v0" AS DOUBLE) END AS "v0",
  COUNT("v0") FILTER(WHERE
    "f2") AS "wt0"
FROM (
  SELECT
    CAST("_municipality" AS SMALLINT) AS "_m",
    "_period" AS "p0",
    CASE WHEN CAST(sex AS TEXT) IN ('1', '2') THEN CAST(sex AS TEXT) END AS "d0",
    CASE
      WHEN "__age_birth_date" >= 0 AND "__age_birth_date" <= 5
      THEN '0-5'
      WHEN "__age_birth_date" >= 6 AND "__age_birth_date" <= 11
      THEN '6-11'
      WHEN "__age_birth_date" >= 12 AND "__age_birth_date" <= 17
      THEN '12-17'
    END AS "d1",
    CASE
      WHEN "__age_birth_date" >= 0 AND "__age_birth_date" <= 2
      THEN '0-2'
      WHEN "__age_birth_date" >= 3 AND "__age_birth_date" <= 5
      THEN '3-5'
      WHEN "__age_birth_date" >= 6 AND "__age_birth_date" <= 9
      THEN '6-9'
      WHEN "__age_birth_date" >= 10 AND "__age_birth_date" <= 13
      THEN '10-13'
      WHEN "__age_birth_date" >= 14 AND "__age_birth_date" <= 15
      THEN '14-15'
      WHEN "__age_birth_date" >= 16 AND "__age_birth_date" <= 17
      THEN '16-17'
    END AS "d2",
    CASE
      WHEN CAST(CASE
        WHEN origin = 1
        THEN 'danish'
        WHEN origin IN (2, 3)
        THEN 'western'
        WHEN origin IN (4, 5)
        THEN 'non_western'
      END AS TEXT) IN ('danish', 'western', 'non_western')
      THEN CAST(CASE
        WHEN origin = 1
        THEN 'danish'
        WHEN origin IN (2, 3)
        THEN 'western'
        WHEN origin IN (4, 5)
        THEN 'non_western'
      END AS TEXT)
    END AS "d3",
    CASE
      WHEN "__age_birth_date" >= 0 AND "__age_birth_date" <= 5
      THEN '0-5'
      WHEN "__age_birth_date" >= 6 AND "__age_birth_date" <= 16
      THEN '6-16'
      WHEN "__age_birth_date" >= 17 AND "__age_birth_date" <= 24
      THEN '17-24'
      WHEN "__age_birth_date" >= 25 AND "__age_birth_date" <= 64
      THEN '25-64'
      WHEN "__age_birth_date" >= 65 AND "__age_birth_date" <= 79
      THEN '65-79'
      WHEN "__age_birth_date" >= 80
      THEN '80+'
    END AS "d4",
    CASE
      WHEN "__age_birth_date" >= 65 AND "__age_birth_date" <= 74
      THEN '65-74'
      WHEN "__age_birth_date" >= 75 AND "__age_birth_date" <= 84
      THEN '75-84'
      WHEN "__age_birth_date" >= 85
      THEN '85+'
    END AS "d5",
    CASE
      WHEN "__age_birth_date" >= 0 AND "__age_birth_date" <= 16
      THEN '0-16'
      WHEN "__age_birth_date" >= 17 AND "__age_birth_date" <= 29
      THEN '17-29'
      WHEN "__age_birth_date" >= 30 AND "__age_birth_date" <= 49
      THEN '30-49'
      WHEN "__age_birth_date" >= 50 AND "__age_birth_date" <= 66
      THEN '50-66'
      WHEN "__age_birth_date" >= 67
      THEN '67+'
    END AS "d6",
    CASE
      WHEN "__age_birth_date" >= 0 AND "__age_birth_date" <= 0
      THEN '0'
      WHEN "__age_birth_date" >= 1 AND "__age_birth_date" <= 2
      THEN '1-2'
      WHEN "__age_birth_date" >= 3 AND "__age_birth_date" <= 5
      THEN '3-5'
    END AS "d7",
    CASE
      WHEN "__age_birth_date" >= 0 AND "__age_birth_date" <= 0
      THEN '0'
      WHEN "__age_birth_date" >= 1 AND "__age_birth_date" <= 1
      THEN '1'
      WHEN "__age_birth_date" >= 2 AND "__age_birth_date" <= 2
      THEN '2'
      WHEN "__age_birth_date" >= 3 AND "__age_birth_date" <= 3
      THEN '3'
      WHEN "__age_birth_date" >= 4 AND "__age_birth_date" <= 4
      THEN '4'
      WHEN "__age_birth_date" >= 5 AND "__age_birth_date" <= 5
      THEN '5'
    END AS "d8",
    CASE
      WHEN "__age_birth_date" >= 18 AND "__age_birth_date" <= 29
      THEN '18-29'
      WHEN "__age_birth_date" >= 30 AND "__age_birth_date" <= 49
      THEN '30-49'
      WHEN "__age_birth_date" >= 50 AND "__age_birth_date" <= 64
      THEN '50-64'
      WHEN "__age_birth_date" >= 65
      THEN '65+'
    END AS "d9",
    CASE
      WHEN "__age_birth_date" >= 65 AND "__age_birth_date" <= 69
      THEN '65-69'
      WHEN "__age_birth_date" >= 70 AND "__age_birth_date" <= 74
      THEN '70-74'
      WHEN "__age_birth_date" >= 75 AND "__age_birth_date" <= 79
      THEN '75-79'
      WHEN "__age_birth_date" >= 80 AND "__age_birth_date" <= 84
      THEN '80-84'
      WHEN "__age_birth_date" >= 85 AND "__age_birth_date" <= 89
      THEN '85-89'
      WHEN "__age_birth_date" >= 90
      THEN '90+'
    END AS "d10",
    CASE
      WHEN "__age_birth_date" >= 80 AND "__age_birth_date" <= 84
      THEN '80-84'
      WHEN "__age_birth_date" >= 85 AND "__age_birth_date" <= 89
      THEN '85-89'
      WHEN "__age_birth_date" >= 90
      THEN '90+'
    END AS "d11",
    CASE
      WHEN "__age_birth_date" >= 16 AND "__age_birth_date" <= 29
      THEN '16-29'
      WHEN "__age_birth_date" >= 30 AND "__age_birth_date" <= 49
      THEN '30-49'
      WHEN "__age_birth_date" >= 50 AND "__age_birth_date" <= 66
      THEN '50-66'
    END AS "d12",
    CASE
      WHEN "__age_birth_date" >= 6 AND "__age_birth_date" <= 9
      THEN '6-9'
      WHEN "__age_birth_date" >= 10 AND "__age_birth_date" <= 12
      THEN '10-12'
      WHEN "__age_birth_date" >= 13 AND "__age_birth_date" <= 16
      THEN '13-16'
    END AS "d13",
    COALESCE("__age_birth_date" <= 17, FALSE) AS "f0",
    COALESCE("__age_birth_date" BETWEEN 18 AND 22, FALSE) AS "f1",
    COALESCE(TRUE, FALSE) AS "f2",
    COALESCE("__age_birth_date" >= 65, FALSE) AS "f3",
    COALESCE("__age_birth_date" >= 80, FALSE) AS "f4",
    COALESCE(origin IN (4, 5), FALSE) AS "f5",
    COALESCE("__age_birth_date" < 17 OR "__age_birth_date" >= 67, FALSE) AS "f6",
    COALESCE("__age_birth_date" BETWEEN 17 AND 66, FALSE) AS "f7",
    COALESCE("__age_birth_date" BETWEEN 17 AND 64, FALSE) AS "f8",
    COALESCE("__age_birth_date" <= 16, FALSE) AS "f9",
    COALESCE(NOT "__age_birth_date" IS NULL, FALSE) AS "f10",
    "__age_birth_date" AS "v0",
    COALESCE(sex = 2 AND "__age_birth_date" BETWEEN 15 AND 49, FALSE) AS "f11",
    COALESCE(moved_in > birth_date AND DATE_DIFF('DAY', moved_in, _period) < 365, FALSE) AS "f12",
    COALESCE(
      NOT moved_in IS NULL
      AND NOT CAST(DATE_DIFF('DAY', moved_in, _period) AS DOUBLE) / CAST(365.25 AS DOUBLE) IS NULL,
      FALSE
    ) AS "f13",
    CAST(DATE_DIFF('DAY', moved_in, _period) AS DOUBLE) / CAST(365.25 AS DOUBLE) AS "v1",
    COALESCE("__age_birth_date" <= 5, FALSE) AS "f14",
    COALESCE("__age_birth_date" >= 18, FALSE) AS "f15",
    COALESCE("__age_birth_date" BETWEEN 6 AND 16, FALSE) AS "f16",
    COALESCE("__age_birth_date" >= 67, FALSE) AS "f17",
    COALESCE("__age_birth_date" BETWEEN 18 AND 64, FALSE) AS "f18",
    COALESCE("__age_birth_date" BETWEEN 80 AND 84, FALSE) AS "f19",
    COALESCE("__age_birth_date" BETWEEN 16 AND 66, FALSE) AS "f20",
    "__age_birth_date" AS "i0",
    "origin" AS "i1",
    "sex" AS "i2"
  FROM (
    SELECT
      b.*,
      (
        YEAR("b"."_period") - YEAR("b"."birth_date") - CASE
          WHEN MONTH("b"."_period") < MONTH("b"."birth_date")
          OR (
            MONTH("b"."_period") = MONTH("b"."birth_date")
            AND DAY("b"."_period") < DAY("b"."birth_date")
          )
          THEN 1
          ELSE 0
        END
      ) AS "__age_birth_date"
    FROM current.citizens_residents AS b
  ) AS rel
  WHERE
    "_municipality" IN (101, 147, 151)
) AS projected
GROUP BY
  "_m",
  "p0",
  "d0",
  "d3",
  CASE WHEN "f2" THEN CAST("v0" AS DOUBLE) END;

-- total: 25 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  '' AS "dimension",
  '' AS "category",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" <= 17, FALSE)), 0) AS DOUBLE) AS "mf95c58fd0616",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" BETWEEN 18 AND 22, FALSE)), 0) AS DOUBLE) AS "m98ed4f2c87c5",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS "mb980a96fe796",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" >= 65, FALSE)), 0) AS DOUBLE) AS "ma71eda79912f",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS "m4e50189524e6",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" >= 80, FALSE)), 0) AS DOUBLE) AS "mdd21ed26df8a",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i1" IN (4, 5), FALSE)), 0) AS DOUBLE) AS "m6278c8f81282",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" < 17 OR "i0" >= 67, FALSE)), 0) AS DOUBLE) AS "md6dcd2c0ddb4",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" BETWEEN 17 AND 66, FALSE)), 0) AS DOUBLE) AS "mf6f2c30c774a",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" BETWEEN 17 AND 64, FALSE)), 0) AS DOUBLE) AS "ma2cd4486a052",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" <= 16, FALSE)), 0) AS DOUBLE) AS "mafcff3734ce3",
  CAST(SUM("t1") FILTER(WHERE
    COALESCE(NOT "i0" IS NULL, FALSE)) AS DOUBLE) AS "md1b0cacaad2b",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE(NOT "i0" IS NULL, FALSE)), 0) AS DOUBLE) AS "m2ffd03c78e6a",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i2" = 2 AND "i0" BETWEEN 15 AND 49, FALSE)), 0) AS DOUBLE) AS "mc9bf4238aff3",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    "f12"), 0) AS DOUBLE) AS "m67f8997d65c5",
  CAST(SUM("t2") FILTER(WHERE
    "f13") AS DOUBLE) AS "ma480ba4d12d9",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    "f13"), 0) AS DOUBLE) AS "m28ee2717020a",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" <= 5, FALSE)), 0) AS DOUBLE) AS "mdac1debe8925",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" >= 18, FALSE)), 0) AS DOUBLE) AS "m4a0d5ec2d8db",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" BETWEEN 6 AND 16, FALSE)), 0) AS DOUBLE) AS "m111f9c612942",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" >= 67, FALSE)), 0) AS DOUBLE) AS "m6584d11a0a03",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" BETWEEN 18 AND 64, FALSE)), 0) AS DOUBLE) AS "mc4360d486d8a",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" BETWEEN 80 AND 84, FALSE)), 0) AS DOUBLE) AS "m1432dfab4b14",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" BETWEEN 16 AND 66, FALSE)), 0) AS DOUBLE) AS "mbac0dc1feea1",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" BETWEEN 16 AND 66, FALSE)), 0) AS DOUBLE) AS "m432d5276cb71"
FROM group_totals
GROUP BY
  "_m",
  "p0";

-- total: 1 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  '' AS "dimension",
  '' AS "category",
  CAST("lo13" + (
    "h13" - FLOOR("h13")
  ) * (
    "hi13" - "lo13"
  ) AS DOUBLE) AS "m3632d07ae9c9"
FROM (
  SELECT
    "_m",
    "p0",
    MIN("v0") FILTER(WHERE
      "w13" > 0 AND "r13" > FLOOR(CAST((
        "n13" - 1
      ) AS DOUBLE) * 0.5)) AS "lo13",
    MIN("v0") FILTER(WHERE
      "w13" > 0 AND "r13" > CEIL(CAST((
        "n13" - 1
      ) AS DOUBLE) * 0.5)) AS "hi13",
    MAX(CAST((
      "n13" - 1
    ) AS DOUBLE) * 0.5) AS "h13"
  FROM (
    SELECT
      "_m",
      "p0",
      "v0",
      "w13",
      SUM("w13") OVER (
        PARTITION BY "_m", "p0"
        ORDER BY "v0" NULLS FIRST
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      ) AS "r13",
      SUM("w13") OVER (PARTITION BY "_m", "p0") AS "n13"
    FROM (
      SELECT
        "_m",
        "p0",
        "v0",
        SUM("wt0") AS "w13"
      FROM group_weights_0
      GROUP BY
        "_m",
        "p0",
        "v0"
    ) AS weighed
  ) AS running
  GROUP BY
    "_m",
    "p0"
) AS picked;

-- by sex: 21 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'sex' AS "dimension",
  CAST(CASE WHEN CAST("i2" AS TEXT) IN ('1', '2') THEN CAST("i2" AS TEXT) END AS TEXT) AS "category",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" <= 17, FALSE)), 0) AS DOUBLE) AS "mf95c58fd0616",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" BETWEEN 18 AND 22, FALSE)), 0) AS DOUBLE) AS "m98ed4f2c87c5",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS "mb980a96fe796",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" >= 65, FALSE)), 0) AS DOUBLE) AS "ma71eda79912f",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS "m4e50189524e6",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" >= 80, FALSE)), 0) AS DOUBLE) AS "mdd21ed26df8a",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i1" IN (4, 5), FALSE)), 0) AS DOUBLE) AS "m6278c8f81282",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" < 17 OR "i0" >= 67, FALSE)), 0) AS DOUBLE) AS "md6dcd2c0ddb4",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" BETWEEN 17 AND 66, FALSE)), 0) AS DOUBLE) AS "mf6f2c30c774a",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" BETWEEN 17 AND 64, FALSE)), 0) AS DOUBLE) AS "ma2cd4486a052",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" <= 16, FALSE)), 0) AS DOUBLE) AS "mafcff3734ce3",
  CAST(SUM("t1") FILTER(WHERE
    COALESCE(NOT "i0" IS NULL, FALSE)) AS DOUBLE) AS "md1b0cacaad2b",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE(NOT "i0" IS NULL, FALSE)), 0) AS DOUBLE) AS "m2ffd03c78e6a",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    "f12"), 0) AS DOUBLE) AS "m67f8997d65c5",
  CAST(SUM("t2") FILTER(WHERE
    "f13") AS DOUBLE) AS "ma480ba4d12d9",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    "f13"), 0) AS DOUBLE) AS "m28ee2717020a",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" <= 5, FALSE)), 0) AS DOUBLE) AS "mdac1debe8925",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" >= 18, FALSE)), 0) AS DOUBLE) AS "m4a0d5ec2d8db",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" BETWEEN 6 AND 16, FALSE)), 0) AS DOUBLE) AS "m111f9c612942",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" BETWEEN 80 AND 84, FALSE)), 0) AS DOUBLE) AS "m1432dfab4b14",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" BETWEEN 16 AND 66, FALSE)), 0) AS DOUBLE) AS "mbac0dc1feea1"
FROM group_totals
WHERE
  NOT CASE WHEN CAST("i2" AS TEXT) IN ('1', '2') THEN CAST("i2" AS TEXT) END IS NULL
GROUP BY
  "_m",
  "p0",
  CASE WHEN CAST("i2" AS TEXT) IN ('1', '2') THEN CAST("i2" AS TEXT) END;

-- by sex: 1 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'sex' AS "dimension",
  CAST("d0" AS TEXT) AS "category",
  CAST("lo13" + (
    "h13" - FLOOR("h13")
  ) * (
    "hi13" - "lo13"
  ) AS DOUBLE) AS "m3632d07ae9c9"
FROM (
  SELECT
    "_m",
    "p0",
    "d0",
    MIN("v0") FILTER(WHERE
      "w13" > 0 AND "r13" > FLOOR(CAST((
        "n13" - 1
      ) AS DOUBLE) * 0.5)) AS "lo13",
    MIN("v0") FILTER(WHERE
      "w13" > 0 AND "r13" > CEIL(CAST((
        "n13" - 1
      ) AS DOUBLE) * 0.5)) AS "hi13",
    MAX(CAST((
      "n13" - 1
    ) AS DOUBLE) * 0.5) AS "h13"
  FROM (
    SELECT
      "_m",
      "p0",
      "d0",
      "v0",
      "w13",
      SUM("w13") OVER (
        PARTITION BY "_m", "p0", "d0"
        ORDER BY "v0" NULLS FIRST
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      ) AS "r13",
      SUM("w13") OVER (PARTITION BY "_m", "p0", "d0") AS "n13"
    FROM (
      SELECT
        "_m",
        "p0",
        "d0",
        "v0",
        SUM("wt0") AS "w13"
      FROM group_weights_0
      WHERE
        NOT "d0" IS NULL
      GROUP BY
        "_m",
        "p0",
        "d0",
        "v0"
    ) AS weighed
  ) AS running
  GROUP BY
    "_m",
    "p0",
    "d0"
) AS picked;

-- by age_children: 1 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'age_children' AS "dimension",
  CAST(CASE
    WHEN "i0" >= 0 AND "i0" <= 5
    THEN '0-5'
    WHEN "i0" >= 6 AND "i0" <= 11
    THEN '6-11'
    WHEN "i0" >= 12 AND "i0" <= 17
    THEN '12-17'
  END AS TEXT) AS "category",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" <= 17, FALSE)), 0) AS DOUBLE) AS "mf95c58fd0616"
FROM group_totals
WHERE
  NOT CASE
    WHEN "i0" >= 0 AND "i0" <= 5
    THEN '0-5'
    WHEN "i0" >= 6 AND "i0" <= 11
    THEN '6-11'
    WHEN "i0" >= 12 AND "i0" <= 17
    THEN '12-17'
  END IS NULL
GROUP BY
  "_m",
  "p0",
  CASE
    WHEN "i0" >= 0 AND "i0" <= 5
    THEN '0-5'
    WHEN "i0" >= 6 AND "i0" <= 11
    THEN '6-11'
    WHEN "i0" >= 12 AND "i0" <= 17
    THEN '12-17'
  END;

-- by children_age: 1 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'children_age' AS "dimension",
  CAST(CASE
    WHEN "i0" >= 0 AND "i0" <= 2
    THEN '0-2'
    WHEN "i0" >= 3 AND "i0" <= 5
    THEN '3-5'
    WHEN "i0" >= 6 AND "i0" <= 9
    THEN '6-9'
    WHEN "i0" >= 10 AND "i0" <= 13
    THEN '10-13'
    WHEN "i0" >= 14 AND "i0" <= 15
    THEN '14-15'
    WHEN "i0" >= 16 AND "i0" <= 17
    THEN '16-17'
  END AS TEXT) AS "category",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" <= 17, FALSE)), 0) AS DOUBLE) AS "mf95c58fd0616"
FROM group_totals
WHERE
  NOT CASE
    WHEN "i0" >= 0 AND "i0" <= 2
    THEN '0-2'
    WHEN "i0" >= 3 AND "i0" <= 5
    THEN '3-5'
    WHEN "i0" >= 6 AND "i0" <= 9
    THEN '6-9'
    WHEN "i0" >= 10 AND "i0" <= 13
    THEN '10-13'
    WHEN "i0" >= 14 AND "i0" <= 15
    THEN '14-15'
    WHEN "i0" >= 16 AND "i0" <= 17
    THEN '16-17'
  END IS NULL
GROUP BY
  "_m",
  "p0",
  CASE
    WHEN "i0" >= 0 AND "i0" <= 2
    THEN '0-2'
    WHEN "i0" >= 3 AND "i0" <= 5
    THEN '3-5'
    WHEN "i0" >= 6 AND "i0" <= 9
    THEN '6-9'
    WHEN "i0" >= 10 AND "i0" <= 13
    THEN '10-13'
    WHEN "i0" >= 14 AND "i0" <= 15
    THEN '14-15'
    WHEN "i0" >= 16 AND "i0" <= 17
    THEN '16-17'
  END;

-- by origin: 13 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'origin' AS "dimension",
  CAST(CASE
    WHEN CAST(CASE
      WHEN "i1" = 1
      THEN 'danish'
      WHEN "i1" IN (2, 3)
      THEN 'western'
      WHEN "i1" IN (4, 5)
      THEN 'non_western'
    END AS TEXT) IN ('danish', 'western', 'non_western')
    THEN CAST(CASE
      WHEN "i1" = 1
      THEN 'danish'
      WHEN "i1" IN (2, 3)
      THEN 'western'
      WHEN "i1" IN (4, 5)
      THEN 'non_western'
    END AS TEXT)
  END AS TEXT) AS "category",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS "mb980a96fe796",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" >= 65, FALSE)), 0) AS DOUBLE) AS "ma71eda79912f",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS "m4e50189524e6",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" >= 80, FALSE)), 0) AS DOUBLE) AS "mdd21ed26df8a",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" < 17 OR "i0" >= 67, FALSE)), 0) AS DOUBLE) AS "md6dcd2c0ddb4",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" BETWEEN 17 AND 66, FALSE)), 0) AS DOUBLE) AS "mf6f2c30c774a",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" <= 16, FALSE)), 0) AS DOUBLE) AS "mafcff3734ce3",
  CAST(SUM("t1") FILTER(WHERE
    COALESCE(NOT "i0" IS NULL, FALSE)) AS DOUBLE) AS "md1b0cacaad2b",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE(NOT "i0" IS NULL, FALSE)), 0) AS DOUBLE) AS "m2ffd03c78e6a",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    "f12"), 0) AS DOUBLE) AS "m67f8997d65c5",
  CAST(SUM("t2") FILTER(WHERE
    "f13") AS DOUBLE) AS "ma480ba4d12d9",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    "f13"), 0) AS DOUBLE) AS "m28ee2717020a",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" BETWEEN 16 AND 66, FALSE)), 0) AS DOUBLE) AS "mbac0dc1feea1"
FROM group_totals
WHERE
  NOT CASE
    WHEN CAST(CASE
      WHEN "i1" = 1
      THEN 'danish'
      WHEN "i1" IN (2, 3)
      THEN 'western'
      WHEN "i1" IN (4, 5)
      THEN 'non_western'
    END AS TEXT) IN ('danish', 'western', 'non_western')
    THEN CAST(CASE
      WHEN "i1" = 1
      THEN 'danish'
      WHEN "i1" IN (2, 3)
      THEN 'western'
      WHEN "i1" IN (4, 5)
      THEN 'non_western'
    END AS TEXT)
  END IS NULL
GROUP BY
  "_m",
  "p0",
  CASE
    WHEN CAST(CASE
      WHEN "i1" = 1
      THEN 'danish'
      WHEN "i1" IN (2, 3)
      THEN 'western'
      WHEN "i1" IN (4, 5)
      THEN 'non_western'
    END AS TEXT) IN ('danish', 'western', 'non_western')
    THEN CAST(CASE
      WHEN "i1" = 1
      THEN 'danish'
      WHEN "i1" IN (2, 3)
      THEN 'western'
      WHEN "i1" IN (4, 5)
      THEN 'non_western'
    END AS TEXT)
  END;

-- by origin: 1 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'origin' AS "dimension",
  CAST("d3" AS TEXT) AS "category",
  CAST("lo13" + (
    "h13" - FLOOR("h13")
  ) * (
    "hi13" - "lo13"
  ) AS DOUBLE) AS "m3632d07ae9c9"
FROM (
  SELECT
    "_m",
    "p0",
    "d3",
    MIN("v0") FILTER(WHERE
      "w13" > 0 AND "r13" > FLOOR(CAST((
        "n13" - 1
      ) AS DOUBLE) * 0.5)) AS "lo13",
    MIN("v0") FILTER(WHERE
      "w13" > 0 AND "r13" > CEIL(CAST((
        "n13" - 1
      ) AS DOUBLE) * 0.5)) AS "hi13",
    MAX(CAST((
      "n13" - 1
    ) AS DOUBLE) * 0.5) AS "h13"
  FROM (
    SELECT
      "_m",
      "p0",
      "d3",
      "v0",
      "w13",
      SUM("w13") OVER (
        PARTITION BY "_m", "p0", "d3"
        ORDER BY "v0" NULLS FIRST
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      ) AS "r13",
      SUM("w13") OVER (PARTITION BY "_m", "p0", "d3") AS "n13"
    FROM (
      SELECT
        "_m",
        "p0",
        "d3",
        "v0",
        SUM("wt0") AS "w13"
      FROM group_weights_0
      WHERE
        NOT "d3" IS NULL
      GROUP BY
        "_m",
        "p0",
        "d3",
        "v0"
    ) AS weighed
  ) AS running
  GROUP BY
    "_m",
    "p0",
    "d3"
) AS picked;

-- by age_life: 4 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'age_life' AS "dimension",
  CAST(CASE
    WHEN "i0" >= 0 AND "i0" <= 5
    THEN '0-5'
    WHEN "i0" >= 6 AND "i0" <= 16
    THEN '6-16'
    WHEN "i0" >= 17 AND "i0" <= 24
    THEN '17-24'
    WHEN "i0" >= 25 AND "i0" <= 64
    THEN '25-64'
    WHEN "i0" >= 65 AND "i0" <= 79
    THEN '65-79'
    WHEN "i0" >= 80
    THEN '80+'
  END AS TEXT) AS "category",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS "mb980a96fe796",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS "m4e50189524e6",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i1" IN (4, 5), FALSE)), 0) AS DOUBLE) AS "m6278c8f81282",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    "f12"), 0) AS DOUBLE) AS "m67f8997d65c5"
FROM group_totals
WHERE
  NOT CASE
    WHEN "i0" >= 0 AND "i0" <= 5
    THEN '0-5'
    WHEN "i0" >= 6 AND "i0" <= 16
    THEN '6-16'
    WHEN "i0" >= 17 AND "i0" <= 24
    THEN '17-24'
    WHEN "i0" >= 25 AND "i0" <= 64
    THEN '25-64'
    WHEN "i0" >= 65 AND "i0" <= 79
    THEN '65-79'
    WHEN "i0" >= 80
    THEN '80+'
  END IS NULL
GROUP BY
  "_m",
  "p0",
  CASE
    WHEN "i0" >= 0 AND "i0" <= 5
    THEN '0-5'
    WHEN "i0" >= 6 AND "i0" <= 16
    THEN '6-16'
    WHEN "i0" >= 17 AND "i0" <= 24
    THEN '17-24'
    WHEN "i0" >= 25 AND "i0" <= 64
    THEN '25-64'
    WHEN "i0" >= 65 AND "i0" <= 79
    THEN '65-79'
    WHEN "i0" >= 80
    THEN '80+'
  END;

-- by age_elderly: 2 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'age_elderly' AS "dimension",
  CAST(CASE
    WHEN "i0" >= 65 AND "i0" <= 74
    THEN '65-74'
    WHEN "i0" >= 75 AND "i0" <= 84
    THEN '75-84'
    WHEN "i0" >= 85
    THEN '85+'
  END AS TEXT) AS "category",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" >= 65, FALSE)), 0) AS DOUBLE) AS "ma71eda79912f",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS "m4e50189524e6"
FROM group_totals
WHERE
  NOT CASE
    WHEN "i0" >= 65 AND "i0" <= 74
    THEN '65-74'
    WHEN "i0" >= 75 AND "i0" <= 84
    THEN '75-84'
    WHEN "i0" >= 85
    THEN '85+'
  END IS NULL
GROUP BY
  "_m",
  "p0",
  CASE
    WHEN "i0" >= 65 AND "i0" <= 74
    THEN '65-74'
    WHEN "i0" >= 75 AND "i0" <= 84
    THEN '75-84'
    WHEN "i0" >= 85
    THEN '85+'
  END;

-- by citizens_age_migration: 1 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'citizens_age_migration' AS "dimension",
  CAST(CASE
    WHEN "i0" >= 0 AND "i0" <= 16
    THEN '0-16'
    WHEN "i0" >= 17 AND "i0" <= 29
    THEN '17-29'
    WHEN "i0" >= 30 AND "i0" <= 49
    THEN '30-49'
    WHEN "i0" >= 50 AND "i0" <= 66
    THEN '50-66'
    WHEN "i0" >= 67
    THEN '67+'
  END AS TEXT) AS "category",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS "m4e50189524e6"
FROM group_totals
WHERE
  NOT CASE
    WHEN "i0" >= 0 AND "i0" <= 16
    THEN '0-16'
    WHEN "i0" >= 17 AND "i0" <= 29
    THEN '17-29'
    WHEN "i0" >= 30 AND "i0" <= 49
    THEN '30-49'
    WHEN "i0" >= 50 AND "i0" <= 66
    THEN '50-66'
    WHEN "i0" >= 67
    THEN '67+'
  END IS NULL
GROUP BY
  "_m",
  "p0",
  CASE
    WHEN "i0" >= 0 AND "i0" <= 16
    THEN '0-16'
    WHEN "i0" >= 17 AND "i0" <= 29
    THEN '17-29'
    WHEN "i0" >= 30 AND "i0" <= 49
    THEN '30-49'
    WHEN "i0" >= 50 AND "i0" <= 66
    THEN '50-66'
    WHEN "i0" >= 67
    THEN '67+'
  END;

-- by daycare_age: 1 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'daycare_age' AS "dimension",
  CAST(CASE
    WHEN "i0" >= 0 AND "i0" <= 0
    THEN '0'
    WHEN "i0" >= 1 AND "i0" <= 2
    THEN '1-2'
    WHEN "i0" >= 3 AND "i0" <= 5
    THEN '3-5'
  END AS TEXT) AS "category",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" <= 5, FALSE)), 0) AS DOUBLE) AS "mdac1debe8925"
FROM group_totals
WHERE
  NOT CASE
    WHEN "i0" >= 0 AND "i0" <= 0
    THEN '0'
    WHEN "i0" >= 1 AND "i0" <= 2
    THEN '1-2'
    WHEN "i0" >= 3 AND "i0" <= 5
    THEN '3-5'
  END IS NULL
GROUP BY
  "_m",
  "p0",
  CASE
    WHEN "i0" >= 0 AND "i0" <= 0
    THEN '0'
    WHEN "i0" >= 1 AND "i0" <= 2
    THEN '1-2'
    WHEN "i0" >= 3 AND "i0" <= 5
    THEN '3-5'
  END;

-- by daycare_age_year: 1 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'daycare_age_year' AS "dimension",
  CAST(CASE
    WHEN "i0" >= 0 AND "i0" <= 0
    THEN '0'
    WHEN "i0" >= 1 AND "i0" <= 1
    THEN '1'
    WHEN "i0" >= 2 AND "i0" <= 2
    THEN '2'
    WHEN "i0" >= 3 AND "i0" <= 3
    THEN '3'
    WHEN "i0" >= 4 AND "i0" <= 4
    THEN '4'
    WHEN "i0" >= 5 AND "i0" <= 5
    THEN '5'
  END AS TEXT) AS "category",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" <= 5, FALSE)), 0) AS DOUBLE) AS "mdac1debe8925"
FROM group_totals
WHERE
  NOT CASE
    WHEN "i0" >= 0 AND "i0" <= 0
    THEN '0'
    WHEN "i0" >= 1 AND "i0" <= 1
    THEN '1'
    WHEN "i0" >= 2 AND "i0" <= 2
    THEN '2'
    WHEN "i0" >= 3 AND "i0" <= 3
    THEN '3'
    WHEN "i0" >= 4 AND "i0" <= 4
    THEN '4'
    WHEN "i0" >= 5 AND "i0" <= 5
    THEN '5'
  END IS NULL
GROUP BY
  "_m",
  "p0",
  CASE
    WHEN "i0" >= 0 AND "i0" <= 0
    THEN '0'
    WHEN "i0" >= 1 AND "i0" <= 1
    THEN '1'
    WHEN "i0" >= 2 AND "i0" <= 2
    THEN '2'
    WHEN "i0" >= 3 AND "i0" <= 3
    THEN '3'
    WHEN "i0" >= 4 AND "i0" <= 4
    THEN '4'
    WHEN "i0" >= 5 AND "i0" <= 5
    THEN '5'
  END;

-- by disability_age: 1 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'disability_age' AS "dimension",
  CAST(CASE
    WHEN "i0" >= 18 AND "i0" <= 29
    THEN '18-29'
    WHEN "i0" >= 30 AND "i0" <= 49
    THEN '30-49'
    WHEN "i0" >= 50 AND "i0" <= 64
    THEN '50-64'
    WHEN "i0" >= 65
    THEN '65+'
  END AS TEXT) AS "category",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" >= 18, FALSE)), 0) AS DOUBLE) AS "m4a0d5ec2d8db"
FROM group_totals
WHERE
  NOT CASE
    WHEN "i0" >= 18 AND "i0" <= 29
    THEN '18-29'
    WHEN "i0" >= 30 AND "i0" <= 49
    THEN '30-49'
    WHEN "i0" >= 50 AND "i0" <= 64
    THEN '50-64'
    WHEN "i0" >= 65
    THEN '65+'
  END IS NULL
GROUP BY
  "_m",
  "p0",
  CASE
    WHEN "i0" >= 18 AND "i0" <= 29
    THEN '18-29'
    WHEN "i0" >= 30 AND "i0" <= 49
    THEN '30-49'
    WHEN "i0" >= 50 AND "i0" <= 64
    THEN '50-64'
    WHEN "i0" >= 65
    THEN '65+'
  END;

-- by elderly_age_5y: 1 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'elderly_age_5y' AS "dimension",
  CAST(CASE
    WHEN "i0" >= 65 AND "i0" <= 69
    THEN '65-69'
    WHEN "i0" >= 70 AND "i0" <= 74
    THEN '70-74'
    WHEN "i0" >= 75 AND "i0" <= 79
    THEN '75-79'
    WHEN "i0" >= 80 AND "i0" <= 84
    THEN '80-84'
    WHEN "i0" >= 85 AND "i0" <= 89
    THEN '85-89'
    WHEN "i0" >= 90
    THEN '90+'
  END AS TEXT) AS "category",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" >= 65, FALSE)), 0) AS DOUBLE) AS "ma71eda79912f"
FROM group_totals
WHERE
  NOT CASE
    WHEN "i0" >= 65 AND "i0" <= 69
    THEN '65-69'
    WHEN "i0" >= 70 AND "i0" <= 74
    THEN '70-74'
    WHEN "i0" >= 75 AND "i0" <= 79
    THEN '75-79'
    WHEN "i0" >= 80 AND "i0" <= 84
    THEN '80-84'
    WHEN "i0" >= 85 AND "i0" <= 89
    THEN '85-89'
    WHEN "i0" >= 90
    THEN '90+'
  END IS NULL
GROUP BY
  "_m",
  "p0",
  CASE
    WHEN "i0" >= 65 AND "i0" <= 69
    THEN '65-69'
    WHEN "i0" >= 70 AND "i0" <= 74
    THEN '70-74'
    WHEN "i0" >= 75 AND "i0" <= 79
    THEN '75-79'
    WHEN "i0" >= 80 AND "i0" <= 84
    THEN '80-84'
    WHEN "i0" >= 85 AND "i0" <= 89
    THEN '85-89'
    WHEN "i0" >= 90
    THEN '90+'
  END;

-- by elderly_age_oldest: 1 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'elderly_age_oldest' AS "dimension",
  CAST(CASE
    WHEN "i0" >= 80 AND "i0" <= 84
    THEN '80-84'
    WHEN "i0" >= 85 AND "i0" <= 89
    THEN '85-89'
    WHEN "i0" >= 90
    THEN '90+'
  END AS TEXT) AS "category",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" >= 80, FALSE)), 0) AS DOUBLE) AS "mdd21ed26df8a"
FROM group_totals
WHERE
  NOT CASE
    WHEN "i0" >= 80 AND "i0" <= 84
    THEN '80-84'
    WHEN "i0" >= 85 AND "i0" <= 89
    THEN '85-89'
    WHEN "i0" >= 90
    THEN '90+'
  END IS NULL
GROUP BY
  "_m",
  "p0",
  CASE
    WHEN "i0" >= 80 AND "i0" <= 84
    THEN '80-84'
    WHEN "i0" >= 85 AND "i0" <= 89
    THEN '85-89'
    WHEN "i0" >= 90
    THEN '90+'
  END;

-- by age_working: 1 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'age_working' AS "dimension",
  CAST(CASE
    WHEN "i0" >= 16 AND "i0" <= 29
    THEN '16-29'
    WHEN "i0" >= 30 AND "i0" <= 49
    THEN '30-49'
    WHEN "i0" >= 50 AND "i0" <= 66
    THEN '50-66'
  END AS TEXT) AS "category",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" BETWEEN 16 AND 66, FALSE)), 0) AS DOUBLE) AS "mbac0dc1feea1"
FROM group_totals
WHERE
  NOT CASE
    WHEN "i0" >= 16 AND "i0" <= 29
    THEN '16-29'
    WHEN "i0" >= 30 AND "i0" <= 49
    THEN '30-49'
    WHEN "i0" >= 50 AND "i0" <= 66
    THEN '50-66'
  END IS NULL
GROUP BY
  "_m",
  "p0",
  CASE
    WHEN "i0" >= 16 AND "i0" <= 29
    THEN '16-29'
    WHEN "i0" >= 30 AND "i0" <= 49
    THEN '30-49'
    WHEN "i0" >= 50 AND "i0" <= 66
    THEN '50-66'
  END;

-- by schools_age: 1 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'schools_age' AS "dimension",
  CAST(CASE
    WHEN "i0" >= 6 AND "i0" <= 9
    THEN '6-9'
    WHEN "i0" >= 10 AND "i0" <= 12
    THEN '10-12'
    WHEN "i0" >= 13 AND "i0" <= 16
    THEN '13-16'
  END AS TEXT) AS "category",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i0" BETWEEN 6 AND 16, FALSE)), 0) AS DOUBLE) AS "m111f9c612942"
FROM group_totals
WHERE
  NOT CASE
    WHEN "i0" >= 6 AND "i0" <= 9
    THEN '6-9'
    WHEN "i0" >= 10 AND "i0" <= 12
    THEN '10-12'
    WHEN "i0" >= 13 AND "i0" <= 16
    THEN '13-16'
  END IS NULL
GROUP BY
  "_m",
  "p0",
  CASE
    WHEN "i0" >= 6 AND "i0" <= 9
    THEN '6-9'
    WHEN "i0" >= 10 AND "i0" <= 12
    THEN '10-12'
    WHEN "i0" >= 13 AND "i0" <= 16
    THEN '13-16'
  END;

-- numerator drill-down for municipality 101, 2024-06
SELECT
  "_delivery",
  "_line",
  "_municipality",
  "_period",
  1 AS "measured",
  "person_id",
  "birth_date",
  "sex",
  "origin",
  "municipality",
  "street",
  "house",
  "district",
  "moved_in"
FROM (
  SELECT
    b.*
  FROM current.citizens_residents AS b
) AS rel
WHERE
  "municipality" = 101 AND "_period" = CAST('2024-06-01' AS DATE)
ORDER BY
  "_delivery",
  "_line";
