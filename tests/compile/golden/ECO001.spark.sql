-- ECO001: Net operating expenditure per resident
-- Numerator: sum of amount in economy.postings where dranst IN (1, 2) AND function NOT IN ('7.55.75', '7.62.80', '7.68.90', '7.68.96'), attributed to _municipality. Denominator: number of rows in citizens.residents, attributed to _municipality. Rolling 12-month value: numerators summed over the last 12 months, denominators averaged. Computed per month; unit: DKK per resident.

-- numerator: sum of amount in economy.postings where dranst IN (1, 2) AND function NOT IN ('7.55.75', '7.62.80', '7.68.90', '7.68.96'), attributed to _municipality
-- measure column: mba58ea282bc3 (one scan computes 33 measures of economy.postings)
CREATE OR REPLACE TEMP TABLE group_totals AS
SELECT
  `_m`,
  `p0`,
  `f6`,
  `f9`,
  `i0`,
  `i1`,
  `i2`,
  SUM(`v0`) AS `t0`,
  SUM(`v1`) AS `t1`
FROM (
  SELECT
    CAST(`_municipality` AS SMALLINT) AS `_m`,
    `_period` AS `p0`,
    CASE
      WHEN CAST(CASE
        WHEN function IN ('0.25.10', '0.25.19', '0.28.20', '0.32.31', '0.52.80')
        THEN 'hk0'
        WHEN function IN ('2.22.01', '2.28.11', '2.28.14', '2.32.31')
        THEN 'hk2'
        WHEN function IN (
          '3.22.01',
          '3.22.02',
          '3.22.05',
          '3.22.08',
          '3.22.10',
          '3.22.14',
          '3.32.50',
          '3.35.64',
          '3.38.76'
        )
        THEN 'hk3'
        WHEN function IN ('4.62.81', '4.62.82', '4.62.84', '4.62.85', '4.62.86', '4.62.88', '4.62.90')
        THEN 'hk4'
        WHEN function IN (
          '5.25.10',
          '5.25.11',
          '5.25.12',
          '5.25.13',
          '5.25.14',
          '5.25.17',
          '5.28.20',
          '5.28.21',
          '5.28.22',
          '5.28.23',
          '5.30.26',
          '5.30.27',
          '5.30.28',
          '5.30.30',
          '5.30.31',
          '5.38.41',
          '5.38.42',
          '5.38.45',
          '5.38.50',
          '5.38.52',
          '5.38.53',
          '5.38.54',
          '5.38.58',
          '5.38.59',
          '5.57.72',
          '5.57.73',
          '5.57.75',
          '5.57.78',
          '5.58.81',
          '5.58.82',
          '5.68.90',
          '5.68.98'
        )
        THEN 'hk5'
        WHEN function IN ('6.42.41', '6.45.50', '6.45.51', '6.45.53', '6.52.72')
        THEN 'hk6'
      END AS STRING) IN ('hk0', 'hk2', 'hk3', 'hk4', 'hk5', 'hk6')
      THEN CAST(CASE
        WHEN function IN ('0.25.10', '0.25.19', '0.28.20', '0.32.31', '0.52.80')
        THEN 'hk0'
        WHEN function IN ('2.22.01', '2.28.11', '2.28.14', '2.32.31')
        THEN 'hk2'
        WHEN function IN (
          '3.22.01',
          '3.22.02',
          '3.22.05',
          '3.22.08',
          '3.22.10',
          '3.22.14',
          '3.32.50',
          '3.35.64',
          '3.38.76'
        )
        THEN 'hk3'
        WHEN function IN ('4.62.81', '4.62.82', '4.62.84', '4.62.85', '4.62.86', '4.62.88', '4.62.90')
        THEN 'hk4'
        WHEN function IN (
          '5.25.10',
          '5.25.11',
          '5.25.12',
          '5.25.13',
          '5.25.14',
          '5.25.17',
          '5.28.20',
          '5.28.21',
          '5.28.22',
          '5.28.23',
          '5.30.26',
          '5.30.27',
          '5.30.28',
          '5.30.30',
          '5.30.31',
          '5.38.41',
          '5.38.42',
          '5.38.45',
          '5.38.50',
          '5.38.52',
          '5.38.53',
          '5.38.54',
          '5.38.58',
          '5.38.59',
          '5.57.72',
          '5.57.73',
          '5.57.75',
          '5.57.78',
          '5.58.81',
          '5.58.82',
          '5.68.90',
          '5.68.98'
        )
        THEN 'hk5'
        WHEN function IN ('6.42.41', '6.45.50', '6.45.51', '6.45.53', '6.52.72')
        THEN 'hk6'
      END AS STRING)
    END AS `d0`,
    CASE
      WHEN CAST(CASE
        WHEN function IN ('0.25.10', '0.25.19', '0.28.20', '0.32.31', '0.52.80')
        THEN 'property_environment'
        WHEN function IN ('2.22.01', '2.28.11', '2.28.14', '2.32.31')
        THEN 'roads_transport'
        WHEN function IN ('3.22.01', '3.22.02', '3.22.05', '3.22.08', '3.22.10', '3.22.14', '3.38.76')
        THEN 'schools'
        WHEN function IN ('3.32.50', '3.35.64')
        THEN 'culture'
        WHEN function IN ('4.62.81', '4.62.82', '4.62.84', '4.62.85', '4.62.86', '4.62.88', '4.62.90')
        THEN 'health'
        WHEN function IN ('5.25.10', '5.25.11', '5.25.12', '5.25.13', '5.25.14', '5.25.17')
        THEN 'daycare'
        WHEN function IN ('5.28.20', '5.28.21', '5.28.22', '5.28.23')
        THEN 'children'
        WHEN function IN ('5.30.26', '5.30.27', '5.30.28', '5.30.30', '5.30.31')
        THEN 'elderly'
        WHEN function IN (
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
        THEN 'disability'
        WHEN function IN ('5.57.72', '5.57.73', '5.57.75', '5.57.78', '5.58.81', '5.58.82')
        THEN 'benefits'
        WHEN function IN ('6.42.41', '6.45.50', '6.45.51', '6.45.53', '6.52.72')
        THEN 'administration'
      END AS STRING) IN (
        'property_environment',
        'roads_transport',
        'schools',
        'culture',
        'health',
        'daycare',
        'children',
        'elderly',
        'disability',
        'benefits',
        'administration'
      )
      THEN CAST(CASE
        WHEN function IN ('0.25.10', '0.25.19', '0.28.20', '0.32.31', '0.52.80')
        THEN 'property_environment'
        WHEN function IN ('2.22.01', '2.28.11', '2.28.14', '2.32.31')
        THEN 'roads_transport'
        WHEN function IN ('3.22.01', '3.22.02', '3.22.05', '3.22.08', '3.22.10', '3.22.14', '3.38.76')
        THEN 'schools'
        WHEN function IN ('3.32.50', '3.35.64')
        THEN 'culture'
        WHEN function IN ('4.62.81', '4.62.82', '4.62.84', '4.62.85', '4.62.86', '4.62.88', '4.62.90')
        THEN 'health'
        WHEN function IN ('5.25.10', '5.25.11', '5.25.12', '5.25.13', '5.25.14', '5.25.17')
        THEN 'daycare'
        WHEN function IN ('5.28.20', '5.28.21', '5.28.22', '5.28.23')
        THEN 'children'
        WHEN function IN ('5.30.26', '5.30.27', '5.30.28', '5.30.30', '5.30.31')
        THEN 'elderly'
        WHEN function IN (
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
        THEN 'disability'
        WHEN function IN ('5.57.72', '5.57.73', '5.57.75', '5.57.78', '5.58.81', '5.58.82')
        THEN 'benefits'
        WHEN function IN ('6.42.41', '6.45.50', '6.45.51', '6.45.53', '6.52.72')
        THEN 'administration'
      END AS STRING)
    END AS `d1`,
    CASE
      WHEN CAST(CASE
        WHEN art IN ('1.1', '1.2', '1.8')
        THEN 'salaries'
        WHEN art IN ('2.2', '2.9')
        THEN 'goods'
        WHEN art IN ('4.0', '4.9')
        THEN 'services'
        WHEN art IN ('5.2', '5.9')
        THEN 'transfers'
        WHEN art IN ('7.1', '7.2', '7.7')
        THEN 'income'
        WHEN art = '8.6'
        THEN 'refunds'
      END AS STRING) IN ('salaries', 'goods', 'services', 'transfers', 'income', 'refunds')
      THEN CAST(CASE
        WHEN art IN ('1.1', '1.2', '1.8')
        THEN 'salaries'
        WHEN art IN ('2.2', '2.9')
        THEN 'goods'
        WHEN art IN ('4.0', '4.9')
        THEN 'services'
        WHEN art IN ('5.2', '5.9')
        THEN 'transfers'
        WHEN art IN ('7.1', '7.2', '7.7')
        THEN 'income'
        WHEN art = '8.6'
        THEN 'refunds'
      END AS STRING)
    END AS `d2`,
    CASE
      WHEN CAST(CASE
        WHEN function = '5.57.72'
        THEN 'sickness'
        WHEN function = '5.57.73'
        THEN 'assistance'
        WHEN function = '5.57.75'
        THEN 'disability_pension'
        WHEN function = '5.57.78'
        THEN 'unemployment'
        WHEN function = '5.58.81'
        THEN 'flexjob'
        WHEN function = '5.58.82'
        THEN 'resource_clarification'
      END AS STRING) IN (
        'sickness',
        'assistance',
        'disability_pension',
        'unemployment',
        'flexjob',
        'resource_clarification'
      )
      THEN CAST(CASE
        WHEN function = '5.57.72'
        THEN 'sickness'
        WHEN function = '5.57.73'
        THEN 'assistance'
        WHEN function = '5.57.75'
        THEN 'disability_pension'
        WHEN function = '5.57.78'
        THEN 'unemployment'
        WHEN function = '5.58.81'
        THEN 'flexjob'
        WHEN function = '5.58.82'
        THEN 'resource_clarification'
      END AS STRING)
    END AS `d3`,
    COALESCE(
      function IN ('5.28.20', '5.28.21', '5.28.22', '5.28.23') AND dranst IN ('1', '2'),
      FALSE
    ) AS `f0`,
    amount AS `v0`,
    COALESCE(function = '5.28.21' AND dranst IN ('1', '2'), FALSE) AS `f1`,
    COALESCE(
      function IN ('5.25.10', '5.25.11', '5.25.12', '5.25.13', '5.25.14')
      AND dranst IN ('1', '2'),
      FALSE
    ) AS `f2`,
    COALESCE(
      function IN ('5.25.10', '5.25.11', '5.25.12', '5.25.13', '5.25.14', '5.25.17')
      AND dranst IN ('1', '2'),
      FALSE
    ) AS `f3`,
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
      )
      AND dranst IN (1, 2),
      FALSE
    ) AS `f4`,
    COALESCE(
      dranst IN (1, 2) AND NOT function IN ('7.55.75', '7.62.80', '7.68.90', '7.68.96'),
      FALSE
    ) AS `f5`,
    COALESCE(
      dranst = 3
      AND amount > 0
      AND NOT function IN ('0.25.19', '1.38.60', '7.55.75', '7.62.80', '7.68.90', '7.68.96'),
      FALSE
    ) AS `f6`,
    COALESCE(dranst IN (1, 2, 4, 7) AND function <> '1.38.60', FALSE) AS `f7`,
    -amount AS `v1`,
    COALESCE(dranst = 1 AND art IN ('1.1', '1.2', '1.8'), FALSE) AS `f8`,
    COALESCE(dranst = 1 AND amount > 0, FALSE) AS `f9`,
    COALESCE(
      dranst IN (1, 2)
      AND function IN ('3.22.01', '3.22.02', '3.22.05', '3.22.08', '3.22.10'),
      FALSE
    ) AS `f10`,
    COALESCE(
      dranst IN (1, 2)
      AND function IN ('5.25.10', '5.25.11', '5.25.12', '5.25.13', '5.25.14', '5.25.17'),
      FALSE
    ) AS `f11`,
    COALESCE(
      dranst IN (1, 2) AND function IN ('5.28.20', '5.28.21', '5.28.22', '5.28.23'),
      FALSE
    ) AS `f12`,
    COALESCE(
      dranst IN (1, 2)
      AND function IN ('5.30.26', '5.30.27', '5.30.28', '5.30.30', '5.30.31'),
      FALSE
    ) AS `f13`,
    COALESCE(
      dranst IN (1, 2)
      AND function IN (
        '5.38.41',
        '5.38.42',
        '5.38.45',
        '5.38.50',
        '5.38.52',
        '5.38.53',
        '5.38.54',
        '5.38.58',
        '5.38.59'
      ),
      FALSE
    ) AS `f14`,
    COALESCE(
      dranst IN (1, 2)
      AND function IN ('4.62.81', '4.62.82', '4.62.84', '4.62.85', '4.62.86', '4.62.88', '4.62.90'),
      FALSE
    ) AS `f15`,
    COALESCE(
      dranst IN (1, 2) AND function IN ('6.42.41', '6.45.50', '6.45.51', '6.45.53'),
      FALSE
    ) AS `f16`,
    COALESCE(function IN ('7.68.90', '7.68.96'), FALSE) AS `f17`,
    COALESCE(function IN ('7.62.80', '7.68.90', '7.68.96'), FALSE) AS `f18`,
    COALESCE(dranst = 4, FALSE) AS `f19`,
    COALESCE(
      function IN ('5.30.26', '5.30.27', '5.30.28', '5.30.30', '5.30.31')
      AND dranst IN (1, 2),
      FALSE
    ) AS `f20`,
    COALESCE(function = '5.30.26' AND dranst IN (1, 2), FALSE) AS `f21`,
    COALESCE(
      art = '5.2'
      AND function IN ('5.57.72', '5.57.73', '5.57.75', '5.57.78', '5.58.81', '5.58.82'),
      FALSE
    ) AS `f22`,
    COALESCE(
      dranst IN (1, 2)
      AND function IN ('5.57.72', '5.57.73', '5.57.75', '5.57.78', '5.58.81', '5.58.82'),
      FALSE
    ) AS `f23`,
    COALESCE(
      dranst = 2
      AND function IN ('5.57.72', '5.57.73', '5.57.75', '5.57.78', '5.58.81', '5.58.82'),
      FALSE
    ) AS `f24`,
    COALESCE(dranst IN (1, 2) AND function = '5.57.72', FALSE) AS `f25`,
    COALESCE(dranst IN (1, 2) AND function = '5.57.73', FALSE) AS `f26`,
    COALESCE(dranst IN (1, 2) AND function = '5.57.75', FALSE) AS `f27`,
    COALESCE(dranst IN (1, 2) AND function IN ('6.45.53', '5.68.90', '5.68.98'), FALSE) AS `f28`,
    COALESCE(function = '4.62.81' AND dranst IN (1, 2), FALSE) AS `f29`,
    COALESCE(
      function IN ('4.62.82', '4.62.84', '4.62.85', '4.62.86', '4.62.88', '4.62.90')
      AND dranst IN (1, 2),
      FALSE
    ) AS `f30`,
    COALESCE(function IN ('3.22.01', '3.22.02', '3.22.08') AND dranst IN ('1', '2'), FALSE) AS `f31`,
    COALESCE(
      function IN ('3.22.01', '3.22.02', '3.22.05', '3.22.08', '3.22.10')
      AND dranst IN ('1', '2'),
      FALSE
    ) AS `f32`,
    `art` AS `i0`,
    `dranst` AS `i1`,
    `function` AS `i2`
  FROM (
    SELECT
      b.*
    FROM current_economy_postings AS b
  ) AS rel
  WHERE
    `_municipality` IN (101, 147, 151)
) AS projected
GROUP BY
  `_m`,
  `p0`,
  `f6`,
  `f9`,
  `i0`,
  `i1`,
  `i2`;

