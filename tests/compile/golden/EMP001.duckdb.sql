-- EMP001: Share of residents aged 16-66 on public benefits
-- Numerator: number of distinct person_id in citizens_residents_benefits where on_benefit AND age(birth_date) BETWEEN 16 AND 66, attributed to municipality. Denominator: number of distinct person_id in citizens_residents_benefits where age(birth_date) BETWEEN 16 AND 66, attributed to municipality. The ratio is multiplied by 100. Computed per month; unit: percent.

-- numerator: number of distinct person_id in citizens_residents_benefits where on_benefit AND age(birth_date) BETWEEN 16 AND 66, attributed to municipality
-- measure column: md53c8a11bca5 (one scan computes 2 measures of citizens_residents_benefits)
CREATE OR REPLACE TEMP TABLE group_distinct_0 AS
SELECT
  "_m",
  "p0",
  "d0",
  "d1",
  "d2",
  CASE WHEN "f0" OR "f1" THEN "v0" END AS "v0",
  BOOL_OR(CAST("f0" AS BOOLEAN)) AS "any0",
  BOOL_OR(CAST("f1" AS BOOLEAN)) AS "any1"
FROM (
  SELECT
    CAST("_municipality" AS SMALLINT) AS "_m",
    "_period" AS "p0",
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
      WHEN "__age_birth_date" >= 16 AND "__age_birth_date" <= 29
      THEN '16-29'
      WHEN "__age_birth_date" >= 30 AND "__age_birth_date" <= 49
      THEN '30-49'
      WHEN "__age_birth_date" >= 50 AND "__age_birth_date" <= 66
      THEN '50-66'
    END AS "d2",
    COALESCE(on_benefit AND "__age_birth_date" BETWEEN 16 AND 66, FALSE) AS "f0",
    person_id AS "v0",
    COALESCE("__age_birth_date" BETWEEN 16 AND 66, FALSE) AS "f1"
  FROM (
    SELECT
      b.*,
      "j1"."benefit" AS "benefit",
      "j1"."degree" AS "degree",
      "j2"."spell_id" AS "spell_id",
      "j2"."spell_start" AS "spell_start",
      "j2"."spell_end" AS "spell_end",
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
      ) AS "__age_birth_date",
      NOT "j1"."benefit" IS NULL OR NOT "j2"."spell_id" IS NULL AS "on_benefit"
    FROM current.citizens_residents AS b
    LEFT JOIN current.employment_benefit_weeks AS j1
      ON "j1"."_municipality" = "b"."_municipality"
      AND "j1"."_period" = "b"."_period"
      AND "j1"."person_id" = "b"."person_id"
    LEFT JOIN current.employment_benefit_spells AS j2
      ON "j2"."_municipality" = "b"."_municipality"
      AND "j2"."_period" = "b"."_period"
      AND "j2"."person_id" = "b"."person_id"
  ) AS rel
  WHERE
    "_municipality" IN (101, 147, 151)
) AS projected
GROUP BY
  "_m",
  "p0",
  "d0",
  "d1",
  "d2",
  CASE WHEN "f0" OR "f1" THEN "v0" END;

-- total: 2 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  '' AS "dimension",
  '' AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "any0" AND NOT "v0" IS NULL) AS DOUBLE) AS "md53c8a11bca5",
  CAST(COUNT(*) FILTER(WHERE
    "any1" AND NOT "v0" IS NULL) AS DOUBLE) AS "m1ef838798289"
FROM group_distinct_0
GROUP BY
  "_m",
  "p0";

-- by sex: 2 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'sex' AS "dimension",
  CAST("d0" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "any0" AND NOT "v0" IS NULL) AS DOUBLE) AS "md53c8a11bca5",
  CAST(COUNT(*) FILTER(WHERE
    "any1" AND NOT "v0" IS NULL) AS DOUBLE) AS "m1ef838798289"
FROM group_distinct_0
WHERE
  NOT "d0" IS NULL
GROUP BY
  "_m",
  "p0",
  "d0";

-- by origin: 2 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'origin' AS "dimension",
  CAST("d1" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "any0" AND NOT "v0" IS NULL) AS DOUBLE) AS "md53c8a11bca5",
  CAST(COUNT(*) FILTER(WHERE
    "any1" AND NOT "v0" IS NULL) AS DOUBLE) AS "m1ef838798289"
