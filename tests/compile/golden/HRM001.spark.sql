-- HRM001: Employments paid in the month
-- Numerator: number of rows in hr.employees, attributed to _municipality. Computed per month; unit: employments.

-- numerator: number of rows in hr.employees, attributed to _municipality
-- measure column: mb715b23c0407 (one scan computes 40 measures of hr.employees)
CREATE OR REPLACE TEMP TABLE group_totals AS
SELECT
  `_m`,
  `p0`,
  `d2`,
  `f10`,
  `f12`,
  `f13`,
  `f14`,
  `f15`,
  `f17`,
  `f18`,
  `f9`,
  `i0`,
  `i1`,
  `i2`,
  `i3`,
  SUM(`v0`) AS `t0`,
  SUM(`v1`) AS `t1`,
  SUM(`v2`) AS `t2`,
  COUNT(*) AS `t3`,
  SUM(`v3`) AS `t4`,
  SUM(`v4`) AS `t5`,
  SUM(`v5`) AS `t6`,
  SUM(`v6`) AS `t7`,
  SUM(`v7`) AS `t8`
FROM (
  SELECT
    CAST(`_municipality` AS SMALLINT) AS `_m`,
    `_period` AS `p0`,
    CASE WHEN CAST(sex AS STRING) IN ('1', '2') THEN CAST(sex AS STRING) END AS `d0`,
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
      END AS STRING) IN (
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
      END AS STRING)
    END AS `d1`,
    CASE
      WHEN YEAR(_period) - birth_year <= 29
      THEN 'under_30'
      WHEN YEAR(_period) - birth_year >= 30 AND YEAR(_period) - birth_year <= 49
      THEN '30-49'
      WHEN YEAR(_period) - birth_year >= 50 AND YEAR(_period) - birth_year <= 59
      THEN '50-59'
      WHEN YEAR(_period) - birth_year >= 60
      THEN '60+'
    END AS `d2`,
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
      END AS STRING) IN (
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
      END AS STRING)
    END AS `d3`,
    CASE
      WHEN CAST(CASE
        WHEN employment_form IN ('civil_servant', 'agreement')
        THEN 'monthly_paid'
        WHEN employment_form IN ('hourly', 'trainee')
        THEN 'hourly_trainee'
      END AS STRING) IN ('monthly_paid', 'hourly_trainee')
      THEN CAST(CASE
        WHEN employment_form IN ('civil_servant', 'agreement')
        THEN 'monthly_paid'
        WHEN employment_form IN ('hourly', 'trainee')
        THEN 'hourly_trainee'
      END AS STRING)
    END AS `d4`,
    COALESCE(job_category = 'social_worker' AND function = '6.45.51', FALSE) AS `f0`,
    fte AS `v0`,
    COALESCE(
      function IN ('5.25.11', '5.25.12', '5.25.13', '5.25.14')
      AND job_category IN ('pedagogue', 'pedagogical_assistant', 'childminder'),
      FALSE
    ) AS `f1`,
    COALESCE(
      function IN ('5.25.11', '5.25.12', '5.25.13', '5.25.14')
      AND job_category IN ('pedagogue', 'pedagogical_assistant', 'childminder', 'manager'),
      FALSE
    ) AS `f2`,
    sick_days + COALESCE(injury_days, 0) AS `v1`,
    active_days AS `v2`,
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
    ) AS `f3`,
    COALESCE(function = '5.30.26', FALSE) AS `f4`,
    COALESCE(function IN ('5.30.26', '5.30.27', '5.30.31'), FALSE) AS `f5`,
    COALESCE(function IN ('6.45.53', '5.68.90'), FALSE) AS `f6`,
    COALESCE(function IN ('4.62.82', '4.62.85', '4.62.86', '4.62.88', '4.62.90'), FALSE) AS `f7`,
    COALESCE(TRUE, FALSE) AS `f8`,
    COALESCE(NOT fte IS NULL, FALSE) AS `f9`,
    COALESCE(fte >= 1, FALSE) AS `f10`,
    COALESCE(sex = 2, FALSE) AS `f11`,
    COALESCE(NOT YEAR(_period) - birth_year IS NULL, FALSE) AS `f12`,
    YEAR(_period) - birth_year AS `v3`,
    COALESCE(YEAR(_period) - birth_year >= 60, FALSE) AS `f13`,
    COALESCE(NOT employed_from IS NULL AND DATEDIFF(DAY, employed_from, _period) < 365, FALSE) AS `f14`,
    COALESCE(NOT employed_from IS NULL, FALSE) AS `f15`,
    COALESCE(job_category = 'teacher' AND function = '3.22.01', FALSE) AS `f16`,
    COALESCE(active_days > 0 AND sick_days >= active_days, FALSE) AS `f17`,
    sick_days AS `v4`,
    COALESCE(injury_days, 0) AS `v5`,
    COALESCE(child_sick_days, 0) AS `v6`,
    COALESCE(NOT salary IS NULL, FALSE) AS `f18`,
    salary AS `v7`,
    COALESCE(fte >= 1 AND NOT salary IS NULL, FALSE) AS `f19`,
    COALESCE(
      function IN ('5.25.10', '5.25.11', '5.25.12', '5.25.13', '5.25.14', '5.25.17')
      AND job_category IN ('pedagogue', 'pedagogical_assistant', 'childminder', 'manager'),
      FALSE
    ) AS `f20`,
    COALESCE(function IN ('5.30.26', '5.30.27', '5.30.28', '5.30.30', '5.30.31'), FALSE) AS `f21`,
    COALESCE(
      function = '3.22.01'
      AND job_category = 'teacher'
      AND employment_form IN ('civil_servant', 'agreement'),
      FALSE
    ) AS `f22`,
    COALESCE(function IN ('3.22.01', '3.22.08') AND job_category = 'teacher', FALSE) AS `f23`,
    `employment_form` AS `i0`,
    `function` AS `i1`,
    `job_category` AS `i2`,
    `sex` AS `i3`
  FROM (
    SELECT
      b.*
    FROM current_hr_employees AS b
  ) AS rel
  WHERE
    `_municipality` IN (101, 147, 151)
) AS projected
GROUP BY
  `_m`,
  `p0`,
  `d2`,
  `f10`,
  `f12`,
  `f13`,
  `f14`,
  `f15`,
  `f17`,
  `f18`,
  `f9`,
  `i0`,
  `i1`,
  `i2`,
  `i3`;

