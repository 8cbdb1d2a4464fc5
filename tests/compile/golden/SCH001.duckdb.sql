-- SCH001: Average class size in normal classes
-- Numerator: number of rows in schools_pupils_in_classes where class_type = 'normal' AND class_pupils BETWEEN 10 AND 35, attributed to _municipality. Denominator: number of distinct class_id in schools_pupils_in_classes where class_type = 'normal' AND class_pupils BETWEEN 10 AND 35, attributed to _municipality. Computed per month; unit: pupils per class.

-- numerator: number of rows in schools_pupils_in_classes where class_type = 'normal' AND class_pupils BETWEEN 10 AND 35, attributed to _municipality
-- measure column: m7f3ad24a65fb (one scan computes 10 measures of schools_pupils_in_classes)
CREATE OR REPLACE TEMP TABLE group_totals AS
SELECT
  "_m",
  "p0",
  "d0",
  "d2",
  "f0",
  "f4",
  "f5",
  "i0",
  "i1",
  "i2",
  COUNT(*) AS "t0",
  SUM("v2") AS "t1",
  SUM("v3") AS "t2"
FROM (
  SELECT
    CAST("_municipality" AS SMALLINT) AS "_m",
    "_period" AS "p0",
    CASE
      WHEN grade >= 0 AND grade <= 3
      THEN '0-3'
      WHEN grade >= 4 AND grade <= 6
      THEN '4-6'
      WHEN grade >= 7 AND grade <= 10
      THEN '7-10'
    END AS "d0",
    CASE WHEN CAST(sex AS TEXT) IN ('1', '2') THEN CAST(sex AS TEXT) END AS "d1",
    CASE
      WHEN grade >= 0 AND grade <= 0
      THEN '0'
      WHEN grade >= 1 AND grade <= 1
      THEN '1'
      WHEN grade >= 2 AND grade <= 2
      THEN '2'
      WHEN grade >= 3 AND grade <= 3
      THEN '3'
      WHEN grade >= 4 AND grade <= 4
      THEN '4'
      WHEN grade >= 5 AND grade <= 5
      THEN '5'
      WHEN grade >= 6 AND grade <= 6
      THEN '6'
      WHEN grade >= 7 AND grade <= 7
      THEN '7'
      WHEN grade >= 8 AND grade <= 8
      THEN '8'
      WHEN grade >= 9 AND grade <= 9
      THEN '9'
      WHEN grade >= 10 AND grade <= 10
      THEN '10'
    END AS "d2",
    COALESCE(class_type = 'normal' AND class_pupils BETWEEN 10 AND 35, FALSE) AS "f0",
    class_id AS "v0",
    COALESCE(
      school_type = 'folkeskole' AND class_type IN ('special_20_2', 'special_20_3'),
      FALSE
    ) AS "f1",
    COALESCE(school_type = 'folkeskole', FALSE) AS "f2",
    school_id AS "v1",
    COALESCE(TRUE, FALSE) AS "f3",
    days_absent AS "v2",
    school_days AS "v3",
    COALESCE(school_days > 0 AND days_absent >= 0.1 * school_days, FALSE) AS "f4",
    COALESCE(school_days > 0, FALSE) AS "f5",
    "class_type" AS "i0",
    "school_type" AS "i1",
    "sex" AS "i2"
  FROM (
    SELECT
      b.*,
      "j1"."class_type" AS "class_type",
      "j1"."year_grouped" AS "year_grouped",
      "j2"."school_type" AS "school_type",
      COUNT(*) OVER (PARTITION BY "b"."_municipality", "b"."_period", "b"."class_id") AS "class_pupils",
      COALESCE("b"."absence_illness", 0) + COALESCE("b"."absence_authorised", 0) + COALESCE("b"."absence_unauthorised", 0) AS "days_absent"
    FROM current.schools_pupils AS b
    LEFT JOIN current.schools_classes AS j1
      ON "j1"."_municipality" = "b"."_municipality"
      AND "j1"."_period" = "b"."_period"
      AND "j1"."class_id" = "b"."class_id"
    LEFT JOIN current.schools_schools AS j2
      ON "j2"."_municipality" = "b"."_municipality"
      AND "j2"."_period" = "b"."_period"
      AND "j2"."school_id" = "b"."school_id"
  ) AS rel
  WHERE
    "_municipality" IN (101, 147, 151)
) AS projected
GROUP BY
  "_m",
  "p0",
  "d0",
  "d2",
  "f0",
  "f4",
  "f5",
  "i0",
  "i1",
  "i2";

