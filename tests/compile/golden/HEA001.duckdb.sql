-- HEA001: Acute admissions per 1000 residents 65+ (rolling year)
-- Numerator: number of rows in health.admissions where age(birth_date) >= 65, attributed to home_municipality. Denominator: number of rows in citizens.residents where age(birth_date) >= 65, attributed to _municipality. The ratio is multiplied by 1000. Rolling 12-month value: numerators summed over the last 12 months, denominators averaged. Computed per month; unit: per 1000 residents 65+.

-- numerator: number of rows in health.admissions where age(birth_date) >= 65, attributed to home_municipality
-- measure column: m03766eb31417 (one scan computes 8 measures of health.admissions)
CREATE OR REPLACE TEMP TABLE group_rows AS
SELECT
  CAST("_municipality" AS SMALLINT) AS "_m",
  "_period" AS "_p",
  CASE WHEN CAST(sex AS TEXT) IN ('1', '2') THEN CAST(sex AS TEXT) END AS "d0",
  CASE
    WHEN "__age_birth_date" >= 65 AND "__age_birth_date" <= 74
    THEN '65-74'
    WHEN "__age_birth_date" >= 75 AND "__age_birth_date" <= 84
    THEN '75-84'
    WHEN "__age_birth_date" >= 85
    THEN '85+'
  END AS "d1",
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
  END AS "d2",
  CASE
    WHEN CAST(CASE WHEN preventable THEN 'preventable' ELSE 'other' END AS TEXT) IN ('preventable', 'other')
    THEN CAST(CASE WHEN preventable THEN 'preventable' ELSE 'other' END AS TEXT)
  END AS "d3",
  CASE
    WHEN CAST(diagnosis_group AS TEXT) IN (
      'dehydration',
      'constipation',
      'urinary_tract_infection',
      'pneumonia',
      'gastroenteritis',
      'anaemia',
      'fracture',
      'pressure_ulcer',
      'nutritional_deficiency',
      'other'
    )
    THEN CAST(diagnosis_group AS TEXT)
  END AS "d4",
  COALESCE("__age_birth_date" >= 65, FALSE) AS "f0",
  COALESCE(preventable AND "__age_birth_date" >= 65, FALSE) AS "f1",
  COALESCE(preventable, FALSE) AS "f2",
  COALESCE(TRUE, FALSE) AS "f3",
  COALESCE(TRUE, FALSE) AS "f4",
  DATE_DIFF('DAY', admission_date, discharge_date) AS "v4",
  COALESCE("__age_birth_date" >= 65, FALSE) AS "f5",
  DATE_DIFF('DAY', admission_date, discharge_date) AS "v5",
  COALESCE(TRUE, FALSE) AS "f6",
  co_financing AS "v6",
  COALESCE("__age_birth_date" >= 65, FALSE) AS "f7",
  co_financing AS "v7"
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
  FROM current.health_admissions AS b
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
    "f0") AS DOUBLE) AS "m03766eb31417",
  CAST(COUNT(*) FILTER(WHERE
    "f1") AS DOUBLE) AS "m751dd71d7e82",
  CAST(COUNT(*) FILTER(WHERE
    "f2") AS DOUBLE) AS "m38c805c5cb4e",
  CAST(COUNT(*) FILTER(WHERE
    "f3") AS DOUBLE) AS "md137c16fa673",
  CAST(SUM("v4") FILTER(WHERE
    "f4") AS DOUBLE) AS "m35a2272881aa",
  CAST(SUM("v5") FILTER(WHERE
    "f5") AS DOUBLE) AS "mb73a7948c2d2",
  CAST(SUM("v6") FILTER(WHERE
    "f6") AS DOUBLE) AS "m96d2d9af9a4d",
  CAST(SUM("v7") FILTER(WHERE
    "f7") AS DOUBLE) AS "m5b8f6feb1d50"
FROM group_rows
GROUP BY
  "_m",
  "_p";