CREATE OR REPLACE TEMP TABLE group_weights_0 AS
SELECT
  `_m`,
  `p0`,
  `d0`,
  CASE WHEN `f19` THEN CAST(`v7` AS DOUBLE) END AS `v7`,
  COUNT(`v7`) FILTER(WHERE
    `f19`) AS `wt0`
FROM (
  SELECT
    CAST(`_municipality` AS SMALLINT) AS `_m`,
    `_period` AS `p0`,
    CASE WHEN CAST(sex AS STRING) IN ('1', '2') THEN CAST(sex AS STRING) END AS `d0`,
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
      END AS STRING) IN (
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
      END AS STRING)
    END AS `d1`,
    CASE
      WHEN YEAR(_period) - birth_year <= 29
      THEN 'under_30'
      WHEN YEAR(_period) - birth_year >= 30 AND YEAR(_period) - birth_year <= 49
      THEN '30-49'
      WHEN YEAR(_period) - birth_year >= 50 AND YEAR(_period) - birth_year <= 59
      THEN '50-59'
      WHEN YEAR(_period) - birth_year >= 60
      THEN '60+'
    END AS `d2`,
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
      END AS STRING) IN (
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
      END AS STRING)
    END AS `d3`,
    CASE
      WHEN CAST(CASE
        WHEN employment_form IN ('civil_servant', 'agreement')
        THEN 'monthly_paid'
        WHEN employment_form IN ('hourly', 'trainee')
        THEN 'hourly_trainee'
      END AS STRING) IN ('monthly_paid', 'hourly_trainee')
      THEN CAST(CASE
        WHEN employment_form IN ('civil_servant', 'agreement')
        THEN 'monthly_paid'
        WHEN employment_form IN ('hourly', 'trainee')
        THEN 'hourly_trainee'
      END AS STRING)
    END AS `d4`,
    COALESCE(job_category = 'social_worker' AND function = '6.45.51', FALSE) AS `f0`,
    fte AS `v0`,
    COALESCE(
      function IN ('5.25.11', '5.25.12', '5.25.13', '5.25.14')
      AND job_category IN ('pedagogue', 'pedagogical_assistant', 'childminder'),
      FALSE
    ) AS `f1`,
    COALESCE(
      function IN ('5.25.11', '5.25.12', '5.25.13', '5.25.14')
      AND job_category IN ('pedagogue', 'pedagogical_assistant', 'childminder', 'manager'),
      FALSE
    ) AS `f2`,
    sick_days + COALESCE(injury_days, 0) AS `v1`,
    active_days AS `v2`,
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
    ) AS `f3`,
    COALESCE(function = '5.30.26', FALSE) AS `f4`,
    COALESCE(function IN ('5.30.26', '5.30.27', '5.30.31'), FALSE) AS `f5`,
    COALESCE(function IN ('6.45.53', '5.68.90'), FALSE) AS `f6`,
    COALESCE(function IN ('4.62.82', '4.62.85', '4.62.86', '4.62.88', '4.62.90'), FALSE) AS `f7`,
    COALESCE(TRUE, FALSE) AS `f8`,
    COALESCE(NOT fte IS NULL, FALSE) AS `f9`,
    COALESCE(fte >= 1, FALSE) AS `f10`,
    COALESCE(sex = 2, FALSE) AS `f11`,
    COALESCE(NOT YEAR(_period) - birth_year IS NULL, FALSE) AS `f12`,
    YEAR(_period) - birth_year AS `v3`,
    COALESCE(YEAR(_period) - birth_year >= 60, FALSE) AS `f13`,
    COALESCE(NOT employed_from IS NULL AND DATEDIFF(DAY, employed_from, _period) < 365, FALSE) AS `f14`,
    COALESCE(NOT employed_from IS NULL, FALSE) AS `f15`,
    COALESCE(job_category = 'teacher' AND function = '3.22.01', FALSE) AS `f16`,
    COALESCE(active_days > 0 AND sick_days >= active_days, FALSE) AS `f17`,
    sick_days AS `v4`,
    COALESCE(injury_days, 0) AS `v5`,
    COALESCE(child_sick_days, 0) AS `v6`,
    COALESCE(NOT salary IS NULL, FALSE) AS `f18`,
    salary AS `v7`,
    COALESCE(fte >= 1 AND NOT salary IS NULL, FALSE) AS `f19`,
    COALESCE(
      function IN ('5.25.10', '5.25.11', '5.25.12', '5.25.13', '5.25.14', '5.25.17')
      AND job_category IN ('pedagogue', 'pedagogical_assistant', 'childminder', 'manager'),
      FALSE
    ) AS `f20`,
    COALESCE(function IN ('5.30.26', '5.30.27', '5.30.28', '5.30.30', '5.30.31'), FALSE) AS `f21`,
    COALESCE(
      function = '3.22.01'
      AND job_category = 'teacher'
      AND employment_form IN ('civil_servant', 'agreement'),
      FALSE
    ) AS `f22`,
    COALESCE(function IN ('3.22.01', '3.22.08') AND job_category = 'teacher', FALSE) AS `f23`,
    `employment_form` AS `i0`,
    `function` AS `i1`,
    `job_category` AS `i2`,
    `sex` AS `i3`
  FROM (
    SELECT
      b.*
    FROM current_hr_employees AS b
  ) AS rel
  WHERE
    `_municipality` IN (101, 147, 151)
) AS projected
GROUP BY
  `_m`,
  `p0`,
  `d0`,
  CASE WHEN `f19` THEN CAST(`v7` AS DOUBLE) END;