CREATE OR REPLACE TEMP TABLE group_distinct_0 AS
SELECT
  "_m",
  "p0",
  "d0",
  CASE WHEN "f0" THEN "v0" END AS "v0",
  BOOL_OR(CAST("f0" AS BOOLEAN)) AS "any0"
FROM (
  SELECT
    CAST("_municipality" AS SMALLINT) AS "_m",
    "_period" AS "p0",
    CASE
      WHEN grade >= 0 AND grade <= 3
      THEN '0-3'
      WHEN grade >= 4 AND grade <= 6
      THEN '4-6'
      WHEN grade >= 7 AND grade <= 10
      THEN '7-10'
    END AS "d0",
    CASE WHEN CAST(sex AS TEXT) IN ('1', '2') THEN CAST(sex AS TEXT) END AS "d1",
    CASE
      WHEN grade >= 0 AND grade <= 0
      THEN '0'
      WHEN grade >= 1 AND grade <= 1
      THEN '1'
      WHEN grade >= 2 AND grade <= 2
      THEN '2'
      WHEN grade >= 3 AND grade <= 3
      THEN '3'
      WHEN grade >= 4 AND grade <= 4
      THEN '4'
      WHEN grade >= 5 AND grade <= 5
      THEN '5'
      WHEN grade >= 6 AND grade <= 6
      THEN '6'
      WHEN grade >= 7 AND grade <= 7
      THEN '7'
      WHEN grade >= 8 AND grade <= 8
      THEN '8'
      WHEN grade >= 9 AND grade <= 9
      THEN '9'
      WHEN grade >= 10 AND grade <= 10
      THEN '10'
    END AS "d2",
    COALESCE(class_type = 'normal' AND class_pupils BETWEEN 10 AND 35, FALSE) AS "f0",
    class_id AS "v0",
    COALESCE(
      school_type = 'folkeskole' AND class_type IN ('special_20_2', 'special_20_3'),
      FALSE
    ) AS "f1",
    COALESCE(school_type = 'folkeskole', FALSE) AS "f2",
    school_id AS "v1",
    COALESCE(TRUE, FALSE) AS "f3",
    days_absent AS "v2",
    school_days AS "v3",
    COALESCE(school_days > 0 AND days_absent >= 0.1 * school_days, FALSE) AS "f4",
    COALESCE(school_days > 0, FALSE) AS "f5",
    "class_type" AS "i0",
    "school_type" AS "i1",
    "sex" AS "i2"
  FROM (
    SELECT
      b.*,
      "j1"."class_type" AS "class_type",
      "j1"."year_grouped" AS "year_grouped",
      "j2"."school_type" AS "school_type",
      COUNT(*) OVER (PARTITION BY "b"."_municipality", "b"."_period", "b"."class_id") AS "class_pupils",
      COALESCE("b"."absence_illness", 0) + COALESCE("b"."absence_authorised", 0) + COALESCE("b"."absence_unauthorised", 0) AS "days_absent"
    FROM current.schools_pupils AS b
    LEFT JOIN current.schools_classes AS j1
      ON "j1"."_municipality" = "b"."_municipality"
      AND "j1"."_period" = "b"."_period"
      AND "j1"."class_id" = "b"."class_id"
    LEFT JOIN current.schools_schools AS j2
      ON "j2"."_municipality" = "b"."_municipality"
      AND "j2"."_period" = "b"."_period"
      AND "j2"."school_id" = "b"."school_id"
  ) AS rel
  WHERE
    "_municipality" IN (101, 147, 151)
) AS projected
GROUP BY
  "_m",
  "p0",
  "d0",
  CASE WHEN "f0" THEN "v0" END;

CREATE OR REPLACE TEMP TABLE group_distinct_1 AS
SELECT
  "_m",
  "p0",
  CASE WHEN "f2" THEN "v1" END AS "v1",
  BOOL_OR(CAST("f2" AS BOOLEAN)) AS "any0"