-- total: 33 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  '' AS `dimension`,
  '' AS `category`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(`i2` IN ('5.28.20', '5.28.21', '5.28.22', '5.28.23') AND `i1` IN ('1', '2'), FALSE)) AS DOUBLE) AS `m446b0f7b27b8`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(`i2` = '5.28.21' AND `i1` IN ('1', '2'), FALSE)) AS DOUBLE) AS `md206a80144c4`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(
      `i2` IN ('5.25.10', '5.25.11', '5.25.12', '5.25.13', '5.25.14')
      AND `i1` IN ('1', '2'),
      FALSE
    )) AS DOUBLE) AS `m30f89ee94065`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(
      `i2` IN ('5.25.10', '5.25.11', '5.25.12', '5.25.13', '5.25.14', '5.25.17')
      AND `i1` IN ('1', '2'),
      FALSE
    )) AS DOUBLE) AS `m23727448cff4`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(
      `i2` IN (
        '5.38.41',
        '5.38.42',
        '5.38.50',
        '5.38.52',
        '5.38.53',
        '5.38.54',
        '5.38.58',
        '5.38.59'
      )
      AND `i1` IN (1, 2),
      FALSE
    )) AS DOUBLE) AS `m6b98833bc177`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(`i1` IN (1, 2) AND NOT `i2` IN ('7.55.75', '7.62.80', '7.68.90', '7.68.96'), FALSE)) AS DOUBLE) AS `mba58ea282bc3`,
  CAST(SUM(`t0`) FILTER(WHERE
    `f6`) AS DOUBLE) AS `me0a423a02482`,
  CAST(SUM(`t1`) FILTER(WHERE
    COALESCE(`i1` IN (1, 2, 4, 7) AND `i2` <> '1.38.60', FALSE)) AS DOUBLE) AS `m18ab82bb3321`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(`i1` = 1 AND `i0` IN ('1.1', '1.2', '1.8'), FALSE)) AS DOUBLE) AS `m3b1d5a815074`,
  CAST(SUM(`t0`) FILTER(WHERE
    `f9`) AS DOUBLE) AS `m030cf21cd209`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(
      `i1` IN (1, 2)
      AND `i2` IN ('3.22.01', '3.22.02', '3.22.05', '3.22.08', '3.22.10'),
      FALSE
    )) AS DOUBLE) AS `m2977db25ae56`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(
      `i1` IN (1, 2)
      AND `i2` IN ('5.25.10', '5.25.11', '5.25.12', '5.25.13', '5.25.14', '5.25.17'),
      FALSE
    )) AS DOUBLE) AS `m4e6d6c00a7d9`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(`i1` IN (1, 2) AND `i2` IN ('5.28.20', '5.28.21', '5.28.22', '5.28.23'), FALSE)) AS DOUBLE) AS `m3bf7c2083ba3`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(
      `i1` IN (1, 2)
      AND `i2` IN ('5.30.26', '5.30.27', '5.30.28', '5.30.30', '5.30.31'),
      FALSE
    )) AS DOUBLE) AS `m8cdda8b85862`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(
      `i1` IN (1, 2)
      AND `i2` IN (
        '5.38.41',
        '5.38.42',
        '5.38.45',
        '5.38.50',
        '5.38.52',
        '5.38.53',
        '5.38.54',
        '5.38.58',
        '5.38.59'
      ),
      FALSE
    )) AS DOUBLE) AS `m6c32b05e11d7`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(
      `i1` IN (1, 2)
      AND `i2` IN ('4.62.81', '4.62.82', '4.62.84', '4.62.85', '4.62.86', '4.62.88', '4.62.90'),
      FALSE
    )) AS DOUBLE) AS `m9e29a00ccc78`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(`i1` IN (1, 2) AND `i2` IN ('6.42.41', '6.45.50', '6.45.51', '6.45.53'), FALSE)) AS DOUBLE) AS `m634e75e8b187`,
  CAST(SUM(`t1`) FILTER(WHERE
    COALESCE(`i2` IN ('7.68.90', '7.68.96'), FALSE)) AS DOUBLE) AS `m3619dc6de53c`,
  CAST(SUM(`t1`) FILTER(WHERE
    COALESCE(`i2` IN ('7.62.80', '7.68.90', '7.68.96'), FALSE)) AS DOUBLE) AS `mafc36cc65750`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(`i1` = 4, FALSE)) AS DOUBLE) AS `mc59cc02a95a8`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(
      `i2` IN ('5.30.26', '5.30.27', '5.30.28', '5.30.30', '5.30.31')
      AND `i1` IN (1, 2),
      FALSE
    )) AS DOUBLE) AS `me4785a22ac40`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(`i2` = '5.30.26' AND `i1` IN (1, 2), FALSE)) AS DOUBLE) AS `m82321587092e`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(
      `i0` = '5.2'
      AND `i2` IN ('5.57.72', '5.57.73', '5.57.75', '5.57.78', '5.58.81', '5.58.82'),
      FALSE
    )) AS DOUBLE) AS `m9f99a6f2958a`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(
      `i1` IN (1, 2)
      AND `i2` IN ('5.57.72', '5.57.73', '5.57.75', '5.57.78', '5.58.81', '5.58.82'),
      FALSE
    )) AS DOUBLE) AS `ma64dfd4c8877`,
  CAST(SUM(`t1`) FILTER(WHERE
    COALESCE(
      `i1` = 2
      AND `i2` IN ('5.57.72', '5.57.73', '5.57.75', '5.57.78', '5.58.81', '5.58.82'),
      FALSE
    )) AS DOUBLE) AS `m700831a4b7d0`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(`i1` IN (1, 2) AND `i2` = '5.57.72', FALSE)) AS DOUBLE) AS `mbc40060717ee`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(`i1` IN (1, 2) AND `i2` = '5.57.73', FALSE)) AS DOUBLE) AS `mae29c875fd3d`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(`i1` IN (1, 2) AND `i2` = '5.57.75', FALSE)) AS DOUBLE) AS `m16b047fa0642`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(`i1` IN (1, 2) AND `i2` IN ('6.45.53', '5.68.90', '5.68.98'), FALSE)) AS DOUBLE) AS `m5c912677d752`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(`i2` = '4.62.81' AND `i1` IN (1, 2), FALSE)) AS DOUBLE) AS `m99b344fc54c7`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(
      `i2` IN ('4.62.82', '4.62.84', '4.62.85', '4.62.86', '4.62.88', '4.62.90')
      AND `i1` IN (1, 2),
      FALSE
    )) AS DOUBLE) AS `m011d7141a388`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(`i2` IN ('3.22.01', '3.22.02', '3.22.08') AND `i1` IN ('1', '2'), FALSE)) AS DOUBLE) AS `mb15554df70d2`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(
      `i2` IN ('3.22.01', '3.22.02', '3.22.05', '3.22.08', '3.22.10')
      AND `i1` IN ('1', '2'),
      FALSE
    )) AS DOUBLE) AS `m617342aa97df`
FROM group_totals
GROUP BY
  `_m`,
  `p0`;

-- by economy_main_account: 3 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  'economy_main_account' AS `dimension`,
  CAST(CASE
    WHEN CAST(CASE
      WHEN `i2` IN ('0.25.10', '0.25.19', '0.28.20', '0.32.31', '0.52.80')
      THEN 'hk0'
      WHEN `i2` IN ('2.22.01', '2.28.11', '2.28.14', '2.32.31')
      THEN 'hk2'
      WHEN `i2` IN (
        '3.22.01',
        '3.22.02',
        '3.22.05',
        '3.22.08',
        '3.22.10',
        '3.22.14',
        '3.32.50',
        '3.35.64',
        '3.38.76'
      )
      THEN 'hk3'
      WHEN `i2` IN ('4.62.81', '4.62.82', '4.62.84', '4.62.85', '4.62.86', '4.62.88', '4.62.90')
      THEN 'hk4'
      WHEN `i2` IN (
        '5.25.10',
        '5.25.11',
        '5.25.12',
        '5.25.13',
        '5.25.14',
        '5.25.17',
        '5.28.20',
        '5.28.21',
        '5.28.22',
        '5.28.23',
        '5.30.26',
        '5.30.27',
        '5.30.28',
        '5.30.30',
        '5.30.31',
        '5.38.41',
        '5.38.42',
        '5.38.45',
        '5.38.50',
        '5.38.52',
        '5.38.53',
        '5.38.54',
        '5.38.58',
        '5.38.59',
        '5.57.72',
        '5.57.73',
        '5.57.75',
        '5.57.78',
        '5.58.81',
        '5.58.82',
        '5.68.90',
        '5.68.98'
      )
      THEN 'hk5'
      WHEN `i2` IN ('6.42.41', '6.45.50', '6.45.51', '6.45.53', '6.52.72')
      THEN 'hk6'
    END AS STRING) IN ('hk0', 'hk2', 'hk3', 'hk4', 'hk5', 'hk6')
    THEN CAST(CASE
      WHEN `i2` IN ('0.25.10', '0.25.19', '0.28.20', '0.32.31', '0.52.80')
      THEN 'hk0'
      WHEN `i2` IN ('2.22.01', '2.28.11', '2.28.14', '2.32.31')
      THEN 'hk2'
      WHEN `i2` IN (
        '3.22.01',
        '3.22.02',
        '3.22.05',
        '3.22.08',
        '3.22.10',
        '3.22.14',
        '3.32.50',
        '3.35.64',
        '3.38.76'
      )
      THEN 'hk3'
      WHEN `i2` IN ('4.62.81', '4.62.82', '4.62.84', '4.62.85', '4.62.86', '4.62.88', '4.62.90')
      THEN 'hk4'
      WHEN `i2` IN (
        '5.25.10',
        '5.25.11',
        '5.25.12',
        '5.25.13',
        '5.25.14',
        '5.25.17',
        '5.28.20',
        '5.28.21',
        '5.28.22',
        '5.28.23',
        '5.30.26',
        '5.30.27',
        '5.30.28',
        '5.30.30',
        '5.30.31',
        '5.38.41',
        '5.38.42',
        '5.38.45',
        '5.38.50',
        '5.38.52',
        '5.38.53',
        '5.38.54',
        '5.38.58',
        '5.38.59',
        '5.57.72',
        '5.57.73',
        '5.57.75',
        '5.57.78',
        '5.58.81',
        '5.58.82',
        '5.68.90',
        '5.68.98'
      )
      THEN 'hk5'
      WHEN `i2` IN ('6.42.41', '6.45.50', '6.45.51', '6.45.53', '6.52.72')
      THEN 'hk6'
    END AS STRING)
  END AS STRING) AS `category`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(`i1` IN (1, 2) AND NOT `i2` IN ('7.55.75', '7.62.80', '7.68.90', '7.68.96'), FALSE)) AS DOUBLE) AS `mba58ea282bc3`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(`i1` = 1 AND `i0` IN ('1.1', '1.2', '1.8'), FALSE)) AS DOUBLE) AS `m3b1d5a815074`,
  CAST(SUM(`t0`) FILTER(WHERE
    `f9`) AS DOUBLE) AS `m030cf21cd209`