-- total: 38 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  '' AS `dimension`,
  '' AS `category`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(`i2` = 'social_worker' AND `i1` = '6.45.51', FALSE)) AS DOUBLE) AS `md4d22993320a`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(
      `i1` IN ('5.25.11', '5.25.12', '5.25.13', '5.25.14')
      AND `i2` IN ('pedagogue', 'pedagogical_assistant', 'childminder'),
      FALSE
    )) AS DOUBLE) AS `m9a719100646e`,
  CAST(SUM(`t1`) FILTER(WHERE
    COALESCE(
      `i1` IN ('5.25.11', '5.25.12', '5.25.13', '5.25.14')
      AND `i2` IN ('pedagogue', 'pedagogical_assistant', 'childminder', 'manager'),
      FALSE
    )) AS DOUBLE) AS `mc14cab0016f6`,
  CAST(SUM(`t2`) FILTER(WHERE
    COALESCE(
      `i1` IN ('5.25.11', '5.25.12', '5.25.13', '5.25.14')
      AND `i2` IN ('pedagogue', 'pedagogical_assistant', 'childminder', 'manager'),
      FALSE
    )) AS DOUBLE) AS `mac2427847968`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(
      `i1` IN (
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
    )) AS DOUBLE) AS `m418d4a387368`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(`i1` = '5.30.26', FALSE)) AS DOUBLE) AS `m87a000c9813c`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(`i1` IN ('5.30.26', '5.30.27', '5.30.31'), FALSE)) AS DOUBLE) AS `m91eccbc14e9a`,
  CAST(SUM(`t1`) FILTER(WHERE
    COALESCE(`i1` IN ('5.30.26', '5.30.27', '5.30.31'), FALSE)) AS DOUBLE) AS `m5b28dd3d15aa`,
  CAST(SUM(`t2`) FILTER(WHERE
    COALESCE(`i1` IN ('5.30.26', '5.30.27', '5.30.31'), FALSE)) AS DOUBLE) AS `m41ff83f8e203`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(`i1` IN ('6.45.53', '5.68.90'), FALSE)) AS DOUBLE) AS `m9debfcc29451`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(`i1` IN ('4.62.82', '4.62.85', '4.62.86', '4.62.88', '4.62.90'), FALSE)) AS DOUBLE) AS `m6f522b6e6813`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS `mb715b23c0407`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS `m9b9126ef2df3`,
  CAST(SUM(`t0`) FILTER(WHERE
    `f9`) AS DOUBLE) AS `meff043f78f7e`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    `f9`), 0) AS DOUBLE) AS `m21521f477b34`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    `f10`), 0) AS DOUBLE) AS `m6c68cfaaad0b`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    COALESCE(`i3` = 2, FALSE)), 0) AS DOUBLE) AS `me5c191261eab`,
  CAST(SUM(`t4`) FILTER(WHERE
    `f12`) AS DOUBLE) AS `mce4fc0178854`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    `f12`), 0) AS DOUBLE) AS `mddcdc1118f47`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    `f13`), 0) AS DOUBLE) AS `m1998310ddc53`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    `f14`), 0) AS DOUBLE) AS `m34aaebe90b55`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    `f15`), 0) AS DOUBLE) AS `m1a76ef41445b`,
  CAST(SUM(`t1`) FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS `m4eebeb563410`,
  CAST(SUM(`t2`) FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS `m80c20999aaeb`,
  CAST(SUM(`t1`) FILTER(WHERE
    COALESCE(`i2` = 'teacher' AND `i1` = '3.22.01', FALSE)) AS DOUBLE) AS `m40c8454a4b68`,
  CAST(SUM(`t2`) FILTER(WHERE
    COALESCE(`i2` = 'teacher' AND `i1` = '3.22.01', FALSE)) AS DOUBLE) AS `mdacac4df805c`,
  CAST(SUM(`t5`) FILTER(WHERE
    `f17`) AS DOUBLE) AS `m7cac08664b3c`,
  CAST(SUM(`t5`) FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS `m18d190d6877d`,
  CAST(SUM(`t6`) FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS `mdc289eeec344`,
  CAST(SUM(`t7`) FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS `m55de6a3c070d`,
  CAST(SUM(`t8`) FILTER(WHERE
    `f18`) AS DOUBLE) AS `m1fcf95b29a11`,
  CAST(SUM(`t0`) FILTER(WHERE
    `f18`) AS DOUBLE) AS `mb3b78293b6b6`,
  CAST(SUM(`t8`) FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS `m879d3aa0daa2`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(`i2` = 'teacher' AND `i1` = '3.22.01', FALSE)) AS DOUBLE) AS `m1de3627e1d97`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(
      `i1` IN ('5.25.10', '5.25.11', '5.25.12', '5.25.13', '5.25.14', '5.25.17')
      AND `i2` IN ('pedagogue', 'pedagogical_assistant', 'childminder', 'manager'),
      FALSE
    )) AS DOUBLE) AS `m9efef5fc2d6d`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(`i1` IN ('5.30.26', '5.30.27', '5.30.28', '5.30.30', '5.30.31'), FALSE)) AS DOUBLE) AS `m665982095bcc`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(
      `i1` = '3.22.01' AND `i2` = 'teacher' AND `i0` IN ('civil_servant', 'agreement'),
      FALSE
    )) AS DOUBLE) AS `mdd1527962059`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(`i1` IN ('3.22.01', '3.22.08') AND `i2` = 'teacher', FALSE)) AS DOUBLE) AS `mce10755181cc`