FROM (
  SELECT
    CAST("_municipality" AS SMALLINT) AS "_m",
    "_period" AS "p0",
    CASE
      WHEN grade >= 0 AND grade <= 3
      THEN '0-3'
      WHEN grade >= 4 AND grade <= 6
      THEN '4-6'
      WHEN grade >= 7 AND grade <= 10
      THEN '7-10'
    END AS "d0",
    CASE WHEN CAST(sex AS TEXT) IN ('1', '2') THEN CAST(sex AS TEXT) END AS "d1",
    CASE
      WHEN grade >= 0 AND grade <= 0
      THEN '0'
      WHEN grade >= 1 AND grade <= 1
      THEN '1'
      WHEN grade >= 2 AND grade <= 2
      THEN '2'
      WHEN grade >= 3 AND grade <= 3
      THEN '3'
      WHEN grade >= 4 AND grade <= 4
      THEN '4'
      WHEN grade >= 5 AND grade <= 5
      THEN '5'
      WHEN grade >= 6 AND grade <= 6
      THEN '6'
      WHEN grade >= 7 AND grade <= 7
      THEN '7'
      WHEN grade >= 8 AND grade <= 8
      THEN '8'
      WHEN grade >= 9 AND grade <= 9
      THEN '9'
      WHEN grade >= 10 AND grade <= 10
      THEN '10'
    END AS "d2",
    COALESCE(class_type = 'normal' AND class_pupils BETWEEN 10 AND 35, FALSE) AS "f0",
    class_id AS "v0",
    COALESCE(
      school_type = 'folkeskole' AND class_type IN ('special_20_2', 'special_20_3'),
      FALSE
    ) AS "f1",
    COALESCE(school_type = 'folkeskole', FALSE) AS "f2",
    school_id AS "v1",
    COALESCE(TRUE, FALSE) AS "f3",
    days_absent AS "v2",
    school_days AS "v3",
    COALESCE(school_days > 0 AND days_absent >= 0.1 * school_days, FALSE) AS "f4",
    COALESCE(school_days > 0, FALSE) AS "f5",
    "class_type" AS "i0",
    "school_type" AS "i1",
    "sex" AS "i2"
  FROM (
    SELECT
      b.*,
      "j1"."class_type" AS "class_type",
      "j1"."year_grouped" AS "year_grouped",
      "j2"."school_type" AS "school_type",
      COUNT(*) OVER (PARTITION BY "b"."_municipality", "b"."_period", "b"."class_id") AS "class_pupils",
      COALESCE("b"."absence_illness", 0) + COALESCE("b"."absence_authorised", 0) + COALESCE("b"."absence_unauthorised", 0) AS "days_absent"
    FROM current.schools_pupils AS b
    LEFT JOIN current.schools_classes AS j1
      ON "j1"."_municipality" = "b"."_municipality"
      AND "j1"."_period" = "b"."_period"
      AND "j1"."class_id" = "b"."class_id"
    LEFT JOIN current.schools_schools AS j2
      ON "j2"."_municipality" = "b"."_municipality"
      AND "j2"."_period" = "b"."_period"
      AND "j2"."school_id" = "b"."school_id"
  ) AS rel
  WHERE
    "_municipality" IN (101, 147, 151)
) AS projected
GROUP BY
  "_m",
  "p0",
  CASE WHEN "f2" THEN "v1" END;

-- total: 8 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  '' AS "dimension",
  '' AS "category",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    "f0"), 0) AS DOUBLE) AS "m7f3ad24a65fb",
  CAST(COALESCE(
    SUM("t0") FILTER(WHERE
      COALESCE("i1" = 'folkeskole' AND "i0" IN ('special_20_2', 'special_20_3'), FALSE)),
    0
  ) AS DOUBLE) AS "m42022a753b6e",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i1" = 'folkeskole', FALSE)), 0) AS DOUBLE) AS "m9b9c8e4b638f",
  CAST(SUM("t1") FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS "mb2dc6d653649",
  CAST(SUM("t2") FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS "m1f63db68a1b7",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    "f4"), 0) AS DOUBLE) AS "m0280893e9c7a",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    "f5"), 0) AS DOUBLE) AS "m7ff9f98c67da",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS "m805678a31a5b"
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
  CAST(COUNT(*) FILTER(WHERE
    "a1" AND NOT "v0" IS NULL) AS DOUBLE) AS "m2d8cc2496824"
FROM (
  SELECT
    "_m",
    "p0",
    "v0",
    BOOL_OR(CAST("any0" AS BOOLEAN)) AS "a1"
  FROM group_distinct_0
  GROUP BY
    "_m",
    "p0",
    "v0"
) AS distinct_rows
GROUP BY
  "_m",
  "p0";

-- total: 1 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  '' AS "dimension",
  '' AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "a4" AND NOT "v1" IS NULL) AS DOUBLE) AS "m95f97cccd3ba"
FROM (
  SELECT
    "_m",
    "p0",
    "v1",
    BOOL_OR(CAST("any0" AS BOOLEAN)) AS "a4"
  FROM group_distinct_1
  GROUP BY
    "_m",
    "p0",
    "v1"
) AS distinct_rows
GROUP BY
  "_m",
  "p0";

