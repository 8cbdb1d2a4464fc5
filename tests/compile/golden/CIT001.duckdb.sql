-- CIT001: Residents
-- Numerator: number of rows in citizens.residents, attributed to municipality. Computed per month; unit: persons.

-- numerator: number of rows in citizens.residents, attributed to municipality
-- measure column: mb980a96fe796 (one scan computes 2 measures of citizens.residents)
CREATE OR REPLACE TEMP TABLE group_rows AS
SELECT
  CAST("municipality" AS SMALLINT) AS "_m",
  "_period" AS "_p",
  CASE WHEN CAST(sex AS TEXT) IN ('1', '2') THEN CAST(sex AS TEXT) END AS "d0",
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
  END AS "d1",
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
  END AS "d2",
  CASE
    WHEN "__age_birth_date" >= 16 AND "__age_birth_date" <= 29
    THEN '16-29'
    WHEN "__age_birth_date" >= 30 AND "__age_birth_date" <= 49
    THEN '30-49'
    WHEN "__age_birth_date" >= 50 AND "__age_birth_date" <= 66
    THEN '50-66'
  END AS "d3",
  COALESCE(TRUE, FALSE) AS "f0",
  COALESCE("__age_birth_date" BETWEEN 16 AND 66, FALSE) AS "f1"
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
  "municipality" IN (101, 147, 151);

-- total: 2 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  '' AS "dimension",
  '' AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f0") AS DOUBLE) AS "mb980a96fe796",
  CAST(COUNT(*) FILTER(WHERE
    "f1") AS DOUBLE) AS "mbac0dc1feea1"
FROM group_rows
GROUP BY
  "_m",
  "_p";

-- by sex: 2 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'sex' AS "dimension",
  CAST("d0" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f0") AS DOUBLE) AS "mb980a96fe796",
  CAST(COUNT(*) FILTER(WHERE
    "f1") AS DOUBLE) AS "mbac0dc1feea1"
FROM group_rows
WHERE
  NOT "d0" IS NULL
GROUP BY
  "_m",
  "_p",
  "d0";

-- by origin: 2 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'origin' AS "dimension",
  CAST("d1" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f0") AS DOUBLE) AS "mb980a96fe796",
  CAST(COUNT(*) FILTER(WHERE
    "f1") AS DOUBLE) AS "mbac0dc1feea1"
FROM group_rows
WHERE
  NOT "d1" IS NULL
GROUP BY
  "_m",
  "_p",
  "d1";

-- by age_life: 1 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'age_life' AS "dimension",
  CAST("d2" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f0") AS DOUBLE) AS "mb980a96fe796"
FROM group_rows
WHERE
  NOT "d2" IS NULL
GROUP BY
  "_m",
  "_p",
  "d2";

-- by age_working: 1 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'age_working' AS "dimension",
  CAST("d3" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f1") AS DOUBLE) AS "mbac0dc1feea1"
FROM group_rows
WHERE
  NOT "d3" IS NULL
GROUP BY
  "_m",
  "_p",
  "d3";

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