-- by sex: 8 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'sex' AS "dimension",
  CAST("d0" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f0") AS DOUBLE) AS "m03766eb31417",
  CAST(COUNT(*) FILTER(WHERE
    "f1") AS DOUBLE) AS "m751dd71d7e82",
  CAST(COUNT(*) FILTER(WHERE
    "f2") AS DOUBLE) AS "m38c805c5cb4e",
  CAST(COUNT(*) FILTER(WHERE
    "f3") AS DOUBLE) AS "md137c16fa673",
  CAST(SUM("v4") FILTER(WHERE
    "f4") AS DOUBLE) AS "m35a2272881aa",
  CAST(SUM("v5") FILTER(WHERE
    "f5") AS DOUBLE) AS "mb73a7948c2d2",
  CAST(SUM("v6") FILTER(WHERE
    "f6") AS DOUBLE) AS "m96d2d9af9a4d",
  CAST(SUM("v7") FILTER(WHERE
    "f7") AS DOUBLE) AS "m5b8f6feb1d50"
FROM group_rows
WHERE
  NOT "d0" IS NULL
GROUP BY
  "_m",
  "_p",
  "d0";

-- by age_elderly: 8 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'age_elderly' AS "dimension",
  CAST("d1" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f0") AS DOUBLE) AS "m03766eb31417",
  CAST(COUNT(*) FILTER(WHERE
    "f1") AS DOUBLE) AS "m751dd71d7e82",
  CAST(COUNT(*) FILTER(WHERE
    "f2") AS DOUBLE) AS "m38c805c5cb4e",
  CAST(COUNT(*) FILTER(WHERE
    "f3") AS DOUBLE) AS "md137c16fa673",
  CAST(SUM("v4") FILTER(WHERE
    "f4") AS DOUBLE) AS "m35a2272881aa",
  CAST(SUM("v5") FILTER(WHERE
    "f5") AS DOUBLE) AS "mb73a7948c2d2",
  CAST(SUM("v6") FILTER(WHERE
    "f6") AS DOUBLE) AS "m96d2d9af9a4d",
  CAST(SUM("v7") FILTER(WHERE
    "f7") AS DOUBLE) AS "m5b8f6feb1d50"
FROM group_rows
WHERE
  NOT "d1" IS NULL
GROUP BY
  "_m",
  "_p",
  "d1";

-- by elderly_age_5y: 2 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'elderly_age_5y' AS "dimension",
  CAST("d2" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f0") AS DOUBLE) AS "m03766eb31417",
  CAST(COUNT(*) FILTER(WHERE
    "f1") AS DOUBLE) AS "m751dd71d7e82"
FROM group_rows
WHERE
  NOT "d2" IS NULL
GROUP BY
  "_m",
  "_p",
  "d2";

-- by health_admission_kind: 3 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'health_admission_kind' AS "dimension",
  CAST("d3" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f3") AS DOUBLE) AS "md137c16fa673",
  CAST(SUM("v4") FILTER(WHERE
    "f4") AS DOUBLE) AS "m35a2272881aa",
  CAST(SUM("v6") FILTER(WHERE
    "f6") AS DOUBLE) AS "m96d2d9af9a4d"
FROM group_rows
WHERE
  NOT "d3" IS NULL
GROUP BY
  "_m",
  "_p",
  "d3";

-- by health_diagnosis: 1 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'health_diagnosis' AS "dimension",
  CAST("d4" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f3") AS DOUBLE) AS "md137c16fa673"
FROM group_rows
WHERE
  NOT "d4" IS NULL
GROUP BY
  "_m",
  "_p",
  "d4";

-- numerator drill-down for municipality 101, 2024-06
SELECT
  "_delivery",
  "_line",
  "_municipality",
  "_period",
  1 AS "measured",
  "admission_id",
  "person_id",
  "birth_date",
  "sex",
  "home_municipality",
  "admission_date",
  "discharge_date",
  "diagnosis_group",
  "preventable",
  "hospital_region",
  "co_financing"
FROM (
  SELECT
    b.*
  FROM current.health_admissions AS b
) AS rel
WHERE
  (
    "home_municipality" = 101 AND "_period" = CAST('2024-06-01' AS DATE)
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
    ) >= 65,
    FALSE
  )
ORDER BY
  "_delivery",
  "_line";

-- denominator: number of rows in citizens.residents where age(birth_date) >= 65, attributed to _municipality
-- measure column: ma71eda79912f (one scan computes 26 measures of citizens.residents)
CREATE OR REPLACE TEMP TABLE group_rows AS
SELECT
  CAST("_municipality" AS SMALLINT) AS "_m",
  "_period" AS "_p",
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
  COALESCE(TRUE, FALSE) AS "f4",
  COALESCE("__age_birth_date" >= 80, FALSE) AS "f5",
  COALESCE(origin IN (4, 5), FALSE) AS "f6",
  COALESCE("__age_birth_date" < 17 OR "__age_birth_date" >= 67, FALSE) AS "f7",
  COALESCE("__age_birth_date" BETWEEN 17 AND 66, FALSE) AS "f8",
  COALESCE("__age_birth_date" BETWEEN 17 AND 64, FALSE) AS "f9",
  COALESCE("__age_birth_date" <= 16, FALSE) AS "f10",
  COALESCE(NOT "__age_birth_date" IS NULL, FALSE) AS "f11",
  "__age_birth_date" AS "v11",
  COALESCE(NOT "__age_birth_date" IS NULL, FALSE) AS "f12",
  COALESCE(TRUE, FALSE) AS "f13",
  "__age_birth_date" AS "v13",
  COALESCE(sex = 2 AND "__age_birth_date" BETWEEN 15 AND 49, FALSE) AS "f14",
  COALESCE(moved_in > birth_date AND DATE_DIFF('DAY', moved_in, _period) < 365, FALSE) AS "f15",
  COALESCE(
    NOT moved_in IS NULL
    AND NOT CAST(DATE_DIFF('DAY', moved_in, _period) AS DOUBLE) / CAST(365.25 AS DOUBLE) IS NULL,
    FALSE
  ) AS "f16",
  CAST(DATE_DIFF('DAY', moved_in, _period) AS DOUBLE) / CAST(365.25 AS DOUBLE) AS "v16",
  COALESCE(
    NOT moved_in IS NULL
    AND NOT CAST(DATE_DIFF('DAY', moved_in, _period) AS DOUBLE) / CAST(365.25 AS DOUBLE) IS NULL,
    FALSE
  ) AS "f17",
  COALESCE("__age_birth_date" <= 5, FALSE) AS "f18",
  COALESCE("__age_birth_date" >= 18, FALSE) AS "f19",
  COALESCE("__age_birth_date" BETWEEN 6 AND 16, FALSE) AS "f20",
  COALESCE("__age_birth_date" >= 67, FALSE) AS "f21",
  COALESCE("__age_birth_date" BETWEEN 18 AND 64, FALSE) AS "f22",
  COALESCE("__age_birth_date" BETWEEN 80 AND 84, FALSE) AS "f23",
  COALESCE("__age_birth_date" BETWEEN 16 AND 66, FALSE) AS "f24",
  COALESCE("__age_birth_date" BETWEEN 16 AND 66, FALSE) AS "f25"
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
  "_municipality" IN (101, 147, 151);

-- total: 26 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  '' AS "dimension",
  '' AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f0") AS DOUBLE) AS "mf95c58fd0616",
  CAST(COUNT(*) FILTER(WHERE
    "f1") AS DOUBLE) AS "m98ed4f2c87c5",
  CAST(COUNT(*) FILTER(WHERE
    "f2") AS DOUBLE) AS "mb980a96fe796",
  CAST(COUNT(*) FILTER(WHERE
    "f3") AS DOUBLE) AS "ma71eda79912f",
  CAST(COUNT(*) FILTER(WHERE
    "f4") AS DOUBLE) AS "m4e50189524e6",
  CAST(COUNT(*) FILTER(WHERE
    "f5") AS DOUBLE) AS "mdd21ed26df8a",
  CAST(COUNT(*) FILTER(WHERE
    "f6") AS DOUBLE) AS "m6278c8f81282",
  CAST(COUNT(*) FILTER(WHERE
    "f7") AS DOUBLE) AS "md6dcd2c0ddb4",
  CAST(COUNT(*) FILTER(WHERE
    "f8") AS DOUBLE) AS "mf6f2c30c774a",
  CAST(COUNT(*) FILTER(WHERE
    "f9") AS DOUBLE) AS "ma2cd4486a052",
  CAST(COUNT(*) FILTER(WHERE
    "f10") AS DOUBLE) AS "mafcff3734ce3",
  CAST(SUM("v11") FILTER(WHERE
    "f11") AS DOUBLE) AS "md1b0cacaad2b",
  CAST(COUNT(*) FILTER(WHERE
    "f12") AS DOUBLE) AS "m2ffd03c78e6a",
  CAST(QUANTILE_CONT(CAST("v13" AS DOUBLE), 0.5) FILTER(WHERE
    "f13") AS DOUBLE) AS "m3632d07ae9c9",
  CAST(COUNT(*) FILTER(WHERE
    "f14") AS DOUBLE) AS "mc9bf4238aff3",
  CAST(COUNT(*) FILTER(WHERE
    "f15") AS DOUBLE) AS "m67f8997d65c5",
  CAST(SUM("v16") FILTER(WHERE
    "f16") AS DOUBLE) AS "ma480ba4d12d9",
  CAST(COUNT(*) FILTER(WHERE
    "f17") AS DOUBLE) AS "m28ee2717020a",
  CAST(COUNT(*) FILTER(WHERE
    "f18") AS DOUBLE) AS "mdac1debe8925",
  CAST(COUNT(*) FILTER(WHERE
    "f19") AS DOUBLE) AS "m4a0d5ec2d8db",
  CAST(COUNT(*) FILTER(WHERE
    "f20") AS DOUBLE) AS "m111f9c612942",
  CAST(COUNT(*) FILTER(WHERE
    "f21") AS DOUBLE) AS "m6584d11a0a03",
  CAST(COUNT(*) FILTER(WHERE
    "f22") AS DOUBLE) AS "mc4360d486d8a",
  CAST(COUNT(*) FILTER(WHERE
    "f23") AS DOUBLE) AS "m1432dfab4b14",
  CAST(COUNT(*) FILTER(WHERE
    "f24") AS DOUBLE) AS "mbac0dc1feea1",
  CAST(COUNT(*) FILTER(WHERE
    "f25") AS DOUBLE) AS "m432d5276cb71"
FROM group_rows
GROUP BY
  "_m",
  "_p";

-- by sex: 22 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'sex' AS "dimension",
  CAST("d0" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f0") AS DOUBLE) AS "mf95c58fd0616",
  CAST(COUNT(*) FILTER(WHERE
    "f1") AS DOUBLE) AS "m98ed4f2c87c5",
  CAST(COUNT(*) FILTER(WHERE
    "f2") AS DOUBLE) AS "mb980a96fe796",
  CAST(COUNT(*) FILTER(WHERE
    "f3") AS DOUBLE) AS "ma71eda79912f",
  CAST(COUNT(*) FILTER(WHERE
    "f4") AS DOUBLE) AS "m4e50189524e6",
  CAST(COUNT(*) FILTER(WHERE
    "f5") AS DOUBLE) AS "mdd21ed26df8a",
  CAST(COUNT(*) FILTER(WHERE
    "f6") AS DOUBLE) AS "m6278c8f81282",
  CAST(COUNT(*) FILTER(WHERE
    "f7") AS DOUBLE) AS "md6dcd2c0ddb4",
  CAST(COUNT(*) FILTER(WHERE
    "f8") AS DOUBLE) AS "mf6f2c30c774a",
  CAST(COUNT(*) FILTER(WHERE
    "f9") AS DOUBLE) AS "ma2cd4486a052",
  CAST(COUNT(*) FILTER(WHERE
    "f10") AS DOUBLE) AS "mafcff3734ce3",
  CAST(SUM("v11") FILTER(WHERE
    "f11") AS DOUBLE) AS "md1b0cacaad2b",
  CAST(COUNT(*) FILTER(WHERE
    "f12") AS DOUBLE) AS "m2ffd03c78e6a",
  CAST(QUANTILE_CONT(CAST("v13" AS DOUBLE), 0.5) FILTER(WHERE
    "f13") AS DOUBLE) AS "m3632d07ae9c9",
  CAST(COUNT(*) FILTER(WHERE
    "f15") AS DOUBLE) AS "m67f8997d65c5",
  CAST(SUM("v16") FILTER(WHERE
    "f16") AS DOUBLE) AS "ma480ba4d12d9",
  CAST(COUNT(*) FILTER(WHERE
    "f17") AS DOUBLE) AS "m28ee2717020a",
  CAST(COUNT(*) FILTER(WHERE
    "f18") AS DOUBLE) AS "mdac1debe8925",
  CAST(COUNT(*) FILTER(WHERE
    "f19") AS DOUBLE) AS "m4a0d5ec2d8db",
  CAST(COUNT(*) FILTER(WHERE
    "f20") AS DOUBLE) AS "m111f9c612942",
  CAST(COUNT(*) FILTER(WHERE
    "f23") AS DOUBLE) AS "m1432dfab4b14",
  CAST(COUNT(*) FILTER(WHERE
    "f24") AS DOUBLE) AS "mbac0dc1feea1"
FROM group_rows
WHERE
  NOT "d0" IS NULL
GROUP BY
  "_m",
  "_p",
  "d0";

-- by age_children: 1 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'age_children' AS "dimension",
  CAST("d1" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f0") AS DOUBLE) AS "mf95c58fd0616"
FROM group_rows
WHERE
  NOT "d1" IS NULL
GROUP BY
  "_m",
  "_p",
  "d1";

-- by children_age: 1 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'children_age' AS "dimension",
  CAST("d2" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f0") AS DOUBLE) AS "mf95c58fd0616"
FROM group_rows
WHERE
  NOT "d2" IS NULL
GROUP BY
  "_m",
  "_p",
  "d2";

-- by origin: 14 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'origin' AS "dimension",
  CAST("d3" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f2") AS DOUBLE) AS "mb980a96fe796",
  CAST(COUNT(*) FILTER(WHERE
    "f3") AS DOUBLE) AS "ma71eda79912f",
  CAST(COUNT(*) FILTER(WHERE
    "f4") AS DOUBLE) AS "m4e50189524e6",
  CAST(COUNT(*) FILTER(WHERE
    "f5") AS DOUBLE) AS "mdd21ed26df8a",
  CAST(COUNT(*) FILTER(WHERE
    "f7") AS DOUBLE) AS "md6dcd2c0ddb4",
  CAST(COUNT(*) FILTER(WHERE
    "f8") AS DOUBLE) AS "mf6f2c30c774a",
  CAST(COUNT(*) FILTER(WHERE
    "f10") AS DOUBLE) AS "mafcff3734ce3",
  CAST(SUM("v11") FILTER(WHERE
    "f11") AS DOUBLE) AS "md1b0cacaad2b",
  CAST(COUNT(*) FILTER(WHERE
    "f12") AS DOUBLE) AS "m2ffd03c78e6a",
  CAST(QUANTILE_CONT(CAST("v13" AS DOUBLE), 0.5) FILTER(WHERE
    "f13") AS DOUBLE) AS "m3632d07ae9c9",
  CAST(COUNT(*) FILTER(WHERE
    "f15") AS DOUBLE) AS "m67f8997d65c5",
  CAST(SUM("v16") FILTER(WHERE
    "f16") AS DOUBLE) AS "ma480ba4d12d9",
  CAST(COUNT(*) FILTER(WHERE
    "f17") AS DOUBLE) AS "m28ee2717020a",
  CAST(COUNT(*) FILTER(WHERE
    "f24") AS DOUBLE) AS "mbac0dc1feea1"
FROM group_rows
WHERE
  NOT "d3" IS NULL
GROUP BY
  "_m",
  "_p",
  "d3";

-- by age_life: 4 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'age_life' AS "dimension",
  CAST("d4" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f2") AS DOUBLE) AS "mb980a96fe796",
  CAST(COUNT(*) FILTER(WHERE
    "f4") AS DOUBLE) AS "m4e50189524e6",
  CAST(COUNT(*) FILTER(WHERE
    "f6") AS DOUBLE) AS "m6278c8f81282",
  CAST(COUNT(*) FILTER(WHERE
    "f15") AS DOUBLE) AS "m67f8997d65c5"
FROM group_rows
WHERE
  NOT "d4" IS NULL
GROUP BY
  "_m",
  "_p",
  "d4";

-- by age_elderly: 2 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'age_elderly' AS "dimension",
  CAST("d5" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f3") AS DOUBLE) AS "ma71eda79912f",
  CAST(COUNT(*) FILTER(WHERE
    "f4") AS DOUBLE) AS "m4e50189524e6"
FROM group_rows
WHERE
  NOT "d5" IS NULL
GROUP BY
  "_m",
  "_p",
  "d5";

-- by citizens_age_migration: 1 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'citizens_age_migration' AS "dimension",
  CAST("d6" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f4") AS DOUBLE) AS "m4e50189524e6"
FROM group_rows
WHERE
  NOT "d6" IS NULL
GROUP BY
  "_m",
  "_p",
  "d6";

-- by daycare_age: 1 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'daycare_age' AS "dimension",
  CAST("d7" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f18") AS DOUBLE) AS "mdac1debe8925"
FROM group_rows
WHERE
  NOT "d7" IS NULL
GROUP BY
  "_m",
  "_p",
  "d7";

-- by daycare_age_year: 1 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'daycare_age_year' AS "dimension",
  CAST("d8" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f18") AS DOUBLE) AS "mdac1debe8925"
FROM group_rows
WHERE
  NOT "d8" IS NULL
GROUP BY
  "_m",
  "_p",
  "d8";

-- by disability_age: 1 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'disability_age' AS "dimension",
  CAST("d9" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f19") AS DOUBLE) AS "m4a0d5ec2d8db"
FROM group_rows
WHERE
  NOT "d9" IS NULL
GROUP BY
  "_m",
  "_p",
  "d9";

-- by elderly_age_5y: 1 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'elderly_age_5y' AS "dimension",
  CAST("d10" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f3") AS DOUBLE) AS "ma71eda79912f"
FROM group_rows
WHERE
  NOT "d10" IS NULL
GROUP BY
  "_m",
  "_p",
  "d10";

-- by elderly_age_oldest: 1 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'elderly_age_oldest' AS "dimension",
  CAST("d11" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f5") AS DOUBLE) AS "mdd21ed26df8a"
FROM group_rows
WHERE
  NOT "d11" IS NULL
GROUP BY
  "_m",
  "_p",
  "d11";

-- by age_working: 1 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'age_working' AS "dimension",
  CAST("d12" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f24") AS DOUBLE) AS "mbac0dc1feea1"
FROM group_rows
WHERE
  NOT "d12" IS NULL
GROUP BY
  "_m",
  "_p",
  "d12";

-- by schools_age: 1 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'schools_age' AS "dimension",
  CAST("d13" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f20") AS DOUBLE) AS "m111f9c612942"
FROM group_rows
WHERE
  NOT "d13" IS NULL
GROUP BY
  "_m",
  "_p",
  "d13";

-- denominator drill-down for municipality 101, 2024-06
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
  (
    "_municipality" = 101 AND "_period" = CAST('2024-06-01' AS DATE)
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
    ) >= 65,
    FALSE
  )
ORDER BY
  "_delivery",
  "_line";