-- by schools_grade_band: 5 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'schools_grade_band' AS "dimension",
  CAST("d0" AS TEXT) AS "category",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    "f0"), 0) AS DOUBLE) AS "m7f3ad24a65fb",
  CAST(COALESCE(
    SUM("t0") FILTER(WHERE
      COALESCE("i1" = 'folkeskole' AND "i0" IN ('special_20_2', 'special_20_3'), FALSE)),
    0
  ) AS DOUBLE) AS "m42022a753b6e",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i1" = 'folkeskole', FALSE)), 0) AS DOUBLE) AS "m9b9c8e4b638f",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    "f4"), 0) AS DOUBLE) AS "m0280893e9c7a",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    "f5"), 0) AS DOUBLE) AS "m7ff9f98c67da"
FROM group_totals
WHERE
  NOT "d0" IS NULL
GROUP BY
  "_m",
  "p0",
  "d0";

-- by schools_grade_band: 1 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'schools_grade_band' AS "dimension",
  CAST("d0" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "a1" AND NOT "v0" IS NULL) AS DOUBLE) AS "m2d8cc2496824"
FROM (
  SELECT
    "_m",
    "p0",
    "d0",
    "v0",
    BOOL_OR(CAST("any0" AS BOOLEAN)) AS "a1"
  FROM group_distinct_0
  WHERE
    NOT "d0" IS NULL
  GROUP BY
    "_m",
    "p0",
    "d0",
    "v0"
) AS distinct_rows
GROUP BY
  "_m",
  "p0",
  "d0";

-- by sex: 7 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'sex' AS "dimension",
  CAST(CASE WHEN CAST("i2" AS TEXT) IN ('1', '2') THEN CAST("i2" AS TEXT) END AS TEXT) AS "category",
  CAST(COALESCE(
    SUM("t0") FILTER(WHERE
      COALESCE("i1" = 'folkeskole' AND "i0" IN ('special_20_2', 'special_20_3'), FALSE)),
    0
  ) AS DOUBLE) AS "m42022a753b6e",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i1" = 'folkeskole', FALSE)), 0) AS DOUBLE) AS "m9b9c8e4b638f",
  CAST(SUM("t1") FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS "mb2dc6d653649",
  CAST(SUM("t2") FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS "m1f63db68a1b7",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    "f4"), 0) AS DOUBLE) AS "m0280893e9c7a",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    "f5"), 0) AS DOUBLE) AS "m7ff9f98c67da",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS "m805678a31a5b"
FROM group_totals
WHERE
  NOT CASE WHEN CAST("i2" AS TEXT) IN ('1', '2') THEN CAST("i2" AS TEXT) END IS NULL
GROUP BY
  "_m",
  "p0",
  CASE WHEN CAST("i2" AS TEXT) IN ('1', '2') THEN CAST("i2" AS TEXT) END;