FROM group_totals
WHERE
  NOT CASE
    WHEN CAST(CASE
      WHEN `i2` IN ('0.25.10', '0.25.19', '0.28.20', '0.32.31', '0.52.80')
      THEN 'hk0'
      WHEN `i2` IN ('2.22.01', '2.28.11', '2.28.14', '2.32.31')
      THEN 'hk2'
      WHEN `i2` IN (
        '3.22.01',
        '3.22.02',
        '3.22.05',
        '3.22.08',
        '3.22.10',
        '3.22.14',
        '3.32.50',
        '3.35.64',
        '3.38.76'
      )
      THEN 'hk3'
      WHEN `i2` IN ('4.62.81', '4.62.82', '4.62.84', '4.62.85', '4.62.86', '4.62.88', '4.62.90')
      THEN 'hk4'
      WHEN `i2` IN (
        '5.25.10',
        '5.25.11',
        '5.25.12',
        '5.25.13',
        '5.25.14',
        '5.25.17',
        '5.28.20',
        '5.28.21',
        '5.28.22',
        '5.28.23',
        '5.30.26',
        '5.30.27',
        '5.30.28',
        '5.30.30',
        '5.30.31',
        '5.38.41',
        '5.38.42',
        '5.38.45',
        '5.38.50',
        '5.38.52',
        '5.38.53',
        '5.38.54',
        '5.38.58',
        '5.38.59',
        '5.57.72',
        '5.57.73',
        '5.57.75',
        '5.57.78',
        '5.58.81',
        '5.58.82',
        '5.68.90',
        '5.68.98'
      )
      THEN 'hk5'
      WHEN `i2` IN ('6.42.41', '6.45.50', '6.45.51', '6.45.53', '6.52.72')
      THEN 'hk6'
    END AS STRING) IN ('hk0', 'hk2', 'hk3', 'hk4', 'hk5', 'hk6')
    THEN CAST(CASE
      WHEN `i2` IN ('0.25.10', '0.25.19', '0.28.20', '0.32.31', '0.52.80')
      THEN 'hk0'
      WHEN `i2` IN ('2.22.01', '2.28.11', '2.28.14', '2.32.31')
      THEN 'hk2'
      WHEN `i2` IN (
        '3.22.01',
        '3.22.02',
        '3.22.05',
        '3.22.08',
        '3.22.10',
        '3.22.14',
        '3.32.50',
        '3.35.64',
        '3.38.76'
      )
      THEN 'hk3'
      WHEN `i2` IN ('4.62.81', '4.62.82', '4.62.84', '4.62.85', '4.62.86', '4.62.88', '4.62.90')
      THEN 'hk4'
      WHEN `i2` IN (
        '5.25.10',
        '5.25.11',
        '5.25.12',
        '5.25.13',
        '5.25.14',
        '5.25.17',
        '5.28.20',
        '5.28.21',
        '5.28.22',
        '5.28.23',
        '5.30.26',
        '5.30.27',
        '5.30.28',
        '5.30.30',
        '5.30.31',
        '5.38.41',
        '5.38.42',
        '5.38.45',
        '5.38.50',
        '5.38.52',
        '5.38.53',
        '5.38.54',
        '5.38.58',
        '5.38.59',
        '5.57.72',
        '5.57.73',
        '5.57.75',
        '5.57.78',
        '5.58.81',
        '5.58.82',
        '5.68.90',
        '5.68.98'
      )
      THEN 'hk5'
      WHEN `i2` IN ('6.42.41', '6.45.50', '6.45.51', '6.45.53', '6.52.72')
      THEN 'hk6'
    END AS STRING)
  END IS NULL
GROUP BY
  `_m`,
  `p0`,
  CASE
    WHEN CAST(CASE
      WHEN `i2` IN ('0.25.10', '0.25.19', '0.28.20', '0.32.31', '0.52.80')
      THEN 'hk0'
      WHEN `i2` IN ('2.22.01', '2.28.11', '2.28.14', '2.32.31')
      THEN 'hk2'
      WHEN `i2` IN (
        '3.22.01',
        '3.22.02',
        '3.22.05',
        '3.22.08',
        '3.22.10',
        '3.22.14',
        '3.32.50',
        '3.35.64',
        '3.38.76'
      )
      THEN 'hk3'
      WHEN `i2` IN ('4.62.81', '4.62.82', '4.62.84', '4.62.85', '4.62.86', '4.62.88', '4.62.90')
      THEN 'hk4'
      WHEN `i2` IN (
        '5.25.10',
        '5.25.11',
        '5.25.12',
        '5.25.13',
        '5.25.14',
        '5.25.17',
        '5.28.20',
        '5.28.21',
        '5.28.22',
        '5.28.23',
        '5.30.26',
        '5.30.27',
        '5.30.28',
        '5.30.30',
        '5.30.31',
        '5.38.41',
        '5.38.42',
        '5.38.45',
        '5.38.50',
        '5.38.52',
        '5.38.53',
        '5.38.54',
        '5.38.58',
        '5.38.59',
        '5.57.72',
        '5.57.73',
        '5.57.75',
        '5.57.78',
        '5.58.81',
        '5.58.82',
        '5.68.90',
        '5.68.98'
      )
      THEN 'hk5'
      WHEN `i2` IN ('6.42.41', '6.45.50', '6.45.51', '6.45.53', '6.52.72')
      THEN 'hk6'
    END AS STRING) IN ('hk0', 'hk2', 'hk3', 'hk4', 'hk5', 'hk6')
    THEN CAST(CASE
      WHEN `i2` IN ('0.25.10', '0.25.19', '0.28.20', '0.32.31', '0.52.80')
      THEN 'hk0'
      WHEN `i2` IN ('2.22.01', '2.28.11', '2.28.14', '2.32.31')
      THEN 'hk2'
      WHEN `i2` IN (
        '3.22.01',
        '3.22.02',
        '3.22.05',
        '3.22.08',
        '3.22.10',
        '3.22.14',
        '3.32.50',
        '3.35.64',
        '3.38.76'
      )
      THEN 'hk3'
      WHEN `i2` IN ('4.62.81', '4.62.82', '4.62.84', '4.62.85', '4.62.86', '4.62.88', '4.62.90')
      THEN 'hk4'
      WHEN `i2` IN (
        '5.25.10',
        '5.25.11',
        '5.25.12',
        '5.25.13',
        '5.25.14',
        '5.25.17',
        '5.28.20',
        '5.28.21',
        '5.28.22',
        '5.28.23',
        '5.30.26',
        '5.30.27',
        '5.30.28',
        '5.30.30',
        '5.30.31',
        '5.38.41',
        '5.38.42',
        '5.38.45',
        '5.38.50',
        '5.38.52',
        '5.38.53',
        '5.38.54',
        '5.38.58',
        '5.38.59',
        '5.57.72',
        '5.57.73',
        '5.57.75',
        '5.57.78',
        '5.58.81',
        '5.58.82',
        '5.68.90',
        '5.68.98'
      )
      THEN 'hk5'
      WHEN `i2` IN ('6.42.41', '6.45.50', '6.45.51', '6.45.53', '6.52.72')
      THEN 'hk6'
    END AS STRING)
  END;

-- by economy_area: 1 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  'economy_area' AS `dimension`,
  CAST(CASE
    WHEN CAST(CASE
      WHEN `i2` IN ('0.25.10', '0.25.19', '0.28.20', '0.32.31', '0.52.80')
      THEN 'property_environment'
      WHEN `i2` IN ('2.22.01', '2.28.11', '2.28.14', '2.32.31')
      THEN 'roads_transport'
      WHEN `i2` IN ('3.22.01', '3.22.02', '3.22.05', '3.22.08', '3.22.10', '3.22.14', '3.38.76')
      THEN 'schools'
      WHEN `i2` IN ('3.32.50', '3.35.64')
      THEN 'culture'
      WHEN `i2` IN ('4.62.81', '4.62.82', '4.62.84', '4.62.85', '4.62.86', '4.62.88', '4.62.90')
      THEN 'health'
      WHEN `i2` IN ('5.25.10', '5.25.11', '5.25.12', '5.25.13', '5.25.14', '5.25.17')
      THEN 'daycare'
      WHEN `i2` IN ('5.28.20', '5.28.21', '5.28.22', '5.28.23')
      THEN 'children'
      WHEN `i2` IN ('5.30.26', '5.30.27', '5.30.28', '5.30.30', '5.30.31')
      THEN 'elderly'
      WHEN `i2` IN (
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
      THEN 'disability'
      WHEN `i2` IN ('5.57.72', '5.57.73', '5.57.75', '5.57.78', '5.58.81', '5.58.82')
      THEN 'benefits'
      WHEN `i2` IN ('6.42.41', '6.45.50', '6.45.51', '6.45.53', '6.52.72')
      THEN 'administration'
    END AS STRING) IN (
      'property_environment',
      'roads_transport',
      'schools',
      'culture',
      'health',
      'daycare',
      'children',
      'elderly',
      'disability',
      'benefits',
      'administration'
    )
    THEN CAST(CASE
      WHEN `i2` IN ('0.25.10', '0.25.19', '0.28.20', '0.32.31', '0.52.80')
      THEN 'property_environment'
      WHEN `i2` IN ('2.22.01', '2.28.11', '2.28.14', '2.32.31')
      THEN 'roads_transport'
      WHEN `i2` IN ('3.22.01', '3.22.02', '3.22.05', '3.22.08', '3.22.10', '3.22.14', '3.38.76')
      THEN 'schools'
      WHEN `i2` IN ('3.32.50', '3.35.64')
      THEN 'culture'
      WHEN `i2` IN ('4.62.81', '4.62.82', '4.62.84', '4.62.85', '4.62.86', '4.62.88', '4.62.90')
      THEN 'health'
      WHEN `i2` IN ('5.25.10', '5.25.11', '5.25.12', '5.25.13', '5.25.14', '5.25.17')
      THEN 'daycare'
      WHEN `i2` IN ('5.28.20', '5.28.21', '5.28.22', '5.28.23')
      THEN 'children'
      WHEN `i2` IN ('5.30.26', '5.30.27', '5.30.28', '5.30.30', '5.30.31')
      THEN 'elderly'
      WHEN `i2` IN (
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
      THEN 'disability'
      WHEN `i2` IN ('5.57.72', '5.57.73', '5.57.75', '5.57.78', '5.58.81', '5.58.82')
      THEN 'benefits'
      WHEN `i2` IN ('6.42.41', '6.45.50', '6.45.51', '6.45.53', '6.52.72')
      THEN 'administration'
    END AS STRING)
  END AS STRING) AS `category`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(`i1` IN (1, 2) AND NOT `i2` IN ('7.55.75', '7.62.80', '7.68.90', '7.68.96'), FALSE)) AS DOUBLE) AS `mba58ea282bc3`
