-- The country roll-up of the regions' aggregate exports (issue 15 §6; docs/federal.md).
--
-- Plain SQL over three tables read from Parquet with Hive partitioning:
--   school_quarters     DIR/school_quarters/region=…/year=…/quarter=…/*.parquet
--   engagement_by_form  DIR/engagement_by_form/region=…/year=…/quarter=…/*.parquet
--   diagnostic_areas    DIR/diagnostic_areas/region=…/wave=…/*.parquet
-- Only standard SQL (CASE inside SUM, COUNT(DISTINCT), GROUP BY listed columns), so DuckDB, Spark SQL,
-- Trino and ClickHouse run these statements unchanged once the three tables are defined over the files.
-- Every statement returns all quarters; add `WHERE year = 2024 AND quarter = 3` (partition pruning)
-- for one. Sums only: percentages and target decisions are made from the integer sums afterwards
-- (Σ engaged / Σ population, never a mean of percentages). A school is in the sums when `included`
-- (a Form 1 row and at least one engagement row, as in the region's own report).
-- Each statement starts with a line «-- name: <name>»; reports/federal/rollup.ts runs them by name.

-- name: regions_present
-- Every region in the exports, whatever quarters it has.
SELECT region, region_name, COUNT(*) AS school_quarters
FROM school_quarters
GROUP BY region, region_name;

-- name: periods
-- Quarters present in any region's export.
SELECT year, quarter, COUNT(DISTINCT region) AS regions
FROM school_quarters
GROUP BY year, quarter;

-- name: regions
-- Per region and quarter: coverage (schools expected, reported, counted) and the sums over counted schools.
SELECT region, region_name, year, quarter,
  COUNT(*) AS schools_expected,
  SUM(CASE WHEN reported THEN 1 ELSE 0 END) AS schools_reported,
  SUM(CASE WHEN included THEN 1 ELSE 0 END) AS schools_counted,
  SUM(CASE WHEN included THEN COALESCE(students_engaged, 0) ELSE 0 END) AS students_engaged,
  SUM(CASE WHEN included THEN COALESCE(students_population, 0) ELSE 0 END) AS students_population,
  SUM(CASE WHEN included THEN COALESCE(teachers_engaged, 0) ELSE 0 END) AS teachers_engaged,
  SUM(CASE WHEN included THEN COALESCE(teachers_population, 0) ELSE 0 END) AS teachers_population
FROM school_quarters
GROUP BY region, region_name, year, quarter;

-- name: municipalities
-- The same per municipality of each region.
SELECT region, region_name, municipality, year, quarter,
  COUNT(*) AS schools_expected,
  SUM(CASE WHEN reported THEN 1 ELSE 0 END) AS schools_reported,
  SUM(CASE WHEN included THEN 1 ELSE 0 END) AS schools_counted,
  SUM(CASE WHEN included THEN COALESCE(students_engaged, 0) ELSE 0 END) AS students_engaged,
  SUM(CASE WHEN included THEN COALESCE(students_population, 0) ELSE 0 END) AS students_population,
  SUM(CASE WHEN included THEN COALESCE(teachers_engaged, 0) ELSE 0 END) AS teachers_engaged,
  SUM(CASE WHEN included THEN COALESCE(teachers_population, 0) ELSE 0 END) AS teachers_population
FROM school_quarters
GROUP BY region, region_name, municipality, year, quarter;

-- name: country
-- The whole country per quarter: regions with the quarter, regions with at least one school counted, and the sums.
SELECT year, quarter,
  COUNT(DISTINCT region) AS regions_with_period,
  COUNT(DISTINCT CASE WHEN included THEN region END) AS regions_counted,
  COUNT(*) AS schools_expected,
  SUM(CASE WHEN reported THEN 1 ELSE 0 END) AS schools_reported,
  SUM(CASE WHEN included THEN 1 ELSE 0 END) AS schools_counted,
  SUM(CASE WHEN included THEN COALESCE(students_engaged, 0) ELSE 0 END) AS students_engaged,
  SUM(CASE WHEN included THEN COALESCE(students_population, 0) ELSE 0 END) AS students_population,
  SUM(CASE WHEN included THEN COALESCE(teachers_engaged, 0) ELSE 0 END) AS teachers_engaged,
  SUM(CASE WHEN included THEN COALESCE(teachers_population, 0) ELSE 0 END) AS teachers_population
FROM school_quarters
GROUP BY year, quarter;

-- name: forms_by_region
-- Engagement per form of mentoring (2 ученик – ученик, 3 учитель – учитель, 4 студент – ученик,
-- 5 работодатель – ученик) per region, over counted schools.
SELECT region, year, quarter, form,
  SUM(programmes) AS programmes,
  SUM(mentors) AS mentors,
  SUM(mentees) AS mentees,
  SUM(students_engaged) AS students_engaged,
  SUM(teachers_engaged) AS teachers_engaged
FROM engagement_by_form
WHERE included
GROUP BY region, year, quarter, form;

-- name: forms_country
-- The same for the whole country.
SELECT year, quarter, form,
  COUNT(DISTINCT region) AS regions,
  SUM(programmes) AS programmes,
  SUM(mentors) AS mentors,
  SUM(mentees) AS mentees,
  SUM(students_engaged) AS students_engaged,
  SUM(teachers_engaged) AS teachers_engaged
FROM engagement_by_form
WHERE included
GROUP BY year, quarter, form;

-- name: diagnostics_country
-- Diagnostics per wave and competence area: teachers measured and the sum of results over the
-- regions that show the area (an area of fewer than 5 teachers in a region is exported hidden).
SELECT wave, area,
  SUM(CASE WHEN suppressed THEN 0 ELSE 1 END) AS regions,
  SUM(CASE WHEN suppressed THEN 1 ELSE 0 END) AS regions_hidden,
  SUM(CASE WHEN suppressed THEN 0 ELSE teachers END) AS teachers,
  SUM(CASE WHEN suppressed THEN 0 ELSE result_sum END) AS result_sum
FROM diagnostic_areas
GROUP BY wave, area;