FROM group_totals
GROUP BY
  `_m`,
  `p0`;

-- total: 2 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  '' AS `dimension`,
  '' AS `category`,
  CAST(`lo32` + (
    `h32` - FLOOR(`h32`)
  ) * (
    `hi32` - `lo32`
  ) AS DOUBLE) AS `m5335f27178a3`,
  CAST(`lo33` + (
    `h33` - FLOOR(`h33`)
  ) * (
    `hi33` - `lo33`
  ) AS DOUBLE) AS `mec9840ef6c05`
FROM (
  SELECT
    `_m`,
    `p0`,
    MIN(`v7`) FILTER(WHERE
      `w32` > 0 AND `r32` > FLOOR(CAST((
        `n32` - 1
      ) AS DOUBLE) * 0.5)) AS `lo32`,
    MIN(`v7`) FILTER(WHERE
      `w32` > 0 AND `r32` > CEIL(CAST((
        `n32` - 1
      ) AS DOUBLE) * 0.5)) AS `hi32`,
    MAX(CAST((
      `n32` - 1
    ) AS DOUBLE) * 0.5) AS `h32`,
    MIN(`v7`) FILTER(WHERE
      `w33` > 0 AND `r33` > FLOOR(CAST((
        `n33` - 1
      ) AS DOUBLE) * 0.9)) AS `lo33`,
    MIN(`v7`) FILTER(WHERE
      `w33` > 0 AND `r33` > CEIL(CAST((
        `n33` - 1
      ) AS DOUBLE) * 0.9)) AS `hi33`,
    MAX(CAST((
      `n33` - 1
    ) AS DOUBLE) * 0.9) AS `h33`
  FROM (
    SELECT
      `_m`,
      `p0`,
      `v7`,
      `w32`,
      SUM(`w32`) OVER (
        PARTITION BY `_m`, `p0`
        ORDER BY `v7`
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      ) AS `r32`,
      SUM(`w32`) OVER (PARTITION BY `_m`, `p0`) AS `n32`,
      `w33`,
      SUM(`w33`) OVER (
        PARTITION BY `_m`, `p0`
        ORDER BY `v7`
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      ) AS `r33`,
      SUM(`w33`) OVER (PARTITION BY `_m`, `p0`) AS `n33`
    FROM (
      SELECT
        `_m`,
        `p0`,
        `v7`,
        SUM(`wt0`) AS `w32`,
        SUM(`wt0`) AS `w33`
      FROM group_weights_0
      GROUP BY
        `_m`,
        `p0`,
        `v7`
    ) AS weighed
  ) AS running
  GROUP BY
    `_m`,
    `p0`
) AS picked;