FROM group_totals
WHERE
  NOT CASE
    WHEN CAST(CASE
      WHEN `i2` IN ('0.25.10', '0.25.19', '0.28.20', '0.32.31', '0.52.80')
      THEN 'property_environment'
      WHEN `i2` IN ('2.22.01', '2.28.11', '2.28.14', '2.32.31')
      THEN 'roads_transport'
      WHEN `i2` IN ('3.22.01', '3.22.02', '3.22.05', '3.22.08', '3.22.10', '3.22.14', '3.38.76')
      THEN 'schools'
      WHEN `i2` IN ('3.32.50', '3.35.64')
      THEN 'culture'
      WHEN `i2` IN ('4.62.81', '4.62.82', '4.62.84', '4.62.85', '4.62.86', '4.62.88', '4.62.90')
      THEN 'health'
      WHEN `i2` IN ('5.25.10', '5.25.11', '5.25.12', '5.25.13', '5.25.14', '5.25.17')
      THEN 'daycare'
      WHEN `i2` IN ('5.28.20', '5.28.21', '5.28.22', '5.28.23')
      THEN 'children'
      WHEN `i2` IN ('5.30.26', '5.30.27', '5.30.28', '5.30.30', '5.30.31')
      THEN 'elderly'
      WHEN `i2` IN (
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
      THEN 'disability'
      WHEN `i2` IN ('5.57.72', '5.57.73', '5.57.75', '5.57.78', '5.58.81', '5.58.82')
      THEN 'benefits'
      WHEN `i2` IN ('6.42.41', '6.45.50', '6.45.51', '6.45.53', '6.52.72')
      THEN 'administration'
    END AS STRING) IN (
      'property_environment',
      'roads_transport',
      'schools',
      'culture',
      'health',
      'daycare',
      'children',
      'elderly',
      'disability',
      'benefits',
      'administration'
    )
    THEN CAST(CASE
      WHEN `i2` IN ('0.25.10', '0.25.19', '0.28.20', '0.32.31', '0.52.80')
      THEN 'property_environment'
      WHEN `i2` IN ('2.22.01', '2.28.11', '2.28.14', '2.32.31')
      THEN 'roads_transport'
      WHEN `i2` IN ('3.22.01', '3.22.02', '3.22.05', '3.22.08', '3.22.10', '3.22.14', '3.38.76')
      THEN 'schools'
      WHEN `i2` IN ('3.32.50', '3.35.64')
      THEN 'culture'
      WHEN `i2` IN ('4.62.81', '4.62.82', '4.62.84', '4.62.85', '4.62.86', '4.62.88', '4.62.90')
      THEN 'health'
      WHEN `i2` IN ('5.25.10', '5.25.11', '5.25.12', '5.25.13', '5.25.14', '5.25.17')
      THEN 'daycare'
      WHEN `i2` IN ('5.28.20', '5.28.21', '5.28.22', '5.28.23')
      THEN 'children'
      WHEN `i2` IN ('5.30.26', '5.30.27', '5.30.28', '5.30.30', '5.30.31')
      THEN 'elderly'
      WHEN `i2` IN (
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
      THEN 'disability'
      WHEN `i2` IN ('5.57.72', '5.57.73', '5.57.75', '5.57.78', '5.58.81', '5.58.82')
      THEN 'benefits'
      WHEN `i2` IN ('6.42.41', '6.45.50', '6.45.51', '6.45.53', '6.52.72')
      THEN 'administration'
    END AS STRING)
  END IS NULL
GROUP BY
  `_m`,
  `p0`,
  CASE
    WHEN CAST(CASE
      WHEN `i2` IN ('0.25.10', '0.25.19', '0.28.20', '0.32.31', '0.52.80')
      THEN 'property_environment'
      WHEN `i2` IN ('2.22.01', '2.28.11', '2.28.14', '2.32.31')
      THEN 'roads_transport'
      WHEN `i2` IN ('3.22.01', '3.22.02', '3.22.05', '3.22.08', '3.22.10', '3.22.14', '3.38.76')
      THEN 'schools'
      WHEN `i2` IN ('3.32.50', '3.35.64')
      THEN 'culture'
      WHEN `i2` IN ('4.62.81', '4.62.82', '4.62.84', '4.62.85', '4.62.86', '4.62.88', '4.62.90')
      THEN 'health'
      WHEN `i2` IN ('5.25.10', '5.25.11', '5.25.12', '5.25.13', '5.25.14', '5.25.17')
      THEN 'daycare'
      WHEN `i2` IN ('5.28.20', '5.28.21', '5.28.22', '5.28.23')
      THEN 'children'
      WHEN `i2` IN ('5.30.26', '5.30.27', '5.30.28', '5.30.30', '5.30.31')
      THEN 'elderly'
      WHEN `i2` IN (
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
      THEN 'disability'
      WHEN `i2` IN ('5.57.72', '5.57.73', '5.57.75', '5.57.78', '5.58.81', '5.58.82')
      THEN 'benefits'
      WHEN `i2` IN ('6.42.41', '6.45.50', '6.45.51', '6.45.53', '6.52.72')
      THEN 'administration'
    END AS STRING) IN (
      'property_environment',
      'roads_transport',
      'schools',
      'culture',
      'health',
      'daycare',
      'children',
      'elderly',
      'disability',
      'benefits',
      'administration'
    )
    THEN CAST(CASE
      WHEN `i2` IN ('0.25.10', '0.25.19', '0.28.20', '0.32.31', '0.52.80')
      THEN 'property_environment'
      WHEN `i2` IN ('2.22.01', '2.28.11', '2.28.14', '2.32.31')
      THEN 'roads_transport'
      WHEN `i2` IN ('3.22.01', '3.22.02', '3.22.05', '3.22.08', '3.22.10', '3.22.14', '3.38.76')
      THEN 'schools'
      WHEN `i2` IN ('3.32.50', '3.35.64')
      THEN 'culture'
      WHEN `i2` IN ('4.62.81', '4.62.82', '4.62.84', '4.62.85', '4.62.86', '4.62.88', '4.62.90')
      THEN 'health'
      WHEN `i2` IN ('5.25.10', '5.25.11', '5.25.12', '5.25.13', '5.25.14', '5.25.17')
      THEN 'daycare'
      WHEN `i2` IN ('5.28.20', '5.28.21', '5.28.22', '5.28.23')
      THEN 'children'
      WHEN `i2` IN ('5.30.26', '5.30.27', '5.30.28', '5.30.30', '5.30.31')
      THEN 'elderly'
      WHEN `i2` IN (
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
      THEN 'disability'
      WHEN `i2` IN ('5.57.72', '5.57.73', '5.57.75', '5.57.78', '5.58.81', '5.58.82')
      THEN 'benefits'
      WHEN `i2` IN ('6.42.41', '6.45.50', '6.45.51', '6.45.53', '6.52.72')
      THEN 'administration'
    END AS STRING)
  END;

-- by economy_art_group: 1 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  'economy_art_group' AS `dimension`,
  CAST(CASE
    WHEN CAST(CASE
      WHEN `i0` IN ('1.1', '1.2', '1.8')
      THEN 'salaries'
      WHEN `i0` IN ('2.2', '2.9')
      THEN 'goods'
      WHEN `i0` IN ('4.0', '4.9')
      THEN 'services'
      WHEN `i0` IN ('5.2', '5.9')
      THEN 'transfers'
      WHEN `i0` IN ('7.1', '7.2', '7.7')
      THEN 'income'
      WHEN `i0` = '8.6'
      THEN 'refunds'
    END AS STRING) IN ('salaries', 'goods', 'services', 'transfers', 'income', 'refunds')
    THEN CAST(CASE
      WHEN `i0` IN ('1.1', '1.2', '1.8')
      THEN 'salaries'
      WHEN `i0` IN ('2.2', '2.9')
      THEN 'goods'
      WHEN `i0` IN ('4.0', '4.9')
      THEN 'services'
      WHEN `i0` IN ('5.2', '5.9')
      THEN 'transfers'
      WHEN `i0` IN ('7.1', '7.2', '7.7')
      THEN 'income'
      WHEN `i0` = '8.6'
      THEN 'refunds'
    END AS STRING)
  END AS STRING) AS `category`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(`i1` IN (1, 2) AND NOT `i2` IN ('7.55.75', '7.62.80', '7.68.90', '7.68.96'), FALSE)) AS DOUBLE) AS `mba58ea282bc3`
FROM group_totals
WHERE
  NOT CASE
    WHEN CAST(CASE
      WHEN `i0` IN ('1.1', '1.2', '1.8')
      THEN 'salaries'
      WHEN `i0` IN ('2.2', '2.9')
      THEN 'goods'
      WHEN `i0` IN ('4.0', '4.9')
      THEN 'services'
      WHEN `i0` IN ('5.2', '5.9')
      THEN 'transfers'
      WHEN `i0` IN ('7.1', '7.2', '7.7')
      THEN 'income'
      WHEN `i0` = '8.6'
      THEN 'refunds'
    END AS STRING) IN ('salaries', 'goods', 'services', 'transfers', 'income', 'refunds')
    THEN CAST(CASE
      WHEN `i0` IN ('1.1', '1.2', '1.8')
      THEN 'salaries'
      WHEN `i0` IN ('2.2', '2.9')
      THEN 'goods'
      WHEN `i0` IN ('4.0', '4.9')
      THEN 'services'
      WHEN `i0` IN ('5.2', '5.9')
      THEN 'transfers'
      WHEN `i0` IN ('7.1', '7.2', '7.7')
      THEN 'income'
      WHEN `i0` = '8.6'
      THEN 'refunds'
    END AS STRING)
  END IS NULL
GROUP BY
  `_m`,
  `p0`,
  CASE
    WHEN CAST(CASE
      WHEN `i0` IN ('1.1', '1.2', '1.8')
      THEN 'salaries'
      WHEN `i0` IN ('2.2', '2.9')
      THEN 'goods'
      WHEN `i0` IN ('4.0', '4.9')
      THEN 'services'
      WHEN `i0` IN ('5.2', '5.9')
      THEN 'transfers'
      WHEN `i0` IN ('7.1', '7.2', '7.7')
      THEN 'income'
      WHEN `i0` = '8.6'
      THEN 'refunds'
    END AS STRING) IN ('salaries', 'goods', 'services', 'transfers', 'income', 'refunds')
    THEN CAST(CASE
      WHEN `i0` IN ('1.1', '1.2', '1.8')
      THEN 'salaries'
      WHEN `i0` IN ('2.2', '2.9')
      THEN 'goods'
      WHEN `i0` IN ('4.0', '4.9')
      THEN 'services'
      WHEN `i0` IN ('5.2', '5.9')
      THEN 'transfers'
      WHEN `i0` IN ('7.1', '7.2', '7.7')
      THEN 'income'
      WHEN `i0` = '8.6'
      THEN 'refunds'
    END AS STRING)
  END;

-- by employment_benefit_area: 2 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  'employment_benefit_area' AS `dimension`,
  CAST(CASE
    WHEN CAST(CASE
      WHEN `i2` = '5.57.72'
      THEN 'sickness'
      WHEN `i2` = '5.57.73'
      THEN 'assistance'
      WHEN `i2` = '5.57.75'
      THEN 'disability_pension'
      WHEN `i2` = '5.57.78'
      THEN 'unemployment'
      WHEN `i2` = '5.58.81'
      THEN 'flexjob'
      WHEN `i2` = '5.58.82'
      THEN 'resource_clarification'
    END AS STRING) IN (
      'sickness',
      'assistance',
      'disability_pension',
      'unemployment',
      'flexjob',
      'resource_clarification'
    )
    THEN CAST(CASE
      WHEN `i2` = '5.57.72'
      THEN 'sickness'
      WHEN `i2` = '5.57.73'
      THEN 'assistance'
      WHEN `i2` = '5.57.75'
      THEN 'disability_pension'
      WHEN `i2` = '5.57.78'
      THEN 'unemployment'
      WHEN `i2` = '5.58.81'
      THEN 'flexjob'
      WHEN `i2` = '5.58.82'
      THEN 'resource_clarification'
    END AS STRING)
  END AS STRING) AS `category`,
  CAST(SUM(`t0`) FILTER(WHERE
    COALESCE(
      `i0` = '5.2'
      AND `i2` IN ('5.57.72', '5.57.73', '5.57.75', '5.57.78', '5.58.81', '5.58.82'),
      FALSE
    )) AS DOUBLE) AS `m9f99a6f2958a`,
  CAST(SUM(`t1`) FILTER(WHERE
    COALESCE(
      `i1` = 2
      AND `i2` IN ('5.57.72', '5.57.73', '5.57.75', '5.57.78', '5.58.81', '5.58.82'),
      FALSE
    )) AS DOUBLE) AS `m700831a4b7d0`
FROM group_totals
WHERE
  NOT CASE
    WHEN CAST(CASE
      WHEN `i2` = '5.57.72'
      THEN 'sickness'
      WHEN `i2` = '5.57.73'
      THEN 'assistance'
      WHEN `i2` = '5.57.75'
      THEN 'disability_pension'
      WHEN `i2` = '5.57.78'
      THEN 'unemployment'
      WHEN `i2` = '5.58.81'
      THEN 'flexjob'
      WHEN `i2` = '5.58.82'
      THEN 'resource_clarification'
    END AS STRING) IN (
      'sickness',
      'assistance',
      'disability_pension',
      'unemployment',
      'flexjob',
      'resource_clarification'
    )
    THEN CAST(CASE
      WHEN `i2` = '5.57.72'
      THEN 'sickness'
      WHEN `i2` = '5.57.73'
      THEN 'assistance'
      WHEN `i2` = '5.57.75'
      THEN 'disability_pension'
      WHEN `i2` = '5.57.78'
      THEN 'unemployment'
      WHEN `i2` = '5.58.81'
      THEN 'flexjob'
      WHEN `i2` = '5.58.82'
      THEN 'resource_clarification'
    END AS STRING)
  END IS NULL
GROUP BY
  `_m`,
  `p0`,
  CASE
    WHEN CAST(CASE
      WHEN `i2` = '5.57.72'
      THEN 'sickness'
      WHEN `i2` = '5.57.73'
      THEN 'assistance'
      WHEN `i2` = '5.57.75'
      THEN 'disability_pension'
      WHEN `i2` = '5.57.78'
      THEN 'unemployment'
      WHEN `i2` = '5.58.81'
      THEN 'flexjob'
      WHEN `i2` = '5.58.82'
      THEN 'resource_clarification'
    END AS STRING) IN (
      'sickness',
      'assistance',
      'disability_pension',
      'unemployment',
      'flexjob',
      'resource_clarification'
    )
    THEN CAST(CASE
      WHEN `i2` = '5.57.72'
      THEN 'sickness'
      WHEN `i2` = '5.57.73'
      THEN 'assistance'
      WHEN `i2` = '5.57.75'
      THEN 'disability_pension'
      WHEN `i2` = '5.57.78'
      THEN 'unemployment'
      WHEN `i2` = '5.58.81'
      THEN 'flexjob'
      WHEN `i2` = '5.58.82'
      THEN 'resource_clarification'
    END AS STRING)
  END;

-- numerator drill-down for municipality 101, 2024-06
SELECT
  `_delivery`,
  `_line`,
  `_municipality`,
  `_period`,
  amount AS `measured`,
  `posting_id`,
  `posting_date`,
  `function`,
  `dranst`,
  `art`,
  `cost_centre`,
  `amount`,
  `text`
FROM (
  SELECT
    b.*
  FROM current_economy_postings AS b
) AS rel
WHERE
  (
    `_municipality` = 101 AND `_period` = CAST('2024-06-01' AS DATE)
  )
  AND COALESCE(
    dranst IN (1, 2) AND NOT function IN ('7.55.75', '7.62.80', '7.68.90', '7.68.96'),
    FALSE
  )
ORDER BY
  `_delivery`,
  `_line`;

-- denominator: number of rows in citizens.residents, attributed to _municipality
-- measure column: m4e50189524e6 (one scan computes 26 measures of citizens.residents)
CREATE OR REPLACE TEMP TABLE group_totals AS
SELECT
  `_m`,
  `p0`,
  `f12`,
  `f13`,
  `i0`,
  `i1`,
  `i2`,
  COUNT(*) AS `t0`,
  SUM(`v0`) AS `t1`,
  SUM(`v1`) AS `t2`
FROM (
  SELECT
    CAST(`_municipality` AS SMALLINT) AS `_m`,
    `_period` AS `p0`,
    CASE WHEN CAST(sex AS STRING) IN ('1', '2') THEN CAST(sex AS STRING) END AS `d0`,
    CASE
      WHEN `__age_birth_date` >= 0 AND `__age_birth_date` <= 5
      THEN '0-5'
      WHEN `__age_birth_date` >= 6 AND `__age_birth_date` <= 11
      THEN '6-11'
      WHEN `__age_birth_date` >= 12 AND `__age_birth_date` <= 17
      THEN '12-17'
    END AS `d1`,
    CASE
      WHEN `__age_birth_date` >= 0 AND `__age_birth_date` <= 2
      THEN '0-2'
      WHEN `__age_birth_date` >= 3 AND `__age_birth_date` <= 5
      THEN '3-5'
      WHEN `__age_birth_date` >= 6 AND `__age_birth_date` <= 9
      THEN '6-9'
      WHEN `__age_birth_date` >= 10 AND `__age_birth_date` <= 13
      THEN '10-13'
      WHEN `__age_birth_date` >= 14 AND `__age_birth_date` <= 15
      THEN '14-15'
      WHEN `__age_birth_date` >= 16 AND `__age_birth_date` <= 17
      THEN '16-17'
    END AS `d2`,
    CASE
      WHEN CAST(CASE
        WHEN origin = 1
        THEN 'danish'
        WHEN origin IN (2, 3)
        THEN 'western'
        WHEN origin IN (4, 5)
        THEN 'non_western'
      END AS STRING) IN ('danish', 'western', 'non_western')
      THEN CAST(CASE
        WHEN origin = 1
        THEN 'danish'
        WHEN origin IN (2, 3)
        THEN 'western'
        WHEN origin IN (4, 5)
        THEN 'non_western'
      END AS STRING)
    END AS `d3`,
    CASE
      WHEN `__age_birth_date` >= 0 AND `__age_birth_date` <= 5
      THEN '0-5'
      WHEN `__age_birth_date` >= 6 AND `__age_birth_date` <= 16
      THEN '6-16'
      WHEN `__age_birth_date` >= 17 AND `__age_birth_date` <= 24
      THEN '17-24'
      WHEN `__age_birth_date` >= 25 AND `__age_birth_date` <= 64
      THEN '25-64'
      WHEN `__age_birth_date` >= 65 AND `__age_birth_date` <= 79
      THEN '65-79'
      WHEN `__age_birth_date` >= 80
      THEN '80+'
    END AS `d4`,
    CASE
      WHEN `__age_birth_date` >= 65 AND `__age_birth_date` <= 74
      THEN '65-74'
      WHEN `__age_birth_date` >= 75 AND `__age_birth_date` <= 84
      THEN '75-84'
      WHEN `__age_birth_date` >= 85
      THEN '85+'
    END AS `d5`,
    CASE
      WHEN `__age_birth_date` >= 0 AND `__age_birth_date` <= 16
      THEN '0-16'
      WHEN `__age_birth_date` >= 17 AND `__age_birth_date` <= 29
      THEN '17-29'
      WHEN `__age_birth_date` >= 30 AND `__age_birth_date` <= 49
      THEN '30-49'
      WHEN `__age_birth_date` >= 50 AND `__age_birth_date` <= 66
      THEN '50-66'
      WHEN `__age_birth_date` >= 67
      THEN '67+'
    END AS `d6`,
    CASE
      WHEN `__age_birth_date` >= 0 AND `__age_birth_date` <= 0
      THEN '0'
      WHEN `__age_birth_date` >= 1 AND `__age_birth_date` <= 2
      THEN '1-2'
      WHEN `__age_birth_date` >= 3 AND `__age_birth_date` <= 5
      THEN '3-5'
    END AS `d7`,
    CASE
      WHEN `__age_birth_date` >= 0 AND `__age_birth_date` <= 0
      THEN '0'
      WHEN `__age_birth_date` >= 1 AND `__age_birth_date` <= 1
      THEN '1'
      WHEN `__age_birth_date` >= 2 AND `__age_birth_date` <= 2
      THEN '2'
      WHEN `__age_birth_date` >= 3 AND `__age_birth_date` <= 3
      THEN '3'
      WHEN `__age_birth_date` >= 4 AND `__age_birth_date` <= 4
      THEN '4'
      WHEN `__age_birth_date` >= 5 AND `__age_birth_date` <= 5
      THEN '5'
    END AS `d8`,
    CASE
      WHEN `__age_birth_date` >= 18 AND `__age_birth_date` <= 29
      THEN '18-29'
      WHEN `__age_birth_date` >= 30 AND `__age_birth_date` <= 49
      THEN '30-49'
      WHEN `__age_birth_date` >= 50 AND `__age_birth_date` <= 64
      THEN '50-64'
      WHEN `__age_birth_date` >= 65
      THEN '65+'
    END AS `d9`,
    CASE
      WHEN `__age_birth_date` >= 65 AND `__age_birth_date` <= 69
      THEN '65-69'
      WHEN `__age_birth_date` >= 70 AND `__age_birth_date` <= 74
      THEN '70-74'
      WHEN `__age_birth_date` >= 75 AND `__age_birth_date` <= 79
      THEN '75-79'
      WHEN `__age_birth_date` >= 80 AND `__age_birth_date` <= 84
      THEN '80-84'
      WHEN `__age_birth_date` >= 85 AND `__age_birth_date` <= 89
      THEN '85-89'
      WHEN `__age_birth_date` >= 90
      THEN '90+'
    END AS `d10`,
    CASE
      WHEN `__age_birth_date` >= 80 AND `__age_birth_date` <= 84
      THEN '80-84'
      WHEN `__age_birth_date` >= 85 AND `__age_birth_date` <= 89
      THEN '85-89'
      WHEN `__age_birth_date` >= 90
      THEN '90+'
    END AS `d11`,
    CASE
      WHEN `__age_birth_date` >= 16 AND `__age_birth_date` <= 29
      THEN '16-29'
      WHEN `__age_birth_date` >= 30 AND `__age_birth_date` <= 49
      THEN '30-49'
      WHEN `__age_birth_date` >= 50 AND `__age_birth_date` <= 66
      THEN '50-66'
    END AS `d12`,
    CASE
      WHEN `__age_birth_date` >= 6 AND `__age_birth_date` <= 9
      THEN '6-9'
      WHEN `__age_birth_date` >= 10 AND `__age_birth_date` <= 12
      THEN '10-12'
      WHEN `__age_birth_date` >= 13 AND `__age_birth_date` <= 16
      THEN '13-16'
    END AS `d13`,
    COALESCE(`__age_birth_date` <= 17, FALSE) AS `f0`,
    COALESCE(`__age_birth_date` BETWEEN 18 AND 22, FALSE) AS `f1`,
    COALESCE(TRUE, FALSE) AS `f2`,
    COALESCE(`__age_birth_date` >= 65, FALSE) AS `f3`,
    COALESCE(`__age_birth_date` >= 80, FALSE) AS `f4`,
    COALESCE(origin IN (4, 5), FALSE) AS `f5`,
    COALESCE(`__age_birth_date` < 17 OR `__age_birth_date` >= 67, FALSE) AS `f6`,
    COALESCE(`__age_birth_date` BETWEEN 17 AND 66, FALSE) AS `f7`,
    COALESCE(`__age_birth_date` BETWEEN 17 AND 64, FALSE) AS `f8`,
    COALESCE(`__age_birth_date` <= 16, FALSE) AS `f9`,
    COALESCE(NOT `__age_birth_date` IS NULL, FALSE) AS `f10`,
    `__age_birth_date` AS `v0`,
    COALESCE(sex = 2 AND `__age_birth_date` BETWEEN 15 AND 49, FALSE) AS `f11`,
    COALESCE(moved_in > birth_date AND DATEDIFF(DAY, moved_in, _period) < 365, FALSE) AS `f12`,
    COALESCE(
      NOT moved_in IS NULL
      AND NOT CAST(DATEDIFF(DAY, moved_in, _period) AS DOUBLE) / CAST(365.25 AS DOUBLE) IS NULL,
      FALSE
    ) AS `f13`,
    CAST(DATEDIFF(DAY, moved_in, _period) AS DOUBLE) / CAST(365.25 AS DOUBLE) AS `v1`,
    COALESCE(`__age_birth_date` <= 5, FALSE) AS `f14`,
    COALESCE(`__age_birth_date` >= 18, FALSE) AS `f15`,
    COALESCE(`__age_birth_date` BETWEEN 6 AND 16, FALSE) AS `f16`,
    COALESCE(`__age_birth_date` >= 67, FALSE) AS `f17`,
    COALESCE(`__age_birth_date` BETWEEN 18 AND 64, FALSE) AS `f18`,
    COALESCE(`__age_birth_date` BETWEEN 80 AND 84, FALSE) AS `f19`,
    COALESCE(`__age_birth_date` BETWEEN 16 AND 66, FALSE) AS `f20`,
    `__age_birth_date` AS `i0`,
    `origin` AS `i1`,
    `sex` AS `i2`
  FROM (
    SELECT
      b.*,
      (
        YEAR(`b`.`_period`) - YEAR(`b`.`birth_date`) - CASE
          WHEN MONTH(`b`.`_period`) < MONTH(`b`.`birth_date`)
          OR (
            MONTH(`b`.`_period`) = MONTH(`b`.`birth_date`)
            AND DAY(`b`.`_period`) < DAY(`b`.`birth_date`)
          )
          THEN 1
          ELSE 0
        END
      ) AS `__age_birth_date`
    FROM current_citizens_residents AS b
  ) AS rel
  WHERE
    `_municipality` IN (101, 147, 151)
) AS projected
GROUP BY
  `_m`,
  `p0`,
  `f12`,
  `f13`,
  `i0`,
  `i1`,
  `i2`;

CREATE OR REPLACE TEMP TABLE group_weights_0 AS
SELECT
  `_m`,
  `p0`,
  `d0`,
  `d3`,
  CASE WHEN `f2` THEN CAST(`v0` AS DOUBLE) END AS `v0`,
  COUNT(`v0`) FILTER(WHERE
    `f2`) AS `wt0`
FROM (
  SELECT
    CAST(`_municipality` AS SMALLINT) AS `_m`,
    `_period` AS `p0`,
    CASE WHEN CAST(sex AS STRING) IN ('1', '2') THEN CAST(sex AS STRING) END AS `d0`,
    CASE
      WHEN `__age_birth_date` >= 0 AND `__age_birth_date` <= 5
      THEN '0-5'
      WHEN `__age_birth_date` >= 6 AND `__age_birth_date` <= 11
      THEN '6-11'
      WHEN `__age_birth_date` >= 12 AND `__age_birth_date` <= 17
      THEN '12-17'
    END AS `d1`,
    CASE
      WHEN `__age_birth_date` >= 0 AND `__age_birth_date` <= 2
      THEN '0-2'
      WHEN `__age_birth_date` >= 3 AND `__age_birth_date` <= 5
      THEN '3-5'
      WHEN `__age_birth_date` >= 6 AND `__age_birth_date` <= 9
      THEN '6-9'
      WHEN `__age_birth_date` >= 10 AND `__age_birth_date` <= 13
      THEN '10-13'
      WHEN `__age_birth_date` >= 14 AND `__age_birth_date` <= 15
      THEN '14-15'
      WHEN `__age_birth_date` >= 16 AND `__age_birth_date` <= 17
      THEN '16-17'
    END AS `d2`,
    CASE
      WHEN CAST(CASE
        WHEN origin = 1
        THEN 'danish'
        WHEN origin IN (2, 3)
        THEN 'western'
        WHEN origin IN (4, 5)
        THEN 'non_western'
      END AS STRING) IN ('danish', 'western', 'non_western')
      THEN CAST(CASE
        WHEN origin = 1
        THEN 'danish'
        WHEN origin IN (2, 3)
        THEN 'western'
        WHEN origin IN (4, 5)
        THEN 'non_western'
      END AS STRING)
    END AS `d3`,
    CASE
      WHEN `__age_birth_date` >= 0 AND `__age_birth_date` <= 5
      THEN '0-5'
      WHEN `__age_birth_date` >= 6 AND `__age_birth_date` <= 16
      THEN '6-16'
      WHEN `__age_birth_date` >= 17 AND `__age_birth_date` <= 24
      THEN '17-24'
      WHEN `__age_birth_date` >= 25 AND `__age_birth_date` <= 64
      THEN '25-64'
      WHEN `__age_birth_date` >= 65 AND `__age_birth_date` <= 79
      THEN '65-79'
      WHEN `__age_birth_date` >= 80
      THEN '80+'
    END AS `d4`,
    CASE
      WHEN `__age_birth_date` >= 65 AND `__age_birth_date` <= 74
      THEN '65-74'
      WHEN `__age_birth_date` >= 75 AND `__age_birth_date` <= 84
      THEN '75-84'
      WHEN `__age_birth_date` >= 85
      THEN '85+'
    END AS `d5`,
    CASE
      WHEN `__age_birth_date` >= 0 AND `__age_birth_date` <= 16
      THEN '0-16'
      WHEN `__age_birth_date` >= 17 AND `__age_birth_date` <= 29
      THEN '17-29'
      WHEN `__age_birth_date` >= 30 AND `__age_birth_date` <= 49
      THEN '30-49'
      WHEN `__age_birth_date` >= 50 AND `__age_birth_date` <= 66
      THEN '50-66'
      WHEN `__age_birth_date` >= 67
      THEN '67+'
    END AS `d6`,
    CASE
      WHEN `__age_birth_date` >= 0 AND `__age_birth_date` <= 0
      THEN '0'
      WHEN `__age_birth_date` >= 1 AND `__age_birth_date` <= 2
      THEN '1-2'
      WHEN `__age_birth_date` >= 3 AND `__age_birth_date` <= 5
      THEN '3-5'
    END AS `d7`,
    CASE
      WHEN `__age_birth_date` >= 0 AND `__age_birth_date` <= 0
      THEN '0'
      WHEN `__age_birth_date` >= 1 AND `__age_birth_date` <= 1
      THEN '1'
      WHEN `__age_birth_date` >= 2 AND `__age_birth_date` <= 2
      THEN '2'
      WHEN `__age_birth_date` >= 3 AND `__age_birth_date` <= 3
      THEN '3'
      WHEN `__age_birth_date` >= 4 AND `__age_birth_date` <= 4
      THEN '4'
      WHEN `__age_birth_date` >= 5 AND `__age_birth_date` <= 5
      THEN '5'
    END AS `d8`,
    CASE
      WHEN `__age_birth_date` >= 18 AND `__age_birth_date` <= 29
      THEN '18-29'
      WHEN `__age_birth_date` >= 30 AND `__age_birth_date` <= 49
      THEN '30-49'
      WHEN `__age_birth_date` >= 50 AND `__age_birth_date` <= 64
      THEN '50-64'
      WHEN `__age_birth_date` >= 65
      THEN '65+'
    END AS `d9`,
    CASE
      WHEN `__age_birth_date` >= 65 AND `__age_birth_date` <= 69
      THEN '65-69'
      WHEN `__age_birth_date` >= 70 AND `__age_birth_date` <= 74
      THEN '70-74'
      WHEN `__age_birth_date` >= 75 AND `__age_birth_date` <= 79
      THEN '75-79'
      WHEN `__age_birth_date` >= 80 AND `__age_birth_date` <= 84
      THEN '80-84'
      WHEN `__age_birth_date` >= 85 AND `__age_birth_date` <= 89
      THEN '85-89'
      WHEN `__age_birth_date` >= 90
      THEN '90+'
    END AS `d10`,
    CASE
      WHEN `__age_birth_date` >= 80 AND `__age_birth_date` <= 84
      THEN '80-84'
      WHEN `__age_birth_date` >= 85 AND `__age_birth_date` <= 89
      THEN '85-89'
      WHEN `__age_birth_date` >= 90
      THEN '90+'
    END AS `d11`,
    CASE
      WHEN `__age_birth_date` >= 16 AND `__age_birth_date` <= 29
      THEN '16-29'
      WHEN `__age_birth_date` >= 30 AND `__age_birth_date` <= 49
      THEN '30-49'
      WHEN `__age_birth_date` >= 50 AND `__age_birth_date` <= 66
      THEN '50-66'
    END AS `d12`,
    CASE
      WHEN `__age_birth_date` >= 6 AND `__age_birth_date` <= 9
      THEN '6-9'
      WHEN `__age_birth_date` >= 10 AND `__age_birth_date` <= 12
      THEN '10-12'
      WHEN `__age_birth_date` >= 13 AND `__age_birth_date` <= 16
      THEN '13-16'
    END AS `d13`,
    COALESCE(`__age_birth_date` <= 17, FALSE) AS `f0`,
    COALESCE(`__age_birth_date` BETWEEN 18 AND 22, FALSE) AS `f1`,
    COALESCE(TRUE, FALSE) AS `f2`,
    COALESCE(`__age_birth_date` >= 65, FALSE) AS `f3`,
    COALESCE(`__age_birth_date` >= 80, FALSE) AS `f4`,
    COALESCE(origin IN (4, 5), FALSE) AS `f5`,
    COALESCE(`__age_birth_date` < 17 OR `__age_birth_date` >= 67, FALSE) AS `f6`,
    COALESCE(`__age_birth_date` BETWEEN 17 AND 66, FALSE) AS `f7`,
    COALESCE(`__age_birth_date` BETWEEN 17 AND 64, FALSE) AS `f8`,
    COALESCE(`__age_birth_date` <= 16, FALSE) AS `f9`,
    COALESCE(NOT `__age_birth_date` IS NULL, FALSE) AS `f10`,
    `__age_birth_date` AS `v0`,
    COALESCE(sex = 2 AND `__age_birth_date` BETWEEN 15 AND 49, FALSE) AS `f11`,
    COALESCE(moved_in > birth_date AND DATEDIFF(DAY, moved_in, _period) < 365, FALSE) AS `f12`,
    COALESCE(
      NOT moved_in IS NULL
      AND NOT CAST(DATEDIFF(DAY, moved_in, _period) AS DOUBLE) / CAST(365.25 AS DOUBLE) IS NULL,
      FALSE
    ) AS `f13`,
    CAST(DATEDIFF(DAY, moved_in, _period) AS DOUBLE) / CAST(365.25 AS DOUBLE) AS `v1`,
    COALESCE(`__age_birth_date` <= 5, FALSE) AS `f14`,
    COALESCE(`__age_birth_date` >= 18, FALSE) AS `f15`,
    COALESCE(`__age_birth_date` BETWEEN 6 AND 16, FALSE) AS `f16`,
    COALESCE(`__age_birth_date` >= 67, FALSE) AS `f17`,
    COALESCE(`__age_birth_date` BETWEEN 18 AND 64, FALSE) AS `f18`,
    COALESCE(`__age_birth_date` BETWEEN 80 AND 84, FALSE) AS `f19`,
    COALESCE(`__age_birth_date` BETWEEN 16 AND 66, FALSE) AS `f20`,
    `__age_birth_date` AS `i0`,
    `origin` AS `i1`,
    `sex` AS `i2`
  FROM (
    SELECT
      b.*,
      (
        YEAR(`b`.`_period`) - YEAR(`b`.`birth_date`) - CASE
          WHEN MONTH(`b`.`_period`) < MONTH(`b`.`birth_date`)
          OR (
            MONTH(`b`.`_period`) = MONTH(`b`.`birth_date`)
            AND DAY(`b`.`_period`) < DAY(`b`.`birth_date`)
          )
          THEN 1
          ELSE 0
        END
      ) AS `__age_birth_date`
    FROM current_citizens_residents AS b
  ) AS rel
  WHERE
    `_municipality` IN (101, 147, 151)
) AS projected
GROUP BY
  `_m`,
  `p0`,
  `d0`,
  `d3`,
  CASE WHEN `f2` THEN CAST(`v0` AS DOUBLE) END;

-- total: 25 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  '' AS `dimension`,
  '' AS `category`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` <= 17, FALSE)), 0) AS DOUBLE) AS `mf95c58fd0616`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` BETWEEN 18 AND 22, FALSE)), 0) AS DOUBLE) AS `m98ed4f2c87c5`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS `mb980a96fe796`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` >= 65, FALSE)), 0) AS DOUBLE) AS `ma71eda79912f`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS `m4e50189524e6`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` >= 80, FALSE)), 0) AS DOUBLE) AS `mdd21ed26df8a`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i1` IN (4, 5), FALSE)), 0) AS DOUBLE) AS `m6278c8f81282`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` < 17 OR `i0` >= 67, FALSE)), 0) AS DOUBLE) AS `md6dcd2c0ddb4`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` BETWEEN 17 AND 66, FALSE)), 0) AS DOUBLE) AS `mf6f2c30c774a`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` BETWEEN 17 AND 64, FALSE)), 0) AS DOUBLE) AS `ma2cd4486a052`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` <= 16, FALSE)), 0) AS DOUBLE) AS `mafcff3734ce3`,
  CAST(SUM(`t1`) FILTER(WHERE
    COALESCE(NOT `i0` IS NULL, FALSE)) AS DOUBLE) AS `md1b0cacaad2b`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(NOT `i0` IS NULL, FALSE)), 0) AS DOUBLE) AS `m2ffd03c78e6a`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i2` = 2 AND `i0` BETWEEN 15 AND 49, FALSE)), 0) AS DOUBLE) AS `mc9bf4238aff3`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    `f12`), 0) AS DOUBLE) AS `m67f8997d65c5`,
  CAST(SUM(`t2`) FILTER(WHERE
    `f13`) AS DOUBLE) AS `ma480ba4d12d9`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    `f13`), 0) AS DOUBLE) AS `m28ee2717020a`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` <= 5, FALSE)), 0) AS DOUBLE) AS `mdac1debe8925`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` >= 18, FALSE)), 0) AS DOUBLE) AS `m4a0d5ec2d8db`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` BETWEEN 6 AND 16, FALSE)), 0) AS DOUBLE) AS `m111f9c612942`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` >= 67, FALSE)), 0) AS DOUBLE) AS `m6584d11a0a03`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` BETWEEN 18 AND 64, FALSE)), 0) AS DOUBLE) AS `mc4360d486d8a`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` BETWEEN 80 AND 84, FALSE)), 0) AS DOUBLE) AS `m1432dfab4b14`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` BETWEEN 16 AND 66, FALSE)), 0) AS DOUBLE) AS `mbac0dc1feea1`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` BETWEEN 16 AND 66, FALSE)), 0) AS DOUBLE) AS `m432d5276cb71`
