// The scoring library: pure functions, one job per file, re-exported in commented groups.

// ── Diagnostics: deficits and the pre/post (entry/exit) comparison (issue 4) ──
export {deficit} from "./deficit.ts";
export {deficitLevel, defaultDeficitLevels, DeficitLevelsSchema, type DeficitLevels, type DeficitLevelDef} from "./deficitLevel.ts";
export {normalizedGain} from "./normalizedGain.ts";
export {pairedComparison, type PairedComparison} from "./pairedComparison.ts";
export {pairedTTest, type PairedTTest} from "./pairedTTest.ts";
export {wilcoxonSignedRank, cleanDifference, EXACT_MAX_N, type WilcoxonSignedRank} from "./wilcoxonSignedRank.ts";
export {twoSidedTPValue, tQuantile} from "./studentT.ts";
export {effectSizeLabel, EFFECT_SIZE_THRESHOLDS} from "./effectSizeLabel.ts";
export {prepostReading, formatP, ALPHA, SMALL_SAMPLE, type PrepostFigures} from "./prepostReading.ts";
// ── end of diagnostics ──

// ── Registries: mentoring rules and mentor load (issue 5) ──
export {termEnd, daysBetween, type Term} from "./termEnd.ts";
export {isoDay} from "./isoDay.ts";
export {mentoringDuration, defaultDurationLimits, type MentoringDuration, type DurationLimits, type DurationStatus} from "./mentoringDuration.ts";
export {appointmentDelay, type AppointmentDelay} from "./appointmentDelay.ts";
export {mentorOverlap, type MentorOverlap, type MenteeInterval, type OverlapEpisode} from "./mentorOverlap.ts";
export {mentorLoad, type MentorLoad, type LoadPair, type LoadSummary} from "./mentorLoad.ts";
export {mentoringViolations, MentoringRulesSchema, defaultMentoringRules, type MentoringRules, type RulePair, type RuleId,
  type Violation, type RuleCheck} from "./mentoringRules.ts";
// ── end of registries ──

// ── Effectiveness: SWOT coding and tally, ratings, target indicators, retention (issue 6) ──
export {russianStem, stemWords} from "./russianStem.ts";
export {splitStatements, isNonAnswer} from "./splitStatements.ts";
export {codeStatement, compileCodebook, questionQuadrant, CodebookSchema, QUADRANTS, QUADRANT_LABELS,
  type Codebook, type CompiledCodebook, type Coding, type Quadrant} from "./swotCoding.ts";
export {swotTally, type SwotTally, type SwotMention, type SwotRespondent, type QuadrantTally, type StatementTally} from "./swotTally.ts";
export {ratingSummary, type RatingSummary} from "./ratingSummary.ts";
export {unpairedComparison, MWU_EXACT_MAX_N, type UnpairedComparison} from "./unpairedComparison.ts";
export {indicatorResult, yearOverYear, matchIndicator, resolveTarget, attributeHolds, ruleColumn, IndicatorsConfigSchema,
  type IndicatorsConfig, type IndicatorDef, type IndicatorResult, type RosterRule} from "./targetIndicators.ts";
export {academicYear, academicYearBounds} from "./academicYear.ts";
export {retention, type RetentionCohort, type TeacherSpell} from "./retention.ts";
export {turnover, type Turnover, type StaffSpell} from "./turnover.ts";
// ── end of effectiveness ──

// ── Dashboards: hiding groups of fewer than 5 people (issue 7) ──
export {isSmallGroup, MIN_GROUP_SIZE} from "./smallGroup.ts";
export {suppressedFigures, type SuppressedFigures} from "./suppressedFigures.ts";
// ── end of dashboards ──

// ── Individual routes (ИОМ), their effect, students' results, young specialists (issue 14) ──
export {rankDeficits, type AreaDeficit, type RankedDeficit} from "./rankDeficits.ts";
export {RouteRulesSchema, defaultRouteRules, type RouteRules} from "./routeRules.ts";
export {suggestActivities, routeWindow, type CatalogueActivity, type SuggestedActivity, type SuggestedRoute, type AreaPlan} from "./suggestActivities.ts";
export {activityState, routeCompletion, sumCompletion, type MarkStatus, type RouteActivityMark, type ActivityState,
  type RouteCompletion, type CompletionTotals} from "./routeCompletion.ts";
export {fisherExact, FISHER_TOLERANCE} from "./fisherExact.ts";
export {wilsonInterval, Z_975} from "./wilsonInterval.ts";
export {compareProportions, MIN_EXPECTED_COUNT, type Share, type ProportionComparison} from "./compareProportions.ts";
export {changeDifference, type ChangeDifference} from "./changeDifference.ts";
export {youngCoverage, type YoungCoverage} from "./youngCoverage.ts";
export {deficitChangeText} from "./deficitChange.ts";
// ── end of routes ──