-- by schools_grade: 3 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'schools_grade' AS "dimension",
  CAST("d2" AS TEXT) AS "category",
  CAST(SUM("t1") FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS "mb2dc6d653649",
  CAST(SUM("t2") FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS "m1f63db68a1b7",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS "m805678a31a5b"
FROM group_totals
WHERE
  NOT "d2" IS NULL
GROUP BY
  "_m",
  "p0",
  "d2";

-- numerator drill-down for municipality 101, 2024-06
SELECT
  "_delivery",
  "_line",
  "_municipality",
  "_period",
  1 AS "measured",
  "pupil_id",
  "birth_date",
  "sex",
  "school_id",
  "class_id",
  "grade",
  "home_municipality",
  "paying_municipality",
  "school_days",
  "absence_illness",
  "absence_authorised",
  "absence_unauthorised",
  "class_type",
  "year_grouped",
  "school_type",
  "class_pupils",
  "days_absent"
FROM (
  SELECT
    b.*,
    "j1"."class_type" AS "class_type",
    "j1"."year_grouped" AS "year_grouped",
    "j2"."school_type" AS "school_type",
    COUNT(*) OVER (PARTITION BY "b"."_municipality", "b"."_period", "b"."class_id") AS "class_pupils",
    COALESCE("b"."absence_illness", 0) + COALESCE("b"."absence_authorised", 0) + COALESCE("b"."absence_unauthorised", 0) AS "days_absent"
  FROM current.schools_pupils AS b
  LEFT JOIN current.schools_classes AS j1
    ON "j1"."_municipality" = "b"."_municipality"
    AND "j1"."_period" = "b"."_period"
    AND "j1"."class_id" = "b"."class_id"
  LEFT JOIN current.schools_schools AS j2
    ON "j2"."_municipality" = "b"."_municipality"
    AND "j2"."_period" = "b"."_period"
    AND "j2"."school_id" = "b"."school_id"
) AS rel
WHERE
  (
    "_municipality" = 101 AND "_period" = CAST('2024-06-01' AS DATE)
  )
  AND COALESCE(class_type = 'normal' AND class_pupils BETWEEN 10 AND 35, FALSE)
ORDER BY
  "_delivery",
  "_line";

-- denominator: number of distinct class_id in schools_pupils_in_classes where class_type = 'normal' AND class_pupils BETWEEN 10 AND 35, attributed to _municipality
-- measure column: m2d8cc2496824 (one scan computes 10 measures of schools_pupils_in_classes)
CREATE OR REPLACE TEMP TABLE group_totals AS
SELECT
  "_m",
  "p0",
  "d0",
  "d2",
  "f0",
  "f4",
  "f5",
  "i0",
  "i1",
  "i2",
  COUNT(*) AS "t0",
  SUM("v2") AS "t1",
  SUM("v3") AS "t2"
FROM (
  SELECT
    CAST("_municipality" AS SMALLINT) AS "_m",
    "_period" AS "p0",
    CASE
      WHEN grade >= 0 AND grade <= 3
      THEN '0-3'
      WHEN grade >= 4 AND grade <= 6
      THEN '4-6'
      WHEN grade >= 7 AND grade <= 10
      THEN '7-10'
    END AS "d0",
    CASE WHEN CAST(sex AS TEXT) IN ('1', '2') THEN CAST(sex AS TEXT) END AS "d1",
    CASE
      WHEN grade >= 0 AND grade <= 0
      THEN '0'
      WHEN grade >= 1 AND grade <= 1
      THEN '1'
      WHEN grade >= 2 AND grade <= 2
      THEN '2'
      WHEN grade >= 3 AND grade <= 3
      THEN '3'
      WHEN grade >= 4 AND grade <= 4
      THEN '4'
      WHEN grade >= 5 AND grade <= 5
      THEN '5'
      WHEN grade >= 6 AND grade <= 6
      THEN '6'
      WHEN grade >= 7 AND grade <= 7
      THEN '7'
      WHEN grade >= 8 AND grade <= 8
      THEN '8'
      WHEN grade >= 9 AND grade <= 9
      THEN '9'
      WHEN grade >= 10 AND grade <= 10
      THEN '10'
    END AS "d2",
    COALESCE(class_type = 'normal' AND class_pupils BETWEEN 10 AND 35, FALSE) AS "f0",
    class_id AS "v0",
    COALESCE(
      school_type = 'folkeskole' AND class_type IN ('special_20_2', 'special_20_3'),
      FALSE
    ) AS "f1",
    COALESCE(school_type = 'folkeskole', FALSE) AS "f2",
    school_id AS "v1",
    COALESCE(TRUE, FALSE) AS "f3",
    days_absent AS "v2",
    school_days AS "v3",
    COALESCE(school_days > 0 AND days_absent >= 0.1 * school_days, FALSE) AS "f4",
    COALESCE(school_days > 0, FALSE) AS "f5",
    "class_type" AS "i0",
    "school_type" AS "i1",
    "sex" AS "i2"
  FROM (
    SELECT
      b.*,
      "j1"."class_type" AS "class_type",
      "j1"."year_grouped" AS "year_grouped",
      "j2"."school_type" AS "school_type",
      COUNT(*) OVER (PARTITION BY "b"."_municipality", "b"."_period", "b"."class_id") AS "class_pupils",
      COALESCE("b"."absence_illness", 0) + COALESCE("b"."absence_authorised", 0) + COALESCE("b"."absence_unauthorised", 0) AS "days_absent"
    FROM current.schools_pupils AS b
    LEFT JOIN current.schools_classes AS j1
      ON "j1"."_municipality" = "b"."_municipality"
      AND "j1"."_period" = "b"."_period"
      AND "j1"."class_id" = "b"."class_id"
    LEFT JOIN current.schools_schools AS j2
      ON "j2"."_municipality" = "b"."_municipality"
      AND "j2"."_period" = "b"."_period"
      AND "j2"."school_id" = "b"."school_id"
  ) AS rel
  WHERE
    "_municipality" IN (101, 147, 151)
) AS projected
GROUP BY
  "_m",
  "p0",
  "d0",
  "d2",
  "f0",
  "f4",
  "f5",
  "i0",
  "i1",
  "i2";

CREATE OR REPLACE TEMP TABLE group_distinct_0 AS
SELECT
  "_m",
  "p0",
  "d0",
  CASE WHEN "f0" THEN "v0" END AS "v0",
  BOOL_OR(CAST("f0" AS BOOLEAN)) AS "any0"
FROM (
  SELECT
    CAST("_municipality" AS SMALLINT) AS "_m",
    "_period" AS "p0",
    CASE
      WHEN grade >= 0 AND grade <= 3
      THEN '0-3'
      WHEN grade >= 4 AND grade <= 6
      THEN '4-6'
      WHEN grade >= 7 AND grade <= 10
      THEN '7-10'
    END AS "d0",
    CASE WHEN CAST(sex AS TEXT) IN ('1', '2') THEN CAST(sex AS TEXT) END AS "d1",
    CASE
      WHEN grade >= 0 AND grade <= 0
      THEN '0'
      WHEN grade >= 1 AND grade <= 1
      THEN '1'
      WHEN grade >= 2 AND grade <= 2
      THEN '2'
      WHEN grade >= 3 AND grade <= 3
      THEN '3'
      WHEN grade >= 4 AND grade <= 4
      THEN '4'
      WHEN grade >= 5 AND grade <= 5
      THEN '5'
      WHEN grade >= 6 AND grade <= 6
      THEN '6'
      WHEN grade >= 7 AND grade <= 7
      THEN '7'
      WHEN grade >= 8 AND grade <= 8
      THEN '8'
      WHEN grade >= 9 AND grade <= 9
      THEN '9'
      WHEN grade >= 10 AND grade <= 10
      THEN '10'
    END AS "d2",
    COALESCE(class_type = 'normal' AND class_pupils BETWEEN 10 AND 35, FALSE) AS "f0",
    class_id AS "v0",
    COALESCE(
      school_type = 'folkeskole' AND class_type IN ('special_20_2', 'special_20_3'),
      FALSE
    ) AS "f1",
    COALESCE(school_type = 'folkeskole', FALSE) AS "f2",
    school_id AS "v1",
    COALESCE(TRUE, FALSE) AS "f3",
    days_absent AS "v2",
    school_days AS "v3",
    COALESCE(school_days > 0 AND days_absent >= 0.1 * school_days, FALSE) AS "f4",
    COALESCE(school_days > 0, FALSE) AS "f5",
    "class_type" AS "i0",
    "school_type" AS "i1",
    "sex" AS "i2"
  FROM (
    SELECT
      b.*,
      "j1"."class_type" AS "class_type",
      "j1"."year_grouped" AS "year_grouped",
      "j2"."school_type" AS "school_type",
      COUNT(*) OVER (PARTITION BY "b"."_municipality", "b"."_period", "b"."class_id") AS "class_pupils",
      COALESCE("b"."absence_illness", 0) + COALESCE("b"."absence_authorised", 0) + COALESCE("b"."absence_unauthorised", 0) AS "days_absent"
    FROM current.schools_pupils AS b
    LEFT JOIN current.schools_classes AS j1
      ON "j1"."_municipality" = "b"."_municipality"
      AND "j1"."_period" = "b"."_period"
      AND "j1"."class_id" = "b"."class_id"
    LEFT JOIN current.schools_schools AS j2
      ON "j2"."_municipality" = "b"."_municipality"
      AND "j2"."_period" = "b"."_period"
      AND "j2"."school_id" = "b"."school_id"
  ) AS rel
  WHERE
    "_municipality" IN (101, 147, 151)
) AS projected
GROUP BY
  "_m",
  "p0",
  "d0",
  CASE WHEN "f0" THEN "v0" END;

CREATE OR REPLACE TEMP TABLE group_distinct_1 AS
SELECT
  "_m",
  "p0",
  CASE WHEN "f2" THEN "v1" END AS "v1",
  BOOL_OR(CAST("f2" AS BOOLEAN)) AS "any0"
FROM (
  SELECT
    CAST("_municipality" AS SMALLINT) AS "_m",
    "_period" AS "p0",
    CASE
      WHEN grade >= 0 AND grade <= 3
      THEN '0-3'
      WHEN grade >= 4 AND grade <= 6
      THEN '4-6'
      WHEN grade >= 7 AND grade <= 10
      THEN '7-10'
    END AS "d0",
    CASE WHEN CAST(sex AS TEXT) IN ('1', '2') THEN CAST(sex AS TEXT) END AS "d1",
    CASE
      WHEN grade >= 0 AND grade <= 0
      THEN '0'
      WHEN grade >= 1 AND grade <= 1
      THEN '1'
      WHEN grade >= 2 AND grade <= 2
      THEN '2'
      WHEN grade >= 3 AND grade <= 3
      THEN '3'
      WHEN grade >= 4 AND grade <= 4
      THEN '4'
      WHEN grade >= 5 AND grade <= 5
      THEN '5'
      WHEN grade >= 6 AND grade <= 6
      THEN '6'
      WHEN grade >= 7 AND grade <= 7
      THEN '7'
      WHEN grade >= 8 AND grade <= 8
      THEN '8'
      WHEN grade >= 9 AND grade <= 9
      THEN '9'
      WHEN grade >= 10 AND grade <= 10
      THEN '10'
    END AS "d2",
    COALESCE(class_type = 'normal' AND class_pupils BETWEEN 10 AND 35, FALSE) AS "f0",
    class_id AS "v0",
    COALESCE(
      school_type = 'folkeskole' AND class_type IN ('special_20_2', 'special_20_3'),
      FALSE
    ) AS "f1",
    COALESCE(school_type = 'folkeskole', FALSE) AS "f2",
    school_id AS "v1",
    COALESCE(TRUE, FALSE) AS "f3",
    days_absent AS "v2",
    school_days AS "v3",
    COALESCE(school_days > 0 AND days_absent >= 0.1 * school_days, FALSE) AS "f4",
    COALESCE(school_days > 0, FALSE) AS "f5",
    "class_type" AS "i0",
    "school_type" AS "i1",
    "sex" AS "i2"
  FROM (
    SELECT
      b.*,
      "j1"."class_type" AS "class_type",
      "j1"."year_grouped" AS "year_grouped",
      "j2"."school_type" AS "school_type",
      COUNT(*) OVER (PARTITION BY "b"."_municipality", "b"."_period", "b"."class_id") AS "class_pupils",
      COALESCE("b"."absence_illness", 0) + COALESCE("b"."absence_authorised", 0) + COALESCE("b"."absence_unauthorised", 0) AS "days_absent"
    FROM current.schools_pupils AS b
    LEFT JOIN current.schools_classes AS j1
      ON "j1"."_municipality" = "b"."_municipality"
      AND "j1"."_period" = "b"."_period"
      AND "j1"."class_id" = "b"."class_id"
    LEFT JOIN current.schools_schools AS j2
      ON "j2"."_municipality" = "b"."_municipality"
      AND "j2"."_period" = "b"."_period"
      AND "j2"."school_id" = "b"."school_id"
  ) AS rel
  WHERE
    "_municipality" IN (101, 147, 151)
) AS projected
GROUP BY
  "_m",
  "p0",
  CASE WHEN "f2" THEN "v1" END;

-- total: 8 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  '' AS "dimension",
  '' AS "category",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    "f0"), 0) AS DOUBLE) AS "m7f3ad24a65fb",
  CAST(COALESCE(
    SUM("t0") FILTER(WHERE
      COALESCE("i1" = 'folkeskole' AND "i0" IN ('special_20_2', 'special_20_3'), FALSE)),
    0
  ) AS DOUBLE) AS "m42022a753b6e",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i1" = 'folkeskole', FALSE)), 0) AS DOUBLE) AS "m9b9c8e4b638f",
  CAST(SUM("t1") FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS "mb2dc6d653649",
  CAST(SUM("t2") FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS "m1f63db68a1b7",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    "f4"), 0) AS DOUBLE) AS "m0280893e9c7a",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    "f5"), 0) AS DOUBLE) AS "m7ff9f98c67da",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS "m805678a31a5b"
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
  CAST(COUNT(*) FILTER(WHERE
    "a1" AND NOT "v0" IS NULL) AS DOUBLE) AS "m2d8cc2496824"