FROM group_totals
GROUP BY
  `_m`,
  `p0`;

-- total: 1 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  '' AS `dimension`,
  '' AS `category`,
  CAST(`lo13` + (
    `h13` - FLOOR(`h13`)
  ) * (
    `hi13` - `lo13`
  ) AS DOUBLE) AS `m3632d07ae9c9`
FROM (
  SELECT
    `_m`,
    `p0`,
    MIN(`v0`) FILTER(WHERE
      `w13` > 0 AND `r13` > FLOOR(CAST((
        `n13` - 1
      ) AS DOUBLE) * 0.5)) AS `lo13`,
    MIN(`v0`) FILTER(WHERE
      `w13` > 0 AND `r13` > CEIL(CAST((
        `n13` - 1
      ) AS DOUBLE) * 0.5)) AS `hi13`,
    MAX(CAST((
      `n13` - 1
    ) AS DOUBLE) * 0.5) AS `h13`
  FROM (
    SELECT
      `_m`,
      `p0`,
      `v0`,
      `w13`,
      SUM(`w13`) OVER (
        PARTITION BY `_m`, `p0`
        ORDER BY `v0`
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      ) AS `r13`,
      SUM(`w13`) OVER (PARTITION BY `_m`, `p0`) AS `n13`
    FROM (
      SELECT
        `_m`,
        `p0`,
        `v0`,
        SUM(`wt0`) AS `w13`
      FROM group_weights_0
      GROUP BY
        `_m`,
        `p0`,
        `v0`
    ) AS weighed
  ) AS running
  GROUP BY
    `_m`,
    `p0`
) AS picked;

