-- SCH002: Share of pupils in special classes
-- Numerator: number of rows in schools_pupils_in_classes where school_type = 'folkeskole' AND class_type IN ('special_20_2', 'special_20_3'), attributed to _municipality. Denominator: number of rows in schools_pupils_in_classes where school_type = 'folkeskole', attributed to _municipality. The ratio is multiplied by 100. Computed per month; unit: percent.

-- numerator: number of rows in schools_pupils_in_classes where school_type = 'folkeskole' AND class_type IN ('special_20_2', 'special_20_3'), attributed to _municipality
-- measure column: m42022a753b6e (one scan computes 10 measures of schools_pupils_in_classes)
CREATE OR REPLACE TEMP TABLE group_rows AS
SELECT
  CAST("_municipality" AS SMALLINT) AS "_m",
  "_period" AS "_p",
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
  COALESCE(class_type = 'normal' AND class_pupils BETWEEN 10 AND 35, FALSE) AS "f1",
  class_id AS "v1",
  COALESCE(
    school_type = 'folkeskole' AND class_type IN ('special_20_2', 'special_20_3'),
    FALSE
  ) AS "f2",
  COALESCE(school_type = 'folkeskole', FALSE) AS "f3",
  COALESCE(school_type = 'folkeskole', FALSE) AS "f4",
  school_id AS "v4",
  COALESCE(TRUE, FALSE) AS "f5",
  days_absent AS "v5",
  COALESCE(TRUE, FALSE) AS "f6",
  school_days AS "v6",
  COALESCE(school_days > 0 AND days_absent >= 0.1 * school_days, FALSE) AS "f7",
  COALESCE(school_days > 0, FALSE) AS "f8",
  COALESCE(TRUE, FALSE) AS "f9"
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
  "_municipality" IN (101, 147, 151);

-- total: 8 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  '' AS "dimension",
  '' AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f0") AS DOUBLE) AS "m7f3ad24a65fb",
  CAST(COUNT(*) FILTER(WHERE
    "f2") AS DOUBLE) AS "m42022a753b6e",
  CAST(COUNT(*) FILTER(WHERE
    "f3") AS DOUBLE) AS "m9b9c8e4b638f",
  CAST(SUM("v5") FILTER(WHERE
    "f5") AS DOUBLE) AS "mb2dc6d653649",
  CAST(SUM("v6") FILTER(WHERE
    "f6") AS DOUBLE) AS "m1f63db68a1b7",
  CAST(COUNT(*) FILTER(WHERE
    "f7") AS DOUBLE) AS "m0280893e9c7a",
  CAST(COUNT(*) FILTER(WHERE
    "f8") AS DOUBLE) AS "m7ff9f98c67da",
  CAST(COUNT(*) FILTER(WHERE
    "f9") AS DOUBLE) AS "m805678a31a5b"
FROM group_rows
GROUP BY
  "_m",
  "_p";

-- total: 1 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  '' AS "dimension",
  '' AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "a1" AND NOT "v" IS NULL) AS DOUBLE) AS "m2d8cc2496824"
FROM (
  SELECT
    "_m",
    "_p",
    "v1" AS "v",
    BOOL_OR(CAST("f1" AS BOOLEAN)) AS "a1"
  FROM group_rows
  GROUP BY
    "_m",
    "_p",
    "v1"
) AS distinct_rows
GROUP BY
  "_m",
  "_p";

-- total: 1 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  '' AS "dimension",
  '' AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "a4" AND NOT "v" IS NULL) AS DOUBLE) AS "m95f97cccd3ba"
FROM (
  SELECT
    "_m",
    "_p",
    "v4" AS "v",
    BOOL_OR(CAST("f4" AS BOOLEAN)) AS "a4"
  FROM group_rows
  GROUP BY
    "_m",
    "_p",
    "v4"
) AS distinct_rows
GROUP BY
  "_m",
  "_p";

-- by schools_grade_band: 5 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'schools_grade_band' AS "dimension",
  CAST("d0" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f0") AS DOUBLE) AS "m7f3ad24a65fb",
  CAST(COUNT(*) FILTER(WHERE
    "f2") AS DOUBLE) AS "m42022a753b6e",
  CAST(COUNT(*) FILTER(WHERE
    "f3") AS DOUBLE) AS "m9b9c8e4b638f",
  CAST(COUNT(*) FILTER(WHERE
    "f7") AS DOUBLE) AS "m0280893e9c7a",
  CAST(COUNT(*) FILTER(WHERE
    "f8") AS DOUBLE) AS "m7ff9f98c67da"
FROM group_rows
WHERE
  NOT "d0" IS NULL
GROUP BY
  "_m",
  "_p",
  "d0";

-- by schools_grade_band: 1 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'schools_grade_band' AS "dimension",
  CAST("d0" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "a1" AND NOT "v" IS NULL) AS DOUBLE) AS "m2d8cc2496824"