FROM (
  SELECT
    "_m",
    "p0",
    "v0",
    BOOL_OR(CAST("any0" AS BOOLEAN)) AS "a1"
  FROM group_distinct_0
  GROUP BY
    "_m",
    "p0",
    "v0"
) AS distinct_rows
GROUP BY
  "_m",
  "p0";

-- total: 1 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  '' AS "dimension",
  '' AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "a4" AND NOT "v1" IS NULL) AS DOUBLE) AS "m95f97cccd3ba"
FROM (
  SELECT
    "_m",
    "p0",
    "v1",
    BOOL_OR(CAST("any0" AS BOOLEAN)) AS "a4"
  FROM group_distinct_1
  GROUP BY
    "_m",
    "p0",
    "v1"
) AS distinct_rows
GROUP BY
  "_m",
  "p0";

-- by schools_grade_band: 5 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'schools_grade_band' AS "dimension",
  CAST("d0" AS TEXT) AS "category",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    "f0"), 0) AS DOUBLE) AS "m7f3ad24a65fb",
  CAST(COALESCE(
    SUM("t0") FILTER(WHERE
      COALESCE("i1" = 'folkeskole' AND "i0" IN ('special_20_2', 'special_20_3'), FALSE)),
    0
  ) AS DOUBLE) AS "m42022a753b6e",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i1" = 'folkeskole', FALSE)), 0) AS DOUBLE) AS "m9b9c8e4b638f",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    "f4"), 0) AS DOUBLE) AS "m0280893e9c7a",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    "f5"), 0) AS DOUBLE) AS "m7ff9f98c67da"
