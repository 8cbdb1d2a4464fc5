-- HRM001: Employments paid in the month
-- Numerator: number of rows in hr.employees, attributed to _municipality. Computed per month; unit: employments.

-- numerator: number of rows in hr.employees, attributed to _municipality
-- measure column: mb715b23c0407 (one scan computes 40 measures of hr.employees)
CREATE OR REPLACE TEMP TABLE group_rows AS
SELECT
  CAST("_municipality" AS SMALLINT) AS "_m",
  "_period" AS "_p",
  CASE WHEN CAST(sex AS TEXT) IN ('1', '2') THEN CAST(sex AS TEXT) END AS "d0",
  CASE
    WHEN CAST(CASE
      WHEN job_category = 'teacher'
      THEN 'teaching'
      WHEN job_category IN ('pedagogue', 'pedagogical_assistant', 'childminder')
      THEN 'pedagogical'
      WHEN job_category IN ('health_helper', 'health_assistant')
      THEN 'care'
      WHEN job_category IN ('nurse', 'therapist', 'dental')
      THEN 'health'
      WHEN job_category IN ('social_worker', 'social_educator')
      THEN 'social'
      WHEN job_category IN ('administrative', 'academic')
      THEN 'administrative'
      WHEN job_category = 'manager'
      THEN 'management'
      WHEN job_category = 'service'
      THEN 'service'
    END AS TEXT) IN (
      'teaching',
      'pedagogical',
      'care',
      'health',
      'social',
      'administrative',
      'management',
      'service'
    )
    THEN CAST(CASE
      WHEN job_category = 'teacher'
      THEN 'teaching'
      WHEN job_category IN ('pedagogue', 'pedagogical_assistant', 'childminder')
      THEN 'pedagogical'
      WHEN job_category IN ('health_helper', 'health_assistant')
      THEN 'care'
      WHEN job_category IN ('nurse', 'therapist', 'dental')
      THEN 'health'
      WHEN job_category IN ('social_worker', 'social_educator')
      THEN 'social'
      WHEN job_category IN ('administrative', 'academic')
      THEN 'administrative'
      WHEN job_category = 'manager'
      THEN 'management'
      WHEN job_category = 'service'
      THEN 'service'
    END AS TEXT)
  END AS "d1",
  CASE
    WHEN YEAR(_period) - birth_year <= 29
    THEN 'under_30'
    WHEN YEAR(_period) - birth_year >= 30 AND YEAR(_period) - birth_year <= 49
    THEN '30-49'
    WHEN YEAR(_period) - birth_year >= 50 AND YEAR(_period) - birth_year <= 59
    THEN '50-59'
    WHEN YEAR(_period) - birth_year >= 60
    THEN '60+'
  END AS "d2",
  CASE
    WHEN CAST(CASE
      WHEN function IN ('3.22.01', '3.22.02', '3.22.05', '3.22.08', '3.22.10', '3.22.14', '3.38.76')
      THEN 'schools'
      WHEN function IN ('5.25.10', '5.25.11', '5.25.12', '5.25.13', '5.25.14', '5.25.17')
      THEN 'daycare'
      WHEN function IN ('5.30.26', '5.30.27', '5.30.28', '5.30.30', '5.30.31')
      THEN 'elderly'
      WHEN function IN (
        '5.28.20',
        '5.28.21',
        '5.28.22',
        '5.28.23',
        '5.38.41',
        '5.38.42',
        '5.38.45',
        '5.38.50',
        '5.38.52',
        '5.38.53',
        '5.38.54',
        '5.38.58',
        '5.38.59'
      )
      THEN 'social'
      WHEN function IN ('4.62.81', '4.62.82', '4.62.84', '4.62.85', '4.62.86', '4.62.88', '4.62.90')
      THEN 'health'
      WHEN function IN ('6.42.41', '6.45.50', '6.45.51', '6.45.53', '6.52.72', '5.68.90', '5.68.98')
      THEN 'administration'
      WHEN function IN (
        '0.25.10',
        '0.25.19',
        '0.28.20',
        '0.32.31',
        '0.52.80',
        '1.38.60',
        '2.22.01',
        '2.28.11',
        '2.28.14',
        '2.32.31',
        '3.32.50',
        '3.35.64'
      )
      THEN 'technical_culture'
    END AS TEXT) IN (
      'schools',
      'daycare',
      'elderly',
      'social',
      'health',
      'administration',
      'technical_culture'
    )
    THEN CAST(CASE
      WHEN function IN ('3.22.01', '3.22.02', '3.22.05', '3.22.08', '3.22.10', '3.22.14', '3.38.76')
      THEN 'schools'
      WHEN function IN ('5.25.10', '5.25.11', '5.25.12', '5.25.13', '5.25.14', '5.25.17')
      THEN 'daycare'
      WHEN function IN ('5.30.26', '5.30.27', '5.30.28', '5.30.30', '5.30.31')
      THEN 'elderly'
      WHEN function IN (
        '5.28.20',
        '5.28.21',
        '5.28.22',
        '5.28.23',
        '5.38.41',
        '5.38.42',
        '5.38.45',
        '5.38.50',
        '5.38.52',
        '5.38.53',
        '5.38.54',
        '5.38.58',
        '5.38.59'
      )
      THEN 'social'
      WHEN function IN ('4.62.81', '4.62.82', '4.62.84', '4.62.85', '4.62.86', '4.62.88', '4.62.90')
      THEN 'health'
      WHEN function IN ('6.42.41', '6.45.50', '6.45.51', '6.45.53', '6.52.72', '5.68.90', '5.68.98')
      THEN 'administration'
      WHEN function IN (
        '0.25.10',
        '0.25.19',
        '0.28.20',
        '0.32.31',
        '0.52.80',
        '1.38.60',
        '2.22.01',
        '2.28.11',
        '2.28.14',
        '2.32.31',
        '3.32.50',
        '3.35.64'
      )
      THEN 'technical_culture'
    END AS TEXT)
  END AS "d3",
  CASE
    WHEN CAST(CASE
      WHEN employment_form IN ('civil_servant', 'agreement')
      THEN 'monthly_paid'
      WHEN employment_form IN ('hourly', 'trainee')
      THEN 'hourly_trainee'
    END AS TEXT) IN ('monthly_paid', 'hourly_trainee')
    THEN CAST(CASE
      WHEN employment_form IN ('civil_servant', 'agreement')
      THEN 'monthly_paid'
      WHEN employment_form IN ('hourly', 'trainee')
      THEN 'hourly_trainee'
    END AS TEXT)
  END AS "d4",
  COALESCE(job_category = 'social_worker' AND function = '6.45.51', FALSE) AS "f0",
  fte AS "v0",
  COALESCE(
    function IN ('5.25.11', '5.25.12', '5.25.13', '5.25.14')
    AND job_category IN ('pedagogue', 'pedagogical_assistant', 'childminder'),
    FALSE
  ) AS "f1",
  fte AS "v1",
  COALESCE(
    function IN ('5.25.11', '5.25.12', '5.25.13', '5.25.14')
    AND job_category IN ('pedagogue', 'pedagogical_assistant', 'childminder', 'manager'),
    FALSE
  ) AS "f2",
  sick_days + COALESCE(injury_days, 0) AS "v2",
  COALESCE(
    function IN ('5.25.11', '5.25.12', '5.25.13', '5.25.14')
    AND job_category IN ('pedagogue', 'pedagogical_assistant', 'childminder', 'manager'),
    FALSE
  ) AS "f3",
  active_days AS "v3",
  COALESCE(
    function IN (
      '5.38.41',
      '5.38.42',
      '5.38.50',
      '5.38.52',
      '5.38.53',
      '5.38.54',
      '5.38.58',
      '5.38.59'
    ),
    FALSE
  ) AS "f4",
  fte AS "v4",
  COALESCE(function = '5.30.26', FALSE) AS "f5",
  fte AS "v5",
  COALESCE(function IN ('5.30.26', '5.30.27', '5.30.31'), FALSE) AS "f6",
  fte AS "v6",
  COALESCE(function IN ('5.30.26', '5.30.27', '5.30.31'), FALSE) AS "f7",
  sick_days + COALESCE(injury_days, 0) AS "v7",
  COALESCE(function IN ('5.30.26', '5.30.27', '5.30.31'), FALSE) AS "f8",
  active_days AS "v8",
  COALESCE(function IN ('6.45.53', '5.68.90'), FALSE) AS "f9",
  fte AS "v9",
  COALESCE(function IN ('4.62.82', '4.62.85', '4.62.86', '4.62.88', '4.62.90'), FALSE) AS "f10",
  fte AS "v10",
  COALESCE(TRUE, FALSE) AS "f11",
  COALESCE(TRUE, FALSE) AS "f12",
  fte AS "v12",
  COALESCE(NOT fte IS NULL, FALSE) AS "f13",
  fte AS "v13",
  COALESCE(NOT fte IS NULL, FALSE) AS "f14",
  COALESCE(fte >= 1, FALSE) AS "f15",
  COALESCE(sex = 2, FALSE) AS "f16",
  COALESCE(NOT YEAR(_period) - birth_year IS NULL, FALSE) AS "f17",
  YEAR(_period) - birth_year AS "v17",
  COALESCE(NOT YEAR(_period) - birth_year IS NULL, FALSE) AS "f18",
  COALESCE(YEAR(_period) - birth_year >= 60, FALSE) AS "f19",
  COALESCE(
    NOT employed_from IS NULL AND DATE_DIFF('DAY', employed_from, _period) < 365,
    FALSE
  ) AS "f20",
  COALESCE(NOT employed_from IS NULL, FALSE) AS "f21",
  COALESCE(TRUE, FALSE) AS "f22",
  sick_days + COALESCE(injury_days, 0) AS "v22",
  COALESCE(TRUE, FALSE) AS "f23",
  active_days AS "v23",
  COALESCE(job_category = 'teacher' AND function = '3.22.01', FALSE) AS "f24",
  sick_days + COALESCE(injury_days, 0) AS "v24",
  COALESCE(job_category = 'teacher' AND function = '3.22.01', FALSE) AS "f25",
  active_days AS "v25",
  COALESCE(active_days > 0 AND sick_days >= active_days, FALSE) AS "f26",
  sick_days AS "v26",
  COALESCE(TRUE, FALSE) AS "f27",
  sick_days AS "v27",
  COALESCE(TRUE, FALSE) AS "f28",
  COALESCE(injury_days, 0) AS "v28",
  COALESCE(TRUE, FALSE) AS "f29",
  COALESCE(child_sick_days, 0) AS "v29",
  COALESCE(NOT salary IS NULL, FALSE) AS "f30",
  salary AS "v30",
  COALESCE(NOT salary IS NULL, FALSE) AS "f31",
  fte AS "v31",
  COALESCE(fte >= 1 AND NOT salary IS NULL, FALSE) AS "f32",
  salary AS "v32",
  COALESCE(fte >= 1 AND NOT salary IS NULL, FALSE) AS "f33",
  salary AS "v33",
  COALESCE(TRUE, FALSE) AS "f34",
  salary AS "v34",
  COALESCE(job_category = 'teacher' AND function = '3.22.01', FALSE) AS "f35",
  fte AS "v35",
  COALESCE(
    function IN ('5.25.10', '5.25.11', '5.25.12', '5.25.13', '5.25.14', '5.25.17')
    AND job_category IN ('pedagogue', 'pedagogical_assistant', 'childminder', 'manager'),
    FALSE
  ) AS "f36",
  fte AS "v36",
  COALESCE(function IN ('5.30.26', '5.30.27', '5.30.28', '5.30.30', '5.30.31'), FALSE) AS "f37",
  fte AS "v37",
  COALESCE(
    function = '3.22.01'
    AND job_category = 'teacher'
    AND employment_form IN ('civil_servant', 'agreement'),
    FALSE
  ) AS "f38",
  fte AS "v38",
  COALESCE(function IN ('3.22.01', '3.22.08') AND job_category = 'teacher', FALSE) AS "f39",
  fte AS "v39"