FROM group_distinct_0
WHERE
  NOT "d1" IS NULL
GROUP BY
  "_m",
  "p0",
  "d1";

-- by age_working: 2 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'age_working' AS "dimension",
  CAST("d2" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "any0" AND NOT "v0" IS NULL) AS DOUBLE) AS "md53c8a11bca5",
  CAST(COUNT(*) FILTER(WHERE
    "any1" AND NOT "v0" IS NULL) AS DOUBLE) AS "m1ef838798289"
FROM group_distinct_0
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
  person_id AS "measured",
  "person_id",
  "birth_date",
  "sex",
  "origin",
  "municipality",
  "street",
  "house",
  "district",
  "moved_in",
  "benefit",
  "degree",
  "spell_id",
  "spell_start",
  "spell_end",
  "on_benefit"
FROM (
  SELECT
    b.*,
    "j1"."benefit" AS "benefit",
    "j1"."degree" AS "degree",
    "j2"."spell_id" AS "spell_id",
    "j2"."spell_start" AS "spell_start",
    "j2"."spell_end" AS "spell_end",
    NOT "j1"."benefit" IS NULL OR NOT "j2"."spell_id" IS NULL AS "on_benefit"
  FROM current.citizens_residents AS b
  LEFT JOIN current.employment_benefit_weeks AS j1
    ON "j1"."_municipality" = "b"."_municipality"
    AND "j1"."_period" = "b"."_period"
    AND "j1"."person_id" = "b"."person_id"
  LEFT JOIN current.employment_benefit_spells AS j2
    ON "j2"."_municipality" = "b"."_municipality"
    AND "j2"."_period" = "b"."_period"
    AND "j2"."person_id" = "b"."person_id"
) AS rel
WHERE
  (
    "municipality" = 101 AND "_period" = CAST('2024-06-01' AS DATE)
  )
  AND COALESCE(
    on_benefit
    AND (
      YEAR("_period") - YEAR(birth_date) - CASE
        WHEN MONTH("_period") < MONTH(birth_date)
        OR (
          MONTH("_period") = MONTH(birth_date) AND DAY("_period") < DAY(birth_date)
        )
        THEN 1
        ELSE 0
      END
    ) BETWEEN 16 AND 66,
    FALSE
  )
ORDER BY
  "_delivery",
  "_line";

-- denominator: number of distinct person_id in citizens_residents_benefits where age(birth_date) BETWEEN 16 AND 66, attributed to municipality
-- measure column: m1ef838798289 (one scan computes 2 measures of citizens_residents_benefits)
CREATE OR REPLACE TEMP TABLE group_distinct_0 AS
SELECT
  "_m",
  "p0",
  "d0",
  "d1",
  "d2",
  CASE WHEN "f0" OR "f1" THEN "v0" END AS "v0",
  BOOL_OR(CAST("f0" AS BOOLEAN)) AS "any0",
  BOOL_OR(CAST("f1" AS BOOLEAN)) AS "any1"
FROM (
  SELECT
    CAST("_municipality" AS SMALLINT) AS "_m",
    "_period" AS "p0",
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
      WHEN "__age_birth_date" >= 16 AND "__age_birth_date" <= 29
      THEN '16-29'
      WHEN "__age_birth_date" >= 30 AND "__age_birth_date" <= 49
      THEN '30-49'
      WHEN "__age_birth_date" >= 50 AND "__age_birth_date" <= 66
      THEN '50-66'
    END AS "d2",
    COALESCE(on_benefit AND "__age_birth_date" BETWEEN 16 AND 66, FALSE) AS "f0",
    person_id AS "v0",
    COALESCE("__age_birth_date" BETWEEN 16 AND 66, FALSE) AS "f1"
  FROM (
    SELECT
      b.*,
      "j1"."benefit" AS "benefit",
      "j1"."degree" AS "degree",
      "j2"."spell_id" AS "spell_id",
      "j2"."spell_start" AS "spell_start",
      "j2"."spell_end" AS "spell_end",
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
      ) AS "__age_birth_date",
      NOT "j1"."benefit" IS NULL OR NOT "j2"."spell_id" IS NULL AS "on_benefit"
    FROM current.citizens_residents AS b
    LEFT JOIN current.employment_benefit_weeks AS j1
      ON "j1"."_municipality" = "b"."_municipality"
      AND "j1"."_period" = "b"."_period"
      AND "j1"."person_id" = "b"."person_id"
    LEFT JOIN current.employment_benefit_spells AS j2
      ON "j2"."_municipality" = "b"."_municipality"
      AND "j2"."_period" = "b"."_period"
      AND "j2"."person_id" = "b"."person_id"
  ) AS rel
  WHERE
    "_municipality" IN (101, 147, 151)
) AS projected
GROUP BY
  "_m",
  "p0",
  "d0",
  "d1",
  "d2",
  CASE WHEN "f0" OR "f1" THEN "v0" END;