FROM group_totals
WHERE
  NOT "d0" IS NULL
GROUP BY
  "_m",
  "p0",
  "d0";

-- by schools_grade_band: 1 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'schools_grade_band' AS "dimension",
  CAST("d0" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "a1" AND NOT "v0" IS NULL) AS DOUBLE) AS "m2d8cc2496824"
FROM (
  SELECT
    "_m",
    "p0",
    "d0",
    "v0",
    BOOL_OR(CAST("any0" AS BOOLEAN)) AS "a1"
  FROM group_distinct_0
  WHERE
    NOT "d0" IS NULL
  GROUP BY
    "_m",
    "p0",
    "d0",
    "v0"
) AS distinct_rows
GROUP BY
  "_m",
  "p0",
  "d0";

-- by sex: 7 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'sex' AS "dimension",
  CAST(CASE WHEN CAST("i2" AS TEXT) IN ('1', '2') THEN CAST("i2" AS TEXT) END AS TEXT) AS "category",
  CAST(COALESCE(
    SUM("t0") FILTER(WHERE
      COALESCE("i1" = 'folkeskole' AND "i0" IN ('special_20_2', 'special_20_3'), FALSE)),
    0
  ) AS DOUBLE) AS "m42022a753b6e",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE("i1" = 'folkeskole', FALSE)), 0) AS DOUBLE) AS "m9b9c8e4b638f",
  CAST(SUM("t1") FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS "mb2dc6d653649",
  CAST(SUM("t2") FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS "m1f63db68a1b7",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    "f4"), 0) AS DOUBLE) AS "m0280893e9c7a",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    "f5"), 0) AS DOUBLE) AS "m7ff9f98c67da",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS "m805678a31a5b"