FROM (
  SELECT
    b.*
  FROM current.hr_employees AS b
) AS rel
WHERE
  "_municipality" IN (101, 147, 151);

-- total: 40 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  '' AS "dimension",
  '' AS "category",
  CAST(SUM("v0") FILTER(WHERE
    "f0") AS DOUBLE) AS "md4d22993320a",
  CAST(SUM("v1") FILTER(WHERE
    "f1") AS DOUBLE) AS "m9a719100646e",
  CAST(SUM("v2") FILTER(WHERE
    "f2") AS DOUBLE) AS "mc14cab0016f6",
  CAST(SUM("v3") FILTER(WHERE
    "f3") AS DOUBLE) AS "mac2427847968",
  CAST(SUM("v4") FILTER(WHERE
    "f4") AS DOUBLE) AS "m418d4a387368",
  CAST(SUM("v5") FILTER(WHERE
    "f5") AS DOUBLE) AS "m87a000c9813c",
  CAST(SUM("v6") FILTER(WHERE
    "f6") AS DOUBLE) AS "m91eccbc14e9a",
  CAST(SUM("v7") FILTER(WHERE
    "f7") AS DOUBLE) AS "m5b28dd3d15aa",
  CAST(SUM("v8") FILTER(WHERE
    "f8") AS DOUBLE) AS "m41ff83f8e203",
  CAST(SUM("v9") FILTER(WHERE
    "f9") AS DOUBLE) AS "m9debfcc29451",
  CAST(SUM("v10") FILTER(WHERE
    "f10") AS DOUBLE) AS "m6f522b6e6813",
  CAST(COUNT(*) FILTER(WHERE
    "f11") AS DOUBLE) AS "mb715b23c0407",
  CAST(SUM("v12") FILTER(WHERE
    "f12") AS DOUBLE) AS "m9b9126ef2df3",
  CAST(SUM("v13") FILTER(WHERE
    "f13") AS DOUBLE) AS "meff043f78f7e",
  CAST(COUNT(*) FILTER(WHERE
    "f14") AS DOUBLE) AS "m21521f477b34",
  CAST(COUNT(*) FILTER(WHERE
    "f15") AS DOUBLE) AS "m6c68cfaaad0b",
  CAST(COUNT(*) FILTER(WHERE
    "f16") AS DOUBLE) AS "me5c191261eab",
  CAST(SUM("v17") FILTER(WHERE
    "f17") AS DOUBLE) AS "mce4fc0178854",
  CAST(COUNT(*) FILTER(WHERE
    "f18") AS DOUBLE) AS "mddcdc1118f47",
  CAST(COUNT(*) FILTER(WHERE
    "f19") AS DOUBLE) AS "m1998310ddc53",
  CAST(COUNT(*) FILTER(WHERE
    "f20") AS DOUBLE) AS "m34aaebe90b55",
  CAST(COUNT(*) FILTER(WHERE
    "f21") AS DOUBLE) AS "m1a76ef41445b",
  CAST(SUM("v22") FILTER(WHERE
    "f22") AS DOUBLE) AS "m4eebeb563410",
  CAST(SUM("v23") FILTER(WHERE
    "f23") AS DOUBLE) AS "m80c20999aaeb",
  CAST(SUM("v24") FILTER(WHERE
    "f24") AS DOUBLE) AS "m40c8454a4b68",
  CAST(SUM("v25") FILTER(WHERE
    "f25") AS DOUBLE) AS "mdacac4df805c",
  CAST(SUM("v26") FILTER(WHERE
    "f26") AS DOUBLE) AS "m7cac08664b3c",
  CAST(SUM("v27") FILTER(WHERE
    "f27") AS DOUBLE) AS "m18d190d6877d",
  CAST(SUM("v28") FILTER(WHERE
    "f28") AS DOUBLE) AS "mdc289eeec344",
  CAST(SUM("v29") FILTER(WHERE
    "f29") AS DOUBLE) AS "m55de6a3c070d",
  CAST(SUM("v30") FILTER(WHERE
    "f30") AS DOUBLE) AS "m1fcf95b29a11",
  CAST(SUM("v31") FILTER(WHERE
    "f31") AS DOUBLE) AS "mb3b78293b6b6",
  CAST(QUANTILE_CONT(CAST("v32" AS DOUBLE), 0.5) FILTER(WHERE
    "f32") AS DOUBLE) AS "m5335f27178a3",
  CAST(QUANTILE_CONT(CAST("v33" AS DOUBLE), 0.9) FILTER(WHERE
    "f33") AS DOUBLE) AS "mec9840ef6c05",
  CAST(SUM("v34") FILTER(WHERE
    "f34") AS DOUBLE) AS "m879d3aa0daa2",
  CAST(SUM("v35") FILTER(WHERE
    "f35") AS DOUBLE) AS "m1de3627e1d97",
  CAST(SUM("v36") FILTER(WHERE
    "f36") AS DOUBLE) AS "m9efef5fc2d6d",
  CAST(SUM("v37") FILTER(WHERE
    "f37") AS DOUBLE) AS "m665982095bcc",
  CAST(SUM("v38") FILTER(WHERE
    "f38") AS DOUBLE) AS "mdd1527962059",
  CAST(SUM("v39") FILTER(WHERE
    "f39") AS DOUBLE) AS "mce10755181cc"