FROM (
  SELECT
    "_m",
    "_p",
    "d0",
    "v1" AS "v",
    BOOL_OR(CAST("f1" AS BOOLEAN)) AS "a1"
  FROM group_rows
  WHERE
    NOT "d0" IS NULL
  GROUP BY
    "_m",
    "_p",
    "d0",
    "v1"
) AS distinct_rows
GROUP BY
  "_m",
  "_p",
  "d0";

-- by sex: 7 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'sex' AS "dimension",
  CAST("d1" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f2") AS DOUBLE) AS "m42022a753b6e",
  CAST(COUNT(*) FILTER(WHERE
    "f3") AS DOUBLE) AS "m9b9c8e4b638f",
  CAST(SUM("v5") FILTER(WHERE
    "f5") AS DOUBLE) AS "mb2dc6d653649",
  CAST(SUM("v6") FILTER(WHERE
    "f6") AS DOUBLE) AS "m1f63db68a1b7",
  CAST(COUNT(*) FILTER(WHERE
    "f7") AS DOUBLE) AS "m0280893e9c7a",
  CAST(COUNT(*) FILTER(WHERE
    "f8") AS DOUBLE) AS "m7ff9f98c67da",
  CAST(COUNT(*) FILTER(WHERE
    "f9") AS DOUBLE) AS "m805678a31a5b"
FROM group_rows
WHERE
  NOT "d1" IS NULL
GROUP BY
  "_m",
  "_p",
  "d1";

-- by schools_grade: 3 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'schools_grade' AS "dimension",
  CAST("d2" AS TEXT) AS "category",
  CAST(SUM("v5") FILTER(WHERE
    "f5") AS DOUBLE) AS "mb2dc6d653649",
  CAST(SUM("v6") FILTER(WHERE
    "f6") AS DOUBLE) AS "m1f63db68a1b7",
  CAST(COUNT(*) FILTER(WHERE
    "f9") AS DOUBLE) AS "m805678a31a5b"
FROM group_rows
WHERE
  NOT "d2" IS NULL
GROUP BY
  "_m",
  "_p",
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
  AND COALESCE(
    school_type = 'folkeskole' AND class_type IN ('special_20_2', 'special_20_3'),
    FALSE
  )
ORDER BY
  "_delivery",
  "_line";

-- denominator: number of rows in schools_pupils_in_classes where school_type = 'folkeskole', attributed to _municipality
-- measure column: m9b9c8e4b638f (one scan computes 10 measures of schools_pupils_in_classes)
CREATE OR REPLACE TEMP TABLE group_rows AS
SELECT
  CAST("_municipality" AS SMALLINT) AS "_m",
  "_period" AS "_p",
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
  COALESCE(class_type = 'normal' AND class_pupils BETWEEN 10 AND 35, FALSE) AS "f1",
  class_id AS "v1",
  COALESCE(
    school_type = 'folkeskole' AND class_type IN ('special_20_2', 'special_20_3'),
    FALSE
  ) AS "f2",
  COALESCE(school_type = 'folkeskole', FALSE) AS "f3",
  COALESCE(school_type = 'folkeskole', FALSE) AS "f4",
  school_id AS "v4",
  COALESCE(TRUE, FALSE) AS "f5",
  days_absent AS "v5",
  COALESCE(TRUE, FALSE) AS "f6",
  school_days AS "v6",
  COALESCE(school_days > 0 AND days_absent >= 0.1 * school_days, FALSE) AS "f7",
  COALESCE(school_days > 0, FALSE) AS "f8",
  COALESCE(TRUE, FALSE) AS "f9"
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
  "_municipality" IN (101, 147, 151);

-- total: 8 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  '' AS "dimension",
  '' AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f0") AS DOUBLE) AS "m7f3ad24a65fb",
  CAST(COUNT(*) FILTER(WHERE
    "f2") AS DOUBLE) AS "m42022a753b6e",
  CAST(COUNT(*) FILTER(WHERE
    "f3") AS DOUBLE) AS "m9b9c8e4b638f",
  CAST(SUM("v5") FILTER(WHERE
    "f5") AS DOUBLE) AS "mb2dc6d653649",
  CAST(SUM("v6") FILTER(WHERE
    "f6") AS DOUBLE) AS "m1f63db68a1b7",
  CAST(COUNT(*) FILTER(WHERE
    "f7") AS DOUBLE) AS "m0280893e9c7a",
  CAST(COUNT(*) FILTER(WHERE
    "f8") AS DOUBLE) AS "m7ff9f98c67da",
  CAST(COUNT(*) FILTER(WHERE
    "f9") AS DOUBLE) AS "m805678a31a5b"
FROM group_rows
GROUP BY
  "_m",
  "_p";

-- total: 1 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  '' AS "dimension",
  '' AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "a1" AND NOT "v" IS NULL) AS DOUBLE) AS "m2d8cc2496824"