-- by sex: 21 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  'sex' AS `dimension`,
  CAST(CASE WHEN CAST(`i2` AS STRING) IN ('1', '2') THEN CAST(`i2` AS STRING) END AS STRING) AS `category`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` <= 17, FALSE)), 0) AS DOUBLE) AS `mf95c58fd0616`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` BETWEEN 18 AND 22, FALSE)), 0) AS DOUBLE) AS `m98ed4f2c87c5`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS `mb980a96fe796`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` >= 65, FALSE)), 0) AS DOUBLE) AS `ma71eda79912f`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS `m4e50189524e6`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` >= 80, FALSE)), 0) AS DOUBLE) AS `mdd21ed26df8a`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i1` IN (4, 5), FALSE)), 0) AS DOUBLE) AS `m6278c8f81282`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` < 17 OR `i0` >= 67, FALSE)), 0) AS DOUBLE) AS `md6dcd2c0ddb4`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` BETWEEN 17 AND 66, FALSE)), 0) AS DOUBLE) AS `mf6f2c30c774a`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` BETWEEN 17 AND 64, FALSE)), 0) AS DOUBLE) AS `ma2cd4486a052`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` <= 16, FALSE)), 0) AS DOUBLE) AS `mafcff3734ce3`,
  CAST(SUM(`t1`) FILTER(WHERE
    COALESCE(NOT `i0` IS NULL, FALSE)) AS DOUBLE) AS `md1b0cacaad2b`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(NOT `i0` IS NULL, FALSE)), 0) AS DOUBLE) AS `m2ffd03c78e6a`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    `f12`), 0) AS DOUBLE) AS `m67f8997d65c5`,
  CAST(SUM(`t2`) FILTER(WHERE
    `f13`) AS DOUBLE) AS `ma480ba4d12d9`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    `f13`), 0) AS DOUBLE) AS `m28ee2717020a`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` <= 5, FALSE)), 0) AS DOUBLE) AS `mdac1debe8925`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` >= 18, FALSE)), 0) AS DOUBLE) AS `m4a0d5ec2d8db`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` BETWEEN 6 AND 16, FALSE)), 0) AS DOUBLE) AS `m111f9c612942`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` BETWEEN 80 AND 84, FALSE)), 0) AS DOUBLE) AS `m1432dfab4b14`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` BETWEEN 16 AND 66, FALSE)), 0) AS DOUBLE) AS `mbac0dc1feea1`