-- total: 2 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  '' AS "dimension",
  '' AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "any0" AND NOT "v0" IS NULL) AS DOUBLE) AS "md53c8a11bca5",
  CAST(COUNT(*) FILTER(WHERE
    "any1" AND NOT "v0" IS NULL) AS DOUBLE) AS "m1ef838798289"
FROM group_distinct_0
GROUP BY
  "_m",
  "p0";

-- by sex: 2 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'sex' AS "dimension",
  CAST("d0" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "any0" AND NOT "v0" IS NULL) AS DOUBLE) AS "md53c8a11bca5",
  CAST(COUNT(*) FILTER(WHERE
    "any1" AND NOT "v0" IS NULL) AS DOUBLE) AS "m1ef838798289"
FROM group_distinct_0
WHERE
  NOT "d0" IS NULL
GROUP BY
  "_m",
  "p0",
  "d0";

-- by origin: 2 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'origin' AS "dimension",
  CAST("d1" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "any0" AND NOT "v0" IS NULL) AS DOUBLE) AS "md53c8a11bca5",
  CAST(COUNT(*) FILTER(WHERE
    "any1" AND NOT "v0" IS NULL) AS DOUBLE) AS "m1ef838798289"
FROM group_distinct_0
WHERE
  NOT "d1" IS NULL
GROUP BY
  "_m",
  "p0",
  "d1";

-- by age_working: 2 measures
SELECT
  "_m" AS "municipality",
  "p0" AS "period",
  'age_working' AS "dimension",
  CAST("d2" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "any0" AND NOT "v0" IS NULL) AS DOUBLE) AS "md53c8a11bca5",
  CAST(COUNT(*) FILTER(WHERE
    "any1" AND NOT "v0" IS NULL) AS DOUBLE) AS "m1ef838798289"
FROM group_distinct_0
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
  person_id AS "measured",
  "person_id",
  "birth_date",
  "sex",
  "origin",
  "municipality",
  "street",
  "house",
  "district",
  "moved_in",
  "benefit",
  "degree",
  "spell_id",
  "spell_start",
  "spell_end",
  "on_benefit"
FROM (
  SELECT
    b.*,
    "j1"."benefit" AS "benefit",
    "j1"."degree" AS "degree",
    "j2"."spell_id" AS "spell_id",
    "j2"."spell_start" AS "spell_start",
    "j2"."spell_end" AS "spell_end",
    NOT "j1"."benefit" IS NULL OR NOT "j2"."spell_id" IS NULL AS "on_benefit"
  FROM current.citizens_residents AS b
  LEFT JOIN current.employment_benefit_weeks AS j1
    ON "j1"."_municipality" = "b"."_municipality"
    AND "j1"."_period" = "b"."_period"
    AND "j1"."person_id" = "b"."person_id"
  LEFT JOIN current.employment_benefit_spells AS j2
    ON "j2"."_municipality" = "b"."_municipality"
    AND "j2"."_period" = "b"."_period"
    AND "j2"."person_id" = "b"."person_id"
) AS rel
WHERE
  (
    "municipality" = 101 AND "_period" = CAST('2024-06-01' AS DATE)
  )
  AND COALESCE(
    (
      YEAR("_period") - YEAR(birth_date) - CASE
        WHEN MONTH("_period") < MONTH(birth_date)
        OR (
          MONTH("_period") = MONTH(birth_date) AND DAY("_period") < DAY(birth_date)
        )
        THEN 1
        ELSE 0
      END
    ) BETWEEN 16 AND 66,
    FALSE
  )
ORDER BY
  "_delivery",
  "_line";