FROM group_rows
GROUP BY
  "_m",
  "_p";

-- by sex: 24 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'sex' AS "dimension",
  CAST("d0" AS TEXT) AS "category",
  CAST(SUM("v2") FILTER(WHERE
    "f2") AS DOUBLE) AS "mc14cab0016f6",
  CAST(SUM("v3") FILTER(WHERE
    "f3") AS DOUBLE) AS "mac2427847968",
  CAST(COUNT(*) FILTER(WHERE
    "f11") AS DOUBLE) AS "mb715b23c0407",
  CAST(SUM("v12") FILTER(WHERE
    "f12") AS DOUBLE) AS "m9b9126ef2df3",
  CAST(SUM("v13") FILTER(WHERE
    "f13") AS DOUBLE) AS "meff043f78f7e",
  CAST(COUNT(*) FILTER(WHERE
    "f14") AS DOUBLE) AS "m21521f477b34",
  CAST(COUNT(*) FILTER(WHERE
    "f15") AS DOUBLE) AS "m6c68cfaaad0b",
  CAST(SUM("v17") FILTER(WHERE
    "f17") AS DOUBLE) AS "mce4fc0178854",
  CAST(COUNT(*) FILTER(WHERE
    "f18") AS DOUBLE) AS "mddcdc1118f47",
  CAST(COUNT(*) FILTER(WHERE
    "f19") AS DOUBLE) AS "m1998310ddc53",
  CAST(COUNT(*) FILTER(WHERE
    "f20") AS DOUBLE) AS "m34aaebe90b55",
  CAST(COUNT(*) FILTER(WHERE
    "f21") AS DOUBLE) AS "m1a76ef41445b",
  CAST(SUM("v22") FILTER(WHERE
    "f22") AS DOUBLE) AS "m4eebeb563410",
  CAST(SUM("v23") FILTER(WHERE
    "f23") AS DOUBLE) AS "m80c20999aaeb",
  CAST(SUM("v24") FILTER(WHERE
    "f24") AS DOUBLE) AS "m40c8454a4b68",
  CAST(SUM("v25") FILTER(WHERE
    "f25") AS DOUBLE) AS "mdacac4df805c",
  CAST(SUM("v26") FILTER(WHERE
    "f26") AS DOUBLE) AS "m7cac08664b3c",
  CAST(SUM("v27") FILTER(WHERE
    "f27") AS DOUBLE) AS "m18d190d6877d",
  CAST(SUM("v28") FILTER(WHERE
    "f28") AS DOUBLE) AS "mdc289eeec344",
  CAST(SUM("v29") FILTER(WHERE
    "f29") AS DOUBLE) AS "m55de6a3c070d",
  CAST(SUM("v30") FILTER(WHERE
    "f30") AS DOUBLE) AS "m1fcf95b29a11",
  CAST(SUM("v31") FILTER(WHERE
    "f31") AS DOUBLE) AS "mb3b78293b6b6",
  CAST(QUANTILE_CONT(CAST("v32" AS DOUBLE), 0.5) FILTER(WHERE
    "f32") AS DOUBLE) AS "m5335f27178a3",
  CAST(QUANTILE_CONT(CAST("v33" AS DOUBLE), 0.9) FILTER(WHERE
    "f33") AS DOUBLE) AS "mec9840ef6c05"
