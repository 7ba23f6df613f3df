/**
 * The analysers are loaded on a tool's first call, not when the server starts: their
 * dependencies (the HDR histogram, pprof's decoder, the YAML writer) would add ~200 ms to
 * every start-up, and most sessions never call an analyser.
 */
export const loadTestAnalyser = () => import('../../analysers/loadtest/index.js');
export const profileAnalyser = () => import('../../analysers/profile/index.js');
export const sloRulesWriter = () => import('../../analysers/slo-rules.js');
export const chartSeriesReader = () => import('../../analysers/loadtest/chart-series.js');