-- by sex: 22 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  'sex' AS `dimension`,
  CAST(CASE WHEN CAST(`i3` AS STRING) IN ('1', '2') THEN CAST(`i3` AS STRING) END AS STRING) AS `category`,
  CAST(SUM(`t1`) FILTER(WHERE
    COALESCE(
      `i1` IN ('5.25.11', '5.25.12', '5.25.13', '5.25.14')
      AND `i2` IN ('pedagogue', 'pedagogical_assistant', 'childminder', 'manager'),
      FALSE
    )) AS DOUBLE) AS `mc14cab0016f6`,
  CAST(SUM(`t2`) FILTER(WHERE
    COALESCE(
      `i1` IN ('5.25.11', '5.25.12', '5.25.13', '5.25.14')
      AND `i2` IN ('pedagogue', 'pedagogical_assistant', 'childminder', 'manager'),
      FALSE
    )) AS DOUBLE) AS `mac2427847968`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS `mb715b23c0407`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS `m9b9126ef2df3`,
  CAST(SUM(`t0`) FILTER(WHERE
    `f9`) AS DOUBLE) AS `meff043f78f7e`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    `f9`), 0) AS DOUBLE) AS `m21521f477b34`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    `f10`), 0) AS DOUBLE) AS `m6c68cfaaad0b`,
  CAST(SUM(`t4`) FILTER(WHERE
    `f12`) AS DOUBLE) AS `mce4fc0178854`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    `f12`), 0) AS DOUBLE) AS `mddcdc1118f47`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    `f13`), 0) AS DOUBLE) AS `m1998310ddc53`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    `f14`), 0) AS DOUBLE) AS `m34aaebe90b55`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    `f15`), 0) AS DOUBLE) AS `m1a76ef41445b`,
  CAST(SUM(`t1`) FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS `m4eebeb563410`,
  CAST(SUM(`t2`) FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS `m80c20999aaeb`,
  CAST(SUM(`t1`) FILTER(WHERE
    COALESCE(`i2` = 'teacher' AND `i1` = '3.22.01', FALSE)) AS DOUBLE) AS `m40c8454a4b68`,
  CAST(SUM(`t2`) FILTER(WHERE
    COALESCE(`i2` = 'teacher' AND `i1` = '3.22.01', FALSE)) AS DOUBLE) AS `mdacac4df805c`,
  CAST(SUM(`t5`) FILTER(WHERE
    `f17`) AS DOUBLE) AS `m7cac08664b3c`,
  CAST(SUM(`t5`) FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS `m18d190d6877d`,
  CAST(SUM(`t6`) FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS `mdc289eeec344`,
  CAST(SUM(`t7`) FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS `m55de6a3c070d`,
  CAST(SUM(`t8`) FILTER(WHERE
    `f18`) AS DOUBLE) AS `m1fcf95b29a11`,
  CAST(SUM(`t0`) FILTER(WHERE
    `f18`) AS DOUBLE) AS `mb3b78293b6b6`
FROM group_totals
WHERE
  NOT CASE WHEN CAST(`i3` AS STRING) IN ('1', '2') THEN CAST(`i3` AS STRING) END IS NULL
GROUP BY
  `_m`,
  `p0`,
  CASE WHEN CAST(`i3` AS STRING) IN ('1', '2') THEN CAST(`i3` AS STRING) END;

-- by sex: 2 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  'sex' AS `dimension`,
  CAST(`d0` AS STRING) AS `category`,
  CAST(`lo32` + (
    `h32` - FLOOR(`h32`)
  ) * (
    `hi32` - `lo32`
  ) AS DOUBLE) AS `m5335f27178a3`,
  CAST(`lo33` + (
    `h33` - FLOOR(`h33`)
  ) * (
    `hi33` - `lo33`
  ) AS DOUBLE) AS `mec9840ef6c05`
FROM (
  SELECT
    `_m`,
    `p0`,
    `d0`,
    MIN(`v7`) FILTER(WHERE
      `w32` > 0 AND `r32` > FLOOR(CAST((
        `n32` - 1
      ) AS DOUBLE) * 0.5)) AS `lo32`,
    MIN(`v7`) FILTER(WHERE
      `w32` > 0 AND `r32` > CEIL(CAST((
        `n32` - 1
      ) AS DOUBLE) * 0.5)) AS `hi32`,
    MAX(CAST((
      `n32` - 1
    ) AS DOUBLE) * 0.5) AS `h32`,
    MIN(`v7`) FILTER(WHERE
      `w33` > 0 AND `r33` > FLOOR(CAST((
        `n33` - 1
      ) AS DOUBLE) * 0.9)) AS `lo33`,
    MIN(`v7`) FILTER(WHERE
      `w33` > 0 AND `r33` > CEIL(CAST((
        `n33` - 1
      ) AS DOUBLE) * 0.9)) AS `hi33`,
    MAX(CAST((
      `n33` - 1
    ) AS DOUBLE) * 0.9) AS `h33`
  FROM (
    SELECT
      `_m`,
      `p0`,
      `d0`,
      `v7`,
      `w32`,
      SUM(`w32`) OVER (
        PARTITION BY `_m`, `p0`, `d0`
        ORDER BY `v7`
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      ) AS `r32`,
      SUM(`w32`) OVER (PARTITION BY `_m`, `p0`, `d0`) AS `n32`,
      `w33`,
      SUM(`w33`) OVER (
        PARTITION BY `_m`, `p0`, `d0`
        ORDER BY `v7`
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      ) AS `r33`,
      SUM(`w33`) OVER (PARTITION BY `_m`, `p0`, `d0`) AS `n33`
    FROM (
      SELECT
        `_m`,
        `p0`,
        `d0`,
        `v7`,
        SUM(`wt0`) AS `w32`,
        SUM(`wt0`) AS `w33`
      FROM group_weights_0
      WHERE
        NOT `d0` IS NULL
      GROUP BY
        `_m`,
        `p0`,
        `d0`,
        `v7`
    ) AS weighed
  ) AS running
  GROUP BY
    `_m`,
    `p0`,
    `d0`
) AS picked;

-- by hr_staff_group: 17 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  'hr_staff_group' AS `dimension`,
  CAST(CASE
    WHEN CAST(CASE
      WHEN `i2` = 'teacher'
      THEN 'teaching'
      WHEN `i2` IN ('pedagogue', 'pedagogical_assistant', 'childminder')
      THEN 'pedagogical'
      WHEN `i2` IN ('health_helper', 'health_assistant')
      THEN 'care'
      WHEN `i2` IN ('nurse', 'therapist', 'dental')
      THEN 'health'
      WHEN `i2` IN ('social_worker', 'social_educator')
      THEN 'social'
      WHEN `i2` IN ('administrative', 'academic')
      THEN 'administrative'
      WHEN `i2` = 'manager'
      THEN 'management'
      WHEN `i2` = 'service'
      THEN 'service'
    END AS STRING) IN (
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
      WHEN `i2` = 'teacher'
      THEN 'teaching'
      WHEN `i2` IN ('pedagogue', 'pedagogical_assistant', 'childminder')
      THEN 'pedagogical'
      WHEN `i2` IN ('health_helper', 'health_assistant')
      THEN 'care'
      WHEN `i2` IN ('nurse', 'therapist', 'dental')
      THEN 'health'
      WHEN `i2` IN ('social_worker', 'social_educator')
      THEN 'social'
      WHEN `i2` IN ('administrative', 'academic')
      THEN 'administrative'
      WHEN `i2` = 'manager'
      THEN 'management'
      WHEN `i2` = 'service'
      THEN 'service'
    END AS STRING)
  END AS STRING) AS `category`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS `mb715b23c0407`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS `m9b9126ef2df3`,
  CAST(SUM(`t0`) FILTER(WHERE
    `f9`) AS DOUBLE) AS `meff043f78f7e`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    `f9`), 0) AS DOUBLE) AS `m21521f477b34`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    `f10`), 0) AS DOUBLE) AS `m6c68cfaaad0b`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    COALESCE(`i3` = 2, FALSE)), 0) AS DOUBLE) AS `me5c191261eab`,
  CAST(SUM(`t4`) FILTER(WHERE
    `f12`) AS DOUBLE) AS `mce4fc0178854`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    `f12`), 0) AS DOUBLE) AS `mddcdc1118f47`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    `f13`), 0) AS DOUBLE) AS `m1998310ddc53`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    `f14`), 0) AS DOUBLE) AS `m34aaebe90b55`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    `f15`), 0) AS DOUBLE) AS `m1a76ef41445b`,
  CAST(SUM(`t1`) FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS `m4eebeb563410`,
  CAST(SUM(`t2`) FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS `m80c20999aaeb`,
  CAST(SUM(`t5`) FILTER(WHERE
    `f17`) AS DOUBLE) AS `m7cac08664b3c`,
  CAST(SUM(`t5`) FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS `m18d190d6877d`,
  CAST(SUM(`t8`) FILTER(WHERE
    `f18`) AS DOUBLE) AS `m1fcf95b29a11`,
  CAST(SUM(`t0`) FILTER(WHERE
    `f18`) AS DOUBLE) AS `mb3b78293b6b6`
FROM group_totals
WHERE
  NOT CASE
    WHEN CAST(CASE
      WHEN `i2` = 'teacher'
      THEN 'teaching'
      WHEN `i2` IN ('pedagogue', 'pedagogical_assistant', 'childminder')
      THEN 'pedagogical'
      WHEN `i2` IN ('health_helper', 'health_assistant')
      THEN 'care'
      WHEN `i2` IN ('nurse', 'therapist', 'dental')
      THEN 'health'
      WHEN `i2` IN ('social_worker', 'social_educator')
      THEN 'social'
      WHEN `i2` IN ('administrative', 'academic')
      THEN 'administrative'
      WHEN `i2` = 'manager'
      THEN 'management'
      WHEN `i2` = 'service'
      THEN 'service'
    END AS STRING) IN (
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
      WHEN `i2` = 'teacher'
      THEN 'teaching'
      WHEN `i2` IN ('pedagogue', 'pedagogical_assistant', 'childminder')
      THEN 'pedagogical'
      WHEN `i2` IN ('health_helper', 'health_assistant')
      THEN 'care'
      WHEN `i2` IN ('nurse', 'therapist', 'dental')
      THEN 'health'
      WHEN `i2` IN ('social_worker', 'social_educator')
      THEN 'social'
      WHEN `i2` IN ('administrative', 'academic')
      THEN 'administrative'
      WHEN `i2` = 'manager'
      THEN 'management'
      WHEN `i2` = 'service'
      THEN 'service'
    END AS STRING)
  END IS NULL
GROUP BY
  `_m`,
  `p0`,
  CASE
    WHEN CAST(CASE
      WHEN `i2` = 'teacher'
      THEN 'teaching'
      WHEN `i2` IN ('pedagogue', 'pedagogical_assistant', 'childminder')
      THEN 'pedagogical'
      WHEN `i2` IN ('health_helper', 'health_assistant')
      THEN 'care'
      WHEN `i2` IN ('nurse', 'therapist', 'dental')
      THEN 'health'
      WHEN `i2` IN ('social_worker', 'social_educator')
      THEN 'social'
      WHEN `i2` IN ('administrative', 'academic')
      THEN 'administrative'
      WHEN `i2` = 'manager'
      THEN 'management'
      WHEN `i2` = 'service'
      THEN 'service'
    END AS STRING) IN (
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
      WHEN `i2` = 'teacher'
      THEN 'teaching'
      WHEN `i2` IN ('pedagogue', 'pedagogical_assistant', 'childminder')
      THEN 'pedagogical'
      WHEN `i2` IN ('health_helper', 'health_assistant')
      THEN 'care'
      WHEN `i2` IN ('nurse', 'therapist', 'dental')
      THEN 'health'
      WHEN `i2` IN ('social_worker', 'social_educator')
      THEN 'social'
      WHEN `i2` IN ('administrative', 'academic')
      THEN 'administrative'
      WHEN `i2` = 'manager'
      THEN 'management'
      WHEN `i2` = 'service'
      THEN 'service'
    END AS STRING)
  END;

-- by hr_age_band: 14 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  'hr_age_band' AS `dimension`,
  CAST(`d2` AS STRING) AS `category`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS `mb715b23c0407`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS `m9b9126ef2df3`,
  CAST(SUM(`t0`) FILTER(WHERE
    `f9`) AS DOUBLE) AS `meff043f78f7e`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    `f9`), 0) AS DOUBLE) AS `m21521f477b34`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    `f10`), 0) AS DOUBLE) AS `m6c68cfaaad0b`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    COALESCE(`i3` = 2, FALSE)), 0) AS DOUBLE) AS `me5c191261eab`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    `f14`), 0) AS DOUBLE) AS `m34aaebe90b55`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    `f15`), 0) AS DOUBLE) AS `m1a76ef41445b`,
  CAST(SUM(`t1`) FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS `m4eebeb563410`,
  CAST(SUM(`t2`) FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS `m80c20999aaeb`,
  CAST(SUM(`t5`) FILTER(WHERE
    `f17`) AS DOUBLE) AS `m7cac08664b3c`,
  CAST(SUM(`t5`) FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS `m18d190d6877d`,
  CAST(SUM(`t8`) FILTER(WHERE
    `f18`) AS DOUBLE) AS `m1fcf95b29a11`,
  CAST(SUM(`t0`) FILTER(WHERE
    `f18`) AS DOUBLE) AS `mb3b78293b6b6`
FROM group_totals
WHERE
  NOT `d2` IS NULL
GROUP BY
  `_m`,
  `p0`,
  `d2`;

-- by hr_sector: 16 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  'hr_sector' AS `dimension`,
  CAST(CASE
    WHEN CAST(CASE
      WHEN `i1` IN ('3.22.01', '3.22.02', '3.22.05', '3.22.08', '3.22.10', '3.22.14', '3.38.76')
      THEN 'schools'
      WHEN `i1` IN ('5.25.10', '5.25.11', '5.25.12', '5.25.13', '5.25.14', '5.25.17')
      THEN 'daycare'
      WHEN `i1` IN ('5.30.26', '5.30.27', '5.30.28', '5.30.30', '5.30.31')
      THEN 'elderly'
      WHEN `i1` IN (
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
      WHEN `i1` IN ('4.62.81', '4.62.82', '4.62.84', '4.62.85', '4.62.86', '4.62.88', '4.62.90')
      THEN 'health'
      WHEN `i1` IN ('6.42.41', '6.45.50', '6.45.51', '6.45.53', '6.52.72', '5.68.90', '5.68.98')
      THEN 'administration'
      WHEN `i1` IN (
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
    END AS STRING) IN (
      'schools',
      'daycare',
      'elderly',
      'social',
      'health',
      'administration',
      'technical_culture'
    )
    THEN CAST(CASE
      WHEN `i1` IN ('3.22.01', '3.22.02', '3.22.05', '3.22.08', '3.22.10', '3.22.14', '3.38.76')
      THEN 'schools'
      WHEN `i1` IN ('5.25.10', '5.25.11', '5.25.12', '5.25.13', '5.25.14', '5.25.17')
      THEN 'daycare'
      WHEN `i1` IN ('5.30.26', '5.30.27', '5.30.28', '5.30.30', '5.30.31')
      THEN 'elderly'
      WHEN `i1` IN (
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
      WHEN `i1` IN ('4.62.81', '4.62.82', '4.62.84', '4.62.85', '4.62.86', '4.62.88', '4.62.90')
      THEN 'health'
      WHEN `i1` IN ('6.42.41', '6.45.50', '6.45.51', '6.45.53', '6.52.72', '5.68.90', '5.68.98')
      THEN 'administration'
      WHEN `i1` IN (
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
    END AS STRING)
  END AS STRING) AS `category`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS `mb715b23c0407`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS `m9b9126ef2df3`,
  CAST(SUM(`t0`) FILTER(WHERE
    `f9`) AS DOUBLE) AS `meff043f78f7e`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    `f9`), 0) AS DOUBLE) AS `m21521f477b34`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    `f10`), 0) AS DOUBLE) AS `m6c68cfaaad0b`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    COALESCE(`i3` = 2, FALSE)), 0) AS DOUBLE) AS `me5c191261eab`,
  CAST(SUM(`t4`) FILTER(WHERE
    `f12`) AS DOUBLE) AS `mce4fc0178854`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    `f12`), 0) AS DOUBLE) AS `mddcdc1118f47`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    `f13`), 0) AS DOUBLE) AS `m1998310ddc53`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    `f14`), 0) AS DOUBLE) AS `m34aaebe90b55`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    `f15`), 0) AS DOUBLE) AS `m1a76ef41445b`,
  CAST(SUM(`t1`) FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS `m4eebeb563410`,
  CAST(SUM(`t2`) FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS `m80c20999aaeb`,
  CAST(SUM(`t6`) FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS `mdc289eeec344`,
  CAST(SUM(`t8`) FILTER(WHERE
    `f18`) AS DOUBLE) AS `m1fcf95b29a11`,
  CAST(SUM(`t0`) FILTER(WHERE
    `f18`) AS DOUBLE) AS `mb3b78293b6b6`
FROM group_totals
WHERE
  NOT CASE
    WHEN CAST(CASE
      WHEN `i1` IN ('3.22.01', '3.22.02', '3.22.05', '3.22.08', '3.22.10', '3.22.14', '3.38.76')
      THEN 'schools'
      WHEN `i1` IN ('5.25.10', '5.25.11', '5.25.12', '5.25.13', '5.25.14', '5.25.17')
      THEN 'daycare'
      WHEN `i1` IN ('5.30.26', '5.30.27', '5.30.28', '5.30.30', '5.30.31')
      THEN 'elderly'
      WHEN `i1` IN (
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
      WHEN `i1` IN ('4.62.81', '4.62.82', '4.62.84', '4.62.85', '4.62.86', '4.62.88', '4.62.90')
      THEN 'health'
      WHEN `i1` IN ('6.42.41', '6.45.50', '6.45.51', '6.45.53', '6.52.72', '5.68.90', '5.68.98')
      THEN 'administration'
      WHEN `i1` IN (
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
    END AS STRING) IN (
      'schools',
      'daycare',
      'elderly',
      'social',
      'health',
      'administration',
      'technical_culture'
    )
    THEN CAST(CASE
      WHEN `i1` IN ('3.22.01', '3.22.02', '3.22.05', '3.22.08', '3.22.10', '3.22.14', '3.38.76')
      THEN 'schools'
      WHEN `i1` IN ('5.25.10', '5.25.11', '5.25.12', '5.25.13', '5.25.14', '5.25.17')
      THEN 'daycare'
      WHEN `i1` IN ('5.30.26', '5.30.27', '5.30.28', '5.30.30', '5.30.31')
      THEN 'elderly'
      WHEN `i1` IN (
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
      WHEN `i1` IN ('4.62.81', '4.62.82', '4.62.84', '4.62.85', '4.62.86', '4.62.88', '4.62.90')
      THEN 'health'
      WHEN `i1` IN ('6.42.41', '6.45.50', '6.45.51', '6.45.53', '6.52.72', '5.68.90', '5.68.98')
      THEN 'administration'
      WHEN `i1` IN (
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
    END AS STRING)
  END IS NULL
GROUP BY
  `_m`,
  `p0`,
  CASE
    WHEN CAST(CASE
      WHEN `i1` IN ('3.22.01', '3.22.02', '3.22.05', '3.22.08', '3.22.10', '3.22.14', '3.38.76')
      THEN 'schools'
      WHEN `i1` IN ('5.25.10', '5.25.11', '5.25.12', '5.25.13', '5.25.14', '5.25.17')
      THEN 'daycare'
      WHEN `i1` IN ('5.30.26', '5.30.27', '5.30.28', '5.30.30', '5.30.31')
      THEN 'elderly'
      WHEN `i1` IN (
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
      WHEN `i1` IN ('4.62.81', '4.62.82', '4.62.84', '4.62.85', '4.62.86', '4.62.88', '4.62.90')
      THEN 'health'
      WHEN `i1` IN ('6.42.41', '6.45.50', '6.45.51', '6.45.53', '6.52.72', '5.68.90', '5.68.98')
      THEN 'administration'
      WHEN `i1` IN (
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
    END AS STRING) IN (
      'schools',
      'daycare',
      'elderly',
      'social',
      'health',
      'administration',
      'technical_culture'
    )
    THEN CAST(CASE
      WHEN `i1` IN ('3.22.01', '3.22.02', '3.22.05', '3.22.08', '3.22.10', '3.22.14', '3.38.76')
      THEN 'schools'
      WHEN `i1` IN ('5.25.10', '5.25.11', '5.25.12', '5.25.13', '5.25.14', '5.25.17')
      THEN 'daycare'
      WHEN `i1` IN ('5.30.26', '5.30.27', '5.30.28', '5.30.30', '5.30.31')
      THEN 'elderly'
      WHEN `i1` IN (
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
      WHEN `i1` IN ('4.62.81', '4.62.82', '4.62.84', '4.62.85', '4.62.86', '4.62.88', '4.62.90')
      THEN 'health'
      WHEN `i1` IN ('6.42.41', '6.45.50', '6.45.51', '6.45.53', '6.52.72', '5.68.90', '5.68.98')
      THEN 'administration'
      WHEN `i1` IN (
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
    END AS STRING)
  END;

-- by hr_employment_type: 2 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  'hr_employment_type' AS `dimension`,
  CAST(CASE
    WHEN CAST(CASE
      WHEN `i0` IN ('civil_servant', 'agreement')
      THEN 'monthly_paid'
      WHEN `i0` IN ('hourly', 'trainee')
      THEN 'hourly_trainee'
    END AS STRING) IN ('monthly_paid', 'hourly_trainee')
    THEN CAST(CASE
      WHEN `i0` IN ('civil_servant', 'agreement')
      THEN 'monthly_paid'
      WHEN `i0` IN ('hourly', 'trainee')
      THEN 'hourly_trainee'
    END AS STRING)
  END AS STRING) AS `category`,
  CAST(COALESCE(SUM(`t3`) FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS `mb715b23c0407`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(TRUE, FALSE)) AS DOUBLE) AS `m9b9126ef2df3`
FROM group_totals
WHERE
  NOT CASE
    WHEN CAST(CASE
      WHEN `i0` IN ('civil_servant', 'agreement')
      THEN 'monthly_paid'
      WHEN `i0` IN ('hourly', 'trainee')
      THEN 'hourly_trainee'
    END AS STRING) IN ('monthly_paid', 'hourly_trainee')
    THEN CAST(CASE
      WHEN `i0` IN ('civil_servant', 'agreement')
      THEN 'monthly_paid'
      WHEN `i0` IN ('hourly', 'trainee')
      THEN 'hourly_trainee'
    END AS STRING)
  END IS NULL
GROUP BY
  `_m`,
  `p0`,
  CASE
    WHEN CAST(CASE
      WHEN `i0` IN ('civil_servant', 'agreement')
      THEN 'monthly_paid'
      WHEN `i0` IN ('hourly', 'trainee')
      THEN 'hourly_trainee'
    END AS STRING) IN ('monthly_paid', 'hourly_trainee')
    THEN CAST(CASE
      WHEN `i0` IN ('civil_servant', 'agreement')
      THEN 'monthly_paid'
      WHEN `i0` IN ('hourly', 'trainee')
      THEN 'hourly_trainee'
    END AS STRING)
  END;

-- numerator drill-down for municipality 101, 2024-06
SELECT
  `_delivery`,
  `_line`,
  `_municipality`,
  `_period`,
  1 AS `measured`,
  `employee_id`,
  `birth_year`,
  `sex`,
  `workplace_id`,
  `function`,
  `job_category`,
  `employment_form`,
  `fte`,
  `employed_from`,
  `active_days`,
  `sick_days`,
  `injury_days`,
  `child_sick_days`,
  `salary`
FROM (
  SELECT
    b.*
  FROM current_hr_employees AS b
) AS rel
WHERE
  `_municipality` = 101 AND `_period` = CAST('2024-06-01' AS DATE)
ORDER BY
  `_delivery`,
  `_line`;