FROM (
  SELECT
    "_m",
    "_p",
    "v1" AS "v",
    BOOL_OR(CAST("f1" AS BOOLEAN)) AS "a1"
  FROM group_rows
  GROUP BY
    "_m",
    "_p",
    "v1"
) AS distinct_rows
GROUP BY
  "_m",
  "_p";

-- total: 1 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  '' AS "dimension",
  '' AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "a4" AND NOT "v" IS NULL) AS DOUBLE) AS "m95f97cccd3ba"
FROM (
  SELECT
    "_m",
    "_p",
    "v4" AS "v",
    BOOL_OR(CAST("f4" AS BOOLEAN)) AS "a4"
  FROM group_rows
  GROUP BY
    "_m",
    "_p",
    "v4"
) AS distinct_rows
GROUP BY
  "_m",
  "_p";

-- by schools_grade_band: 5 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'schools_grade_band' AS "dimension",
  CAST("d0" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f0") AS DOUBLE) AS "m7f3ad24a65fb",
  CAST(COUNT(*) FILTER(WHERE
    "f2") AS DOUBLE) AS "m42022a753b6e",
  CAST(COUNT(*) FILTER(WHERE
    "f3") AS DOUBLE) AS "m9b9c8e4b638f",
  CAST(COUNT(*) FILTER(WHERE
    "f7") AS DOUBLE) AS "m0280893e9c7a",
  CAST(COUNT(*) FILTER(WHERE
    "f8") AS DOUBLE) AS "m7ff9f98c67da"
FROM group_rows
WHERE
  NOT "d0" IS NULL
GROUP BY
  "_m",
  "_p",
  "d0";

-- by schools_grade_band: 1 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'schools_grade_band' AS "dimension",
  CAST("d0" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "a1" AND NOT "v" IS NULL) AS DOUBLE) AS "m2d8cc2496824"
FROM (
  SELECT
    "_m",
    "_p",
    "d0",
    "v1" AS "v",
    BOOL_OR(CAST("f1" AS BOOLEAN)) AS "a1"
  FROM group_rows
  WHERE
    NOT "d0" IS NULL
  GROUP BY
    "_m",
    "_p",
    "d0",
    "v1"
) AS distinct_rows
GROUP BY
  "_m",
  "_p",
  "d0";

-- by sex: 7 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'sex' AS "dimension",
  CAST("d1" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f2") AS DOUBLE) AS "m42022a753b6e",
  CAST(COUNT(*) FILTER(WHERE
    "f3") AS DOUBLE) AS "m9b9c8e4b638f",
  CAST(SUM("v5") FILTER(WHERE
    "f5") AS DOUBLE) AS "mb2dc6d653649",
  CAST(SUM("v6") FILTER(WHERE
    "f6") AS DOUBLE) AS "m1f63db68a1b7",
  CAST(COUNT(*) FILTER(WHERE
    "f7") AS DOUBLE) AS "m0280893e9c7a",
  CAST(COUNT(*) FILTER(WHERE
    "f8") AS DOUBLE) AS "m7ff9f98c67da",
  CAST(COUNT(*) FILTER(WHERE
    "f9") AS DOUBLE) AS "m805678a31a5b"
FROM group_rows
WHERE
  NOT "d1" IS NULL
GROUP BY
  "_m",
  "_p",
  "d1";

-- by schools_grade: 3 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'schools_grade' AS "dimension",
  CAST("d2" AS TEXT) AS "category",
  CAST(SUM("v5") FILTER(WHERE
    "f5") AS DOUBLE) AS "mb2dc6d653649",
  CAST(SUM("v6") FILTER(WHERE
    "f6") AS DOUBLE) AS "m1f63db68a1b7",
  CAST(COUNT(*) FILTER(WHERE
    "f9") AS DOUBLE) AS "m805678a31a5b"
FROM group_rows
WHERE
  NOT "d2" IS NULL
GROUP BY
  "_m",
  "_p",
  "d2";

-- denominator drill-down for municipality 101, 2024-06
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
  AND COALESCE(school_type = 'folkeskole', FALSE)
ORDER BY
  "_delivery",
  "_line";