FROM group_totals
WHERE
  NOT CASE WHEN CAST("i2" AS TEXT) IN ('1', '2') THEN CAST("i2" AS TEXT) END IS NULL
GROUP BY
  "_m",
  "p0",
  CASE WHEN CAST("i2" AS TEXT) IN ('1', '2') THEN CAST("i2" AS TEXT) END;

-- by schools_grade: 3 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'schools_grade' AS "dimension",
  CAST("d2" AS TEXT) AS "category",
  CAST(SUM("t1") FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS "mb2dc6d653649",
  CAST(SUM("t2") FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS "m1f63db68a1b7",
  CAST(COALESCE(SUM("t0") FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS "m805678a31a5b"
FROM group_totals
WHERE
  NOT "d2" IS NULL
GROUP BY
  "_m",
  "p0",
  "d2";

-- denominator drill-down for municipality 101, 2024-06
SELECT
  "_delivery",
  "_line",
  "_municipality",
  "_period",
  class_id AS "measured",
  "pupil_id",
  "birth_date",
  "sex",
  "school_id",
  "class_id",
  "grade",
  "home_municipality",
  "paying_municipality",
  "school_days",
  "absence_illness",
  "absence_authorised",
  "absence_unauthorised",
  "class_type",
  "year_grouped",
  "school_type",
  "class_pupils",
  "days_absent"
FROM (
  SELECT
    b.*,
    "j1"."class_type" AS "class_type",
    "j1"."year_grouped" AS "year_grouped",
    "j2"."school_type" AS "school_type",
    COUNT(*) OVER (PARTITION BY "b"."_municipality", "b"."_period", "b"."class_id") AS "class_pupils",
    COALESCE("b"."absence_illness", 0) + COALESCE("b"."absence_authorised", 0) + COALESCE("b"."absence_unauthorised", 0) AS "days_absent"
  FROM current.schools_pupils AS b
  LEFT JOIN current.schools_classes AS j1
    ON "j1"."_municipality" = "b"."_municipality"
    AND "j1"."_period" = "b"."_period"
    AND "j1"."class_id" = "b"."class_id"
  LEFT JOIN current.schools_schools AS j2
    ON "j2"."_municipality" = "b"."_municipality"
    AND "j2"."_period" = "b"."_period"
    AND "j2"."school_id" = "b"."school_id"
) AS rel
WHERE
  (
    "_municipality" = 101 AND "_period" = CAST('2024-06-01' AS DATE)
  )
  AND COALESCE(class_type = 'normal' AND class_pupils BETWEEN 10 AND 35, FALSE)
ORDER BY
  "_delivery",
  "_line";