FROM group_rows
WHERE
  NOT "d0" IS NULL
GROUP BY
  "_m",
  "_p",
  "d0";

-- by hr_staff_group: 17 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'hr_staff_group' AS "dimension",
  CAST("d1" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f11") AS DOUBLE) AS "mb715b23c0407",
  CAST(SUM("v12") FILTER(WHERE
    "f12") AS DOUBLE) AS "m9b9126ef2df3",
  CAST(SUM("v13") FILTER(WHERE
    "f13") AS DOUBLE) AS "meff043f78f7e",
  CAST(COUNT(*) FILTER(WHERE
    "f14") AS DOUBLE) AS "m21521f477b34",
  CAST(COUNT(*) FILTER(WHERE
    "f15") AS DOUBLE) AS "m6c68cfaaad0b",
  CAST(COUNT(*) FILTER(WHERE
    "f16") AS DOUBLE) AS "me5c191261eab",
  CAST(SUM("v17") FILTER(WHERE
    "f17") AS DOUBLE) AS "mce4fc0178854",
  CAST(COUNT(*) FILTER(WHERE
    "f18") AS DOUBLE) AS "mddcdc1118f47",
  CAST(COUNT(*) FILTER(WHERE
    "f19") AS DOUBLE) AS "m1998310ddc53",
  CAST(COUNT(*) FILTER(WHERE
    "f20") AS DOUBLE) AS "m34aaebe90b55",
  CAST(COUNT(*) FILTER(WHERE
    "f21") AS DOUBLE) AS "m1a76ef41445b",
  CAST(SUM("v22") FILTER(WHERE
    "f22") AS DOUBLE) AS "m4eebeb563410",
  CAST(SUM("v23") FILTER(WHERE
    "f23") AS DOUBLE) AS "m80c20999aaeb",
  CAST(SUM("v26") FILTER(WHERE
    "f26") AS DOUBLE) AS "m7cac08664b3c",
  CAST(SUM("v27") FILTER(WHERE
    "f27") AS DOUBLE) AS "m18d190d6877d",
  CAST(SUM("v30") FILTER(WHERE
    "f30") AS DOUBLE) AS "m1fcf95b29a11",
  CAST(SUM("v31") FILTER(WHERE
    "f31") AS DOUBLE) AS "mb3b78293b6b6"
FROM group_rows
WHERE
  NOT "d1" IS NULL
GROUP BY
  "_m",
  "_p",
  "d1";

-- by hr_age_band: 14 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'hr_age_band' AS "dimension",
  CAST("d2" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f11") AS DOUBLE) AS "mb715b23c0407",
  CAST(SUM("v12") FILTER(WHERE
    "f12") AS DOUBLE) AS "m9b9126ef2df3",
  CAST(SUM("v13") FILTER(WHERE
    "f13") AS DOUBLE) AS "meff043f78f7e",
  CAST(COUNT(*) FILTER(WHERE
    "f14") AS DOUBLE) AS "m21521f477b34",
  CAST(COUNT(*) FILTER(WHERE
    "f15") AS DOUBLE) AS "m6c68cfaaad0b",
  CAST(COUNT(*) FILTER(WHERE
    "f16") AS DOUBLE) AS "me5c191261eab",
  CAST(COUNT(*) FILTER(WHERE
    "f20") AS DOUBLE) AS "m34aaebe90b55",
  CAST(COUNT(*) FILTER(WHERE
    "f21") AS DOUBLE) AS "m1a76ef41445b",
  CAST(SUM("v22") FILTER(WHERE
    "f22") AS DOUBLE) AS "m4eebeb563410",
  CAST(SUM("v23") FILTER(WHERE
    "f23") AS DOUBLE) AS "m80c20999aaeb",
  CAST(SUM("v26") FILTER(WHERE
    "f26") AS DOUBLE) AS "m7cac08664b3c",
  CAST(SUM("v27") FILTER(WHERE
    "f27") AS DOUBLE) AS "m18d190d6877d",
  CAST(SUM("v30") FILTER(WHERE
    "f30") AS DOUBLE) AS "m1fcf95b29a11",
  CAST(SUM("v31") FILTER(WHERE
    "f31") AS DOUBLE) AS "mb3b78293b6b6"
FROM group_rows
WHERE
  NOT "d2" IS NULL
GROUP BY
  "_m",
  "_p",
  "d2";

-- by hr_sector: 16 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'hr_sector' AS "dimension",
  CAST("d3" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f11") AS DOUBLE) AS "mb715b23c0407",
  CAST(SUM("v12") FILTER(WHERE
    "f12") AS DOUBLE) AS "m9b9126ef2df3",
  CAST(SUM("v13") FILTER(WHERE
    "f13") AS DOUBLE) AS "meff043f78f7e",
  CAST(COUNT(*) FILTER(WHERE
    "f14") AS DOUBLE) AS "m21521f477b34",
  CAST(COUNT(*) FILTER(WHERE
    "f15") AS DOUBLE) AS "m6c68cfaaad0b",
  CAST(COUNT(*) FILTER(WHERE
    "f16") AS DOUBLE) AS "me5c191261eab",
  CAST(SUM("v17") FILTER(WHERE
    "f17") AS DOUBLE) AS "mce4fc0178854",
  CAST(COUNT(*) FILTER(WHERE
    "f18") AS DOUBLE) AS "mddcdc1118f47",
  CAST(COUNT(*) FILTER(WHERE
    "f19") AS DOUBLE) AS "m1998310ddc53",
  CAST(COUNT(*) FILTER(WHERE
    "f20") AS DOUBLE) AS "m34aaebe90b55",
  CAST(COUNT(*) FILTER(WHERE
    "f21") AS DOUBLE) AS "m1a76ef41445b",
  CAST(SUM("v22") FILTER(WHERE
    "f22") AS DOUBLE) AS "m4eebeb563410",
  CAST(SUM("v23") FILTER(WHERE
    "f23") AS DOUBLE) AS "m80c20999aaeb",
  CAST(SUM("v28") FILTER(WHERE
    "f28") AS DOUBLE) AS "mdc289eeec344",
  CAST(SUM("v30") FILTER(WHERE
    "f30") AS DOUBLE) AS "m1fcf95b29a11",
  CAST(SUM("v31") FILTER(WHERE
    "f31") AS DOUBLE) AS "mb3b78293b6b6"
FROM group_rows
WHERE
  NOT "d3" IS NULL
GROUP BY
  "_m",
  "_p",
  "d3";

-- by hr_employment_type: 2 measures
SELECT
  "_m" AS "municipality",
  "_p" AS "period",
  'hr_employment_type' AS "dimension",
  CAST("d4" AS TEXT) AS "category",
  CAST(COUNT(*) FILTER(WHERE
    "f11") AS DOUBLE) AS "mb715b23c0407",
  CAST(SUM("v12") FILTER(WHERE
    "f12") AS DOUBLE) AS "m9b9126ef2df3"
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
  "employee_id",
  "birth_year",
  "sex",
  "workplace_id",
  "function",
  "job_category",
  "employment_form",
  "fte",
  "employed_from",
  "active_days",
  "sick_days",
  "injury_days",
  "child_sick_days",
  "salary"
FROM (
  SELECT
    b.*
  FROM current.hr_employees AS b
) AS rel
WHERE
  "_municipality" = 101 AND "_period" = CAST('2024-06-01' AS DATE)
ORDER BY
  "_delivery",
  "_line";