FROM group_totals
WHERE
  NOT CASE WHEN CAST(`i2` AS STRING) IN ('1', '2') THEN CAST(`i2` AS STRING) END IS NULL
GROUP BY
  `_m`,
  `p0`,
  CASE WHEN CAST(`i2` AS STRING) IN ('1', '2') THEN CAST(`i2` AS STRING) END;

-- by sex: 1 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  'sex' AS `dimension`,
  CAST(`d0` AS STRING) AS `category`,
  CAST(`lo13` + (
    `h13` - FLOOR(`h13`)
  ) * (
    `hi13` - `lo13`
  ) AS DOUBLE) AS `m3632d07ae9c9`
FROM (
  SELECT
    `_m`,
    `p0`,
    `d0`,
    MIN(`v0`) FILTER(WHERE
      `w13` > 0 AND `r13` > FLOOR(CAST((
        `n13` - 1
      ) AS DOUBLE) * 0.5)) AS `lo13`,
    MIN(`v0`) FILTER(WHERE
      `w13` > 0 AND `r13` > CEIL(CAST((
        `n13` - 1
      ) AS DOUBLE) * 0.5)) AS `hi13`,
    MAX(CAST((
      `n13` - 1
    ) AS DOUBLE) * 0.5) AS `h13`
  FROM (
    SELECT
      `_m`,
      `p0`,
      `d0`,
      `v0`,
      `w13`,
      SUM(`w13`) OVER (
        PARTITION BY `_m`, `p0`, `d0`
        ORDER BY `v0`
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      ) AS `r13`,
      SUM(`w13`) OVER (PARTITION BY `_m`, `p0`, `d0`) AS `n13`
    FROM (
      SELECT
        `_m`,
        `p0`,
        `d0`,
        `v0`,
        SUM(`wt0`) AS `w13`
      FROM group_weights_0
      WHERE
        NOT `d0` IS NULL
      GROUP BY
        `_m`,
        `p0`,
        `d0`,
        `v0`
    ) AS weighed
  ) AS running
  GROUP BY
    `_m`,
    `p0`,
    `d0`
) AS picked;

-- by age_children: 1 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  'age_children' AS `dimension`,
  CAST(CASE
    WHEN `i0` >= 0 AND `i0` <= 5
    THEN '0-5'
    WHEN `i0` >= 6 AND `i0` <= 11
    THEN '6-11'
    WHEN `i0` >= 12 AND `i0` <= 17
    THEN '12-17'
  END AS STRING) AS `category`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` <= 17, FALSE)), 0) AS DOUBLE) AS `mf95c58fd0616`
FROM group_totals
WHERE
  NOT CASE
    WHEN `i0` >= 0 AND `i0` <= 5
    THEN '0-5'
    WHEN `i0` >= 6 AND `i0` <= 11
    THEN '6-11'
    WHEN `i0` >= 12 AND `i0` <= 17
    THEN '12-17'
  END IS NULL
GROUP BY
  `_m`,
  `p0`,
  CASE
    WHEN `i0` >= 0 AND `i0` <= 5
    THEN '0-5'
    WHEN `i0` >= 6 AND `i0` <= 11
    THEN '6-11'
    WHEN `i0` >= 12 AND `i0` <= 17
    THEN '12-17'
  END;

-- by children_age: 1 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  'children_age' AS `dimension`,
  CAST(CASE
    WHEN `i0` >= 0 AND `i0` <= 2
    THEN '0-2'
    WHEN `i0` >= 3 AND `i0` <= 5
    THEN '3-5'
    WHEN `i0` >= 6 AND `i0` <= 9
    THEN '6-9'
    WHEN `i0` >= 10 AND `i0` <= 13
    THEN '10-13'
    WHEN `i0` >= 14 AND `i0` <= 15
    THEN '14-15'
    WHEN `i0` >= 16 AND `i0` <= 17
    THEN '16-17'
  END AS STRING) AS `category`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` <= 17, FALSE)), 0) AS DOUBLE) AS `mf95c58fd0616`
FROM group_totals
WHERE
  NOT CASE
    WHEN `i0` >= 0 AND `i0` <= 2
    THEN '0-2'
    WHEN `i0` >= 3 AND `i0` <= 5
    THEN '3-5'
    WHEN `i0` >= 6 AND `i0` <= 9
    THEN '6-9'
    WHEN `i0` >= 10 AND `i0` <= 13
    THEN '10-13'
    WHEN `i0` >= 14 AND `i0` <= 15
    THEN '14-15'
    WHEN `i0` >= 16 AND `i0` <= 17
    THEN '16-17'
  END IS NULL
GROUP BY
  `_m`,
  `p0`,
  CASE
    WHEN `i0` >= 0 AND `i0` <= 2
    THEN '0-2'
    WHEN `i0` >= 3 AND `i0` <= 5
    THEN '3-5'
    WHEN `i0` >= 6 AND `i0` <= 9
    THEN '6-9'
    WHEN `i0` >= 10 AND `i0` <= 13
    THEN '10-13'
    WHEN `i0` >= 14 AND `i0` <= 15
    THEN '14-15'
    WHEN `i0` >= 16 AND `i0` <= 17
    THEN '16-17'
  END;

-- by origin: 13 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  'origin' AS `dimension`,
  CAST(CASE
    WHEN CAST(CASE
      WHEN `i1` = 1
      THEN 'danish'
      WHEN `i1` IN (2, 3)
      THEN 'western'
      WHEN `i1` IN (4, 5)
      THEN 'non_western'
    END AS STRING) IN ('danish', 'western', 'non_western')
    THEN CAST(CASE
      WHEN `i1` = 1
      THEN 'danish'
      WHEN `i1` IN (2, 3)
      THEN 'western'
      WHEN `i1` IN (4, 5)
      THEN 'non_western'
    END AS STRING)
  END AS STRING) AS `category`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS `mb980a96fe796`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` >= 65, FALSE)), 0) AS DOUBLE) AS `ma71eda79912f`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS `m4e50189524e6`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` >= 80, FALSE)), 0) AS DOUBLE) AS `mdd21ed26df8a`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` < 17 OR `i0` >= 67, FALSE)), 0) AS DOUBLE) AS `md6dcd2c0ddb4`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` BETWEEN 17 AND 66, FALSE)), 0) AS DOUBLE) AS `mf6f2c30c774a`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` <= 16, FALSE)), 0) AS DOUBLE) AS `mafcff3734ce3`,
  CAST(SUM(`t1`) FILTER(WHERE
    COALESCE(NOT `i0` IS NULL, FALSE)) AS DOUBLE) AS `md1b0cacaad2b`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(NOT `i0` IS NULL, FALSE)), 0) AS DOUBLE) AS `m2ffd03c78e6a`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    `f12`), 0) AS DOUBLE) AS `m67f8997d65c5`,
  CAST(SUM(`t2`) FILTER(WHERE
    `f13`) AS DOUBLE) AS `ma480ba4d12d9`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    `f13`), 0) AS DOUBLE) AS `m28ee2717020a`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` BETWEEN 16 AND 66, FALSE)), 0) AS DOUBLE) AS `mbac0dc1feea1`
FROM group_totals
WHERE
  NOT CASE
    WHEN CAST(CASE
      WHEN `i1` = 1
      THEN 'danish'
      WHEN `i1` IN (2, 3)
      THEN 'western'
      WHEN `i1` IN (4, 5)
      THEN 'non_western'
    END AS STRING) IN ('danish', 'western', 'non_western')
    THEN CAST(CASE
      WHEN `i1` = 1
      THEN 'danish'
      WHEN `i1` IN (2, 3)
      THEN 'western'
      WHEN `i1` IN (4, 5)
      THEN 'non_western'
    END AS STRING)
  END IS NULL
GROUP BY
  `_m`,
  `p0`,
  CASE
    WHEN CAST(CASE
      WHEN `i1` = 1
      THEN 'danish'
      WHEN `i1` IN (2, 3)
      THEN 'western'
      WHEN `i1` IN (4, 5)
      THEN 'non_western'
    END AS STRING) IN ('danish', 'western', 'non_western')
    THEN CAST(CASE
      WHEN `i1` = 1
      THEN 'danish'
      WHEN `i1` IN (2, 3)
      THEN 'western'
      WHEN `i1` IN (4, 5)
      THEN 'non_western'
    END AS STRING)
  END;

-- by origin: 1 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  'origin' AS `dimension`,
  CAST(`d3` AS STRING) AS `category`,
  CAST(`lo13` + (
    `h13` - FLOOR(`h13`)
  ) * (
    `hi13` - `lo13`
  ) AS DOUBLE) AS `m3632d07ae9c9`
FROM (
  SELECT
    `_m`,
    `p0`,
    `d3`,
    MIN(`v0`) FILTER(WHERE
      `w13` > 0 AND `r13` > FLOOR(CAST((
        `n13` - 1
      ) AS DOUBLE) * 0.5)) AS `lo13`,
    MIN(`v0`) FILTER(WHERE
      `w13` > 0 AND `r13` > CEIL(CAST((
        `n13` - 1
      ) AS DOUBLE) * 0.5)) AS `hi13`,
    MAX(CAST((
      `n13` - 1
    ) AS DOUBLE) * 0.5) AS `h13`
  FROM (
    SELECT
      `_m`,
      `p0`,
      `d3`,
      `v0`,
      `w13`,
      SUM(`w13`) OVER (
        PARTITION BY `_m`, `p0`, `d3`
        ORDER BY `v0`
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      ) AS `r13`,
      SUM(`w13`) OVER (PARTITION BY `_m`, `p0`, `d3`) AS `n13`
    FROM (
      SELECT
        `_m`,
        `p0`,
        `d3`,
        `v0`,
        SUM(`wt0`) AS `w13`
      FROM group_weights_0
      WHERE
        NOT `d3` IS NULL
      GROUP BY
        `_m`,
        `p0`,
        `d3`,
        `v0`
    ) AS weighed
  ) AS running
  GROUP BY
    `_m`,
    `p0`,
    `d3`
) AS picked;

-- by age_life: 4 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  'age_life' AS `dimension`,
  CAST(CASE
    WHEN `i0` >= 0 AND `i0` <= 5
    THEN '0-5'
    WHEN `i0` >= 6 AND `i0` <= 16
    THEN '6-16'
    WHEN `i0` >= 17 AND `i0` <= 24
    THEN '17-24'
    WHEN `i0` >= 25 AND `i0` <= 64
    THEN '25-64'
    WHEN `i0` >= 65 AND `i0` <= 79
    THEN '65-79'
    WHEN `i0` >= 80
    THEN '80+'
  END AS STRING) AS `category`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS `mb980a96fe796`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS `m4e50189524e6`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i1` IN (4, 5), FALSE)), 0) AS DOUBLE) AS `m6278c8f81282`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    `f12`), 0) AS DOUBLE) AS `m67f8997d65c5`
FROM group_totals
WHERE
  NOT CASE
    WHEN `i0` >= 0 AND `i0` <= 5
    THEN '0-5'
    WHEN `i0` >= 6 AND `i0` <= 16
    THEN '6-16'
    WHEN `i0` >= 17 AND `i0` <= 24
    THEN '17-24'
    WHEN `i0` >= 25 AND `i0` <= 64
    THEN '25-64'
    WHEN `i0` >= 65 AND `i0` <= 79
    THEN '65-79'
    WHEN `i0` >= 80
    THEN '80+'
  END IS NULL
GROUP BY
  `_m`,
  `p0`,
  CASE
    WHEN `i0` >= 0 AND `i0` <= 5
    THEN '0-5'
    WHEN `i0` >= 6 AND `i0` <= 16
    THEN '6-16'
    WHEN `i0` >= 17 AND `i0` <= 24
    THEN '17-24'
    WHEN `i0` >= 25 AND `i0` <= 64
    THEN '25-64'
    WHEN `i0` >= 65 AND `i0` <= 79
    THEN '65-79'
    WHEN `i0` >= 80
    THEN '80+'
  END;

-- by age_elderly: 2 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  'age_elderly' AS `dimension`,
  CAST(CASE
    WHEN `i0` >= 65 AND `i0` <= 74
    THEN '65-74'
    WHEN `i0` >= 75 AND `i0` <= 84
    THEN '75-84'
    WHEN `i0` >= 85
    THEN '85+'
  END AS STRING) AS `category`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` >= 65, FALSE)), 0) AS DOUBLE) AS `ma71eda79912f`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS `m4e50189524e6`
