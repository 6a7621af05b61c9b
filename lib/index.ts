// The scoring library: pure functions, one job per file, re-exported here in commented groups.
// Tests import lib/ through this file (tests/lib/index.test.ts checks that every module is here).

// ── Shared: formats, plural, vocabulary, periods, text ──
export * from "./format.ts";
export * from "./plural.ts";
export * from "./glossary.ts";
export * from "./period.ts";
export * from "./academicYear.ts";
export * from "./isoDay.ts";
export * from "./normalizeText.ts";
export * from "./russianStem.ts";

// ── Engagement against targets (quarterly forms) ──
export * from "./engagedCounts.ts";
export * from "./engagementPercent.ts";
export * from "./engagementSummary.ts";
export * from "./meetsTarget.ts";

// ── Statistics: which test, paired and unpaired comparisons, distributions ──
export * from "./chosenTest.ts";
export * from "./pairedComparison.ts";
export * from "./pairedTTest.ts";
export * from "./wilcoxonSignedRank.ts";
export * from "./unpairedComparison.ts";
export * from "./studentT.ts";
export * from "./effectSizeLabel.ts";
export * from "./ratingSummary.ts";

// ── Diagnostics: deficits and the pre/post (entry/exit) comparison ──
export * from "./competenceAreas.ts";
export * from "./deficit.ts";
export * from "./deficitLevel.ts";
export * from "./normalizedGain.ts";
export * from "./prepostReading.ts";

// ── Registries: mentoring rules and mentor load ──
export * from "./termEnd.ts";
export * from "./mentoringDuration.ts";
export * from "./appointmentDelay.ts";
export * from "./mentorOverlap.ts";
export * from "./mentorLoad.ts";
export * from "./mentoringRules.ts";

// ── Effectiveness: SWOT coding and tally, target indicators, retention, turnover ──
export * from "./splitStatements.ts";
export * from "./swotCoding.ts";
export * from "./swotTally.ts";
export * from "./targetIndicators.ts";
export * from "./retention.ts";
export * from "./turnover.ts";

// ── Aggregate pages: hiding groups of fewer than N people ──
export * from "./smallGroup.ts";
export * from "./suppressedFigures.ts";
export * from "./complementarySuppression.ts";

// ── The directory of schools and coverage of a quarter ──
export * from "./schoolName.ts";
export * from "./coverage.ts";

// ── Individual routes (ИОМ), their effect, students' results, young specialists ──
export * from "./rankDeficits.ts";
export * from "./routeRules.ts";
export * from "./suggestActivities.ts";
export * from "./routeCompletion.ts";
export * from "./fisherExact.ts";
export * from "./wilsonInterval.ts";
export * from "./compareProportions.ts";
export * from "./changeDifference.ts";
export * from "./youngCoverage.ts";
export * from "./deficitChange.ts";

// ── Targets of every kind: shares, counts, growth and decline on last year, decided exactly ──
export * from "./rational.ts";
export * from "./targetDecision.ts";

// ── The federal view: subjects of the Federation, coverage of a figure ──
export * from "./russianRegion.ts";
export * from "./coverageVerdict.ts";

// ── What participants say, before and after (issue 15 §2) ──
export * from "./mcnemarExact.ts";
export * from "./waveComparison.ts";
export * from "./waveReading.ts";