FROM group_totals
WHERE
  NOT CASE
    WHEN `i0` >= 65 AND `i0` <= 74
    THEN '65-74'
    WHEN `i0` >= 75 AND `i0` <= 84
    THEN '75-84'
    WHEN `i0` >= 85
    THEN '85+'
  END IS NULL
GROUP BY
  `_m`,
  `p0`,
  CASE
    WHEN `i0` >= 65 AND `i0` <= 74
    THEN '65-74'
    WHEN `i0` >= 75 AND `i0` <= 84
    THEN '75-84'
    WHEN `i0` >= 85
    THEN '85+'
  END;

-- by citizens_age_migration: 1 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  'citizens_age_migration' AS `dimension`,
  CAST(CASE
    WHEN `i0` >= 0 AND `i0` <= 16
    THEN '0-16'
    WHEN `i0` >= 17 AND `i0` <= 29
    THEN '17-29'
    WHEN `i0` >= 30 AND `i0` <= 49
    THEN '30-49'
    WHEN `i0` >= 50 AND `i0` <= 66
    THEN '50-66'
    WHEN `i0` >= 67
    THEN '67+'
  END AS STRING) AS `category`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(TRUE, FALSE)), 0) AS DOUBLE) AS `m4e50189524e6`
FROM group_totals
WHERE
  NOT CASE
    WHEN `i0` >= 0 AND `i0` <= 16
    THEN '0-16'
    WHEN `i0` >= 17 AND `i0` <= 29
    THEN '17-29'
    WHEN `i0` >= 30 AND `i0` <= 49
    THEN '30-49'
    WHEN `i0` >= 50 AND `i0` <= 66
    THEN '50-66'
    WHEN `i0` >= 67
    THEN '67+'
  END IS NULL
GROUP BY
  `_m`,
  `p0`,
  CASE
    WHEN `i0` >= 0 AND `i0` <= 16
    THEN '0-16'
    WHEN `i0` >= 17 AND `i0` <= 29
    THEN '17-29'
    WHEN `i0` >= 30 AND `i0` <= 49
    THEN '30-49'
    WHEN `i0` >= 50 AND `i0` <= 66
    THEN '50-66'
    WHEN `i0` >= 67
    THEN '67+'
  END;

-- by daycare_age: 1 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  'daycare_age' AS `dimension`,
  CAST(CASE
    WHEN `i0` >= 0 AND `i0` <= 0
    THEN '0'
    WHEN `i0` >= 1 AND `i0` <= 2
    THEN '1-2'
    WHEN `i0` >= 3 AND `i0` <= 5
    THEN '3-5'
  END AS STRING) AS `category`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` <= 5, FALSE)), 0) AS DOUBLE) AS `mdac1debe8925`
FROM group_totals
WHERE
  NOT CASE
    WHEN `i0` >= 0 AND `i0` <= 0
    THEN '0'
    WHEN `i0` >= 1 AND `i0` <= 2
    THEN '1-2'
    WHEN `i0` >= 3 AND `i0` <= 5
    THEN '3-5'
  END IS NULL
GROUP BY
  `_m`,
  `p0`,
  CASE
    WHEN `i0` >= 0 AND `i0` <= 0
    THEN '0'
    WHEN `i0` >= 1 AND `i0` <= 2
    THEN '1-2'
    WHEN `i0` >= 3 AND `i0` <= 5
    THEN '3-5'
  END;

-- by daycare_age_year: 1 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  'daycare_age_year' AS `dimension`,
  CAST(CASE
    WHEN `i0` >= 0 AND `i0` <= 0
    THEN '0'
    WHEN `i0` >= 1 AND `i0` <= 1
    THEN '1'
    WHEN `i0` >= 2 AND `i0` <= 2
    THEN '2'
    WHEN `i0` >= 3 AND `i0` <= 3
    THEN '3'
    WHEN `i0` >= 4 AND `i0` <= 4
    THEN '4'
    WHEN `i0` >= 5 AND `i0` <= 5
    THEN '5'
  END AS STRING) AS `category`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` <= 5, FALSE)), 0) AS DOUBLE) AS `mdac1debe8925`
FROM group_totals
WHERE
  NOT CASE
    WHEN `i0` >= 0 AND `i0` <= 0
    THEN '0'
    WHEN `i0` >= 1 AND `i0` <= 1
    THEN '1'
    WHEN `i0` >= 2 AND `i0` <= 2
    THEN '2'
    WHEN `i0` >= 3 AND `i0` <= 3
    THEN '3'
    WHEN `i0` >= 4 AND `i0` <= 4
    THEN '4'
    WHEN `i0` >= 5 AND `i0` <= 5
    THEN '5'
  END IS NULL
GROUP BY
  `_m`,
  `p0`,
  CASE
    WHEN `i0` >= 0 AND `i0` <= 0
    THEN '0'
    WHEN `i0` >= 1 AND `i0` <= 1
    THEN '1'
    WHEN `i0` >= 2 AND `i0` <= 2
    THEN '2'
    WHEN `i0` >= 3 AND `i0` <= 3
    THEN '3'
    WHEN `i0` >= 4 AND `i0` <= 4
    THEN '4'
    WHEN `i0` >= 5 AND `i0` <= 5
    THEN '5'
  END;

-- by disability_age: 1 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  'disability_age' AS `dimension`,
  CAST(CASE
    WHEN `i0` >= 18 AND `i0` <= 29
    THEN '18-29'
    WHEN `i0` >= 30 AND `i0` <= 49
    THEN '30-49'
    WHEN `i0` >= 50 AND `i0` <= 64
    THEN '50-64'
    WHEN `i0` >= 65
    THEN '65+'
  END AS STRING) AS `category`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` >= 18, FALSE)), 0) AS DOUBLE) AS `m4a0d5ec2d8db`
FROM group_totals
WHERE
  NOT CASE
    WHEN `i0` >= 18 AND `i0` <= 29
    THEN '18-29'
    WHEN `i0` >= 30 AND `i0` <= 49
    THEN '30-49'
    WHEN `i0` >= 50 AND `i0` <= 64
    THEN '50-64'
    WHEN `i0` >= 65
    THEN '65+'
  END IS NULL
GROUP BY
  `_m`,
  `p0`,
  CASE
    WHEN `i0` >= 18 AND `i0` <= 29
    THEN '18-29'
    WHEN `i0` >= 30 AND `i0` <= 49
    THEN '30-49'
    WHEN `i0` >= 50 AND `i0` <= 64
    THEN '50-64'
    WHEN `i0` >= 65
    THEN '65+'
  END;

-- by elderly_age_5y: 1 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  'elderly_age_5y' AS `dimension`,
  CAST(CASE
    WHEN `i0` >= 65 AND `i0` <= 69
    THEN '65-69'
    WHEN `i0` >= 70 AND `i0` <= 74
    THEN '70-74'
    WHEN `i0` >= 75 AND `i0` <= 79
    THEN '75-79'
    WHEN `i0` >= 80 AND `i0` <= 84
    THEN '80-84'
    WHEN `i0` >= 85 AND `i0` <= 89
    THEN '85-89'
    WHEN `i0` >= 90
    THEN '90+'
  END AS STRING) AS `category`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` >= 65, FALSE)), 0) AS DOUBLE) AS `ma71eda79912f`
FROM group_totals
WHERE
  NOT CASE
    WHEN `i0` >= 65 AND `i0` <= 69
    THEN '65-69'
    WHEN `i0` >= 70 AND `i0` <= 74
    THEN '70-74'
    WHEN `i0` >= 75 AND `i0` <= 79
    THEN '75-79'
    WHEN `i0` >= 80 AND `i0` <= 84
    THEN '80-84'
    WHEN `i0` >= 85 AND `i0` <= 89
    THEN '85-89'
    WHEN `i0` >= 90
    THEN '90+'
  END IS NULL
GROUP BY
  `_m`,
  `p0`,
  CASE
    WHEN `i0` >= 65 AND `i0` <= 69
    THEN '65-69'
    WHEN `i0` >= 70 AND `i0` <= 74
    THEN '70-74'
    WHEN `i0` >= 75 AND `i0` <= 79
    THEN '75-79'
    WHEN `i0` >= 80 AND `i0` <= 84
    THEN '80-84'
    WHEN `i0` >= 85 AND `i0` <= 89
    THEN '85-89'
    WHEN `i0` >= 90
    THEN '90+'
  END;

-- by elderly_age_oldest: 1 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  'elderly_age_oldest' AS `dimension`,
  CAST(CASE
    WHEN `i0` >= 80 AND `i0` <= 84
    THEN '80-84'
    WHEN `i0` >= 85 AND `i0` <= 89
    THEN '85-89'
    WHEN `i0` >= 90
    THEN '90+'
  END AS STRING) AS `category`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` >= 80, FALSE)), 0) AS DOUBLE) AS `mdd21ed26df8a`
FROM group_totals
WHERE
  NOT CASE
    WHEN `i0` >= 80 AND `i0` <= 84
    THEN '80-84'
    WHEN `i0` >= 85 AND `i0` <= 89
    THEN '85-89'
    WHEN `i0` >= 90
    THEN '90+'
  END IS NULL
GROUP BY
  `_m`,
  `p0`,
  CASE
    WHEN `i0` >= 80 AND `i0` <= 84
    THEN '80-84'
    WHEN `i0` >= 85 AND `i0` <= 89
    THEN '85-89'
    WHEN `i0` >= 90
    THEN '90+'
  END;

-- by age_working: 1 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  'age_working' AS `dimension`,
  CAST(CASE
    WHEN `i0` >= 16 AND `i0` <= 29
    THEN '16-29'
    WHEN `i0` >= 30 AND `i0` <= 49
    THEN '30-49'
    WHEN `i0` >= 50 AND `i0` <= 66
    THEN '50-66'
  END AS STRING) AS `category`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` BETWEEN 16 AND 66, FALSE)), 0) AS DOUBLE) AS `mbac0dc1feea1`
FROM group_totals
WHERE
  NOT CASE
    WHEN `i0` >= 16 AND `i0` <= 29
    THEN '16-29'
    WHEN `i0` >= 30 AND `i0` <= 49
    THEN '30-49'
    WHEN `i0` >= 50 AND `i0` <= 66
    THEN '50-66'
  END IS NULL
GROUP BY
  `_m`,
  `p0`,
  CASE
    WHEN `i0` >= 16 AND `i0` <= 29
    THEN '16-29'
    WHEN `i0` >= 30 AND `i0` <= 49
    THEN '30-49'
    WHEN `i0` >= 50 AND `i0` <= 66
    THEN '50-66'
  END;

-- by schools_age: 1 measures
SELECT
  `_m` AS `municipality`,
  `p0` AS `period`,
  'schools_age' AS `dimension`,
  CAST(CASE
    WHEN `i0` >= 6 AND `i0` <= 9
    THEN '6-9'
    WHEN `i0` >= 10 AND `i0` <= 12
    THEN '10-12'
    WHEN `i0` >= 13 AND `i0` <= 16
    THEN '13-16'
  END AS STRING) AS `category`,
  CAST(COALESCE(SUM(`t0`) FILTER(WHERE
    COALESCE(`i0` BETWEEN 6 AND 16, FALSE)), 0) AS DOUBLE) AS `m111f9c612942`
FROM group_totals
WHERE
  NOT CASE
    WHEN `i0` >= 6 AND `i0` <= 9
    THEN '6-9'
    WHEN `i0` >= 10 AND `i0` <= 12
    THEN '10-12'
    WHEN `i0` >= 13 AND `i0` <= 16
    THEN '13-16'
  END IS NULL
GROUP BY
  `_m`,
  `p0`,
  CASE
    WHEN `i0` >= 6 AND `i0` <= 9
    THEN '6-9'
    WHEN `i0` >= 10 AND `i0` <= 12
    THEN '10-12'
    WHEN `i0` >= 13 AND `i0` <= 16
    THEN '13-16'
  END;

-- denominator drill-down for municipality 101, 2024-06
SELECT
  `_delivery`,
  `_line`,
  `_municipality`,
  `_period`,
  1 AS `measured`,
  `person_id`,
  `birth_date`,
  `sex`,
  `origin`,
  `municipality`,
  `street`,
  `house`,
  `district`,
  `moved_in`
FROM (
  SELECT
    b.*
  FROM current_citizens_residents AS b
) AS rel
WHERE
  `_municipality` = 101 AND `_period` = CAST('2024-06-01' AS DATE)
ORDER BY
  `_delivery`,
  `_line`;
