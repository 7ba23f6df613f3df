/** Acceptance: A/A on autocorrelated synthetic runs must (almost) never report a regression. */
import { expect, it } from 'vitest';
import { compareRuns } from './compare.js';
import { CALIBRATION, CALIBRATION_PAIRS, CALIBRATION_RESAMPLES, syntheticRun } from './synthetic.js';

it(`fewer than 5 % of ${CALIBRATION_PAIRS} A/A comparisons report any regressed metric`, () => {
  let anyRegressed = 0;
  let unchanged = 0;
  const byMetric: Record<string, number> = {};
  for (let k = 0; k < CALIBRATION_PAIRS; k++) {
    const before = syntheticRun({ ...CALIBRATION, seed: 10_000 + 2 * k });
    const after = syntheticRun({ ...CALIBRATION, seed: 10_001 + 2 * k });
    const r = compareRuns(before, after, { seed: k + 1, resamples: CALIBRATION_RESAMPLES });
    const regressed = r.metrics.filter((m) => m.verdict === 'regressed');
    if (regressed.length > 0) anyRegressed++;
    for (const m of regressed) byMetric[m.metric] = (byMetric[m.metric] ?? 0) + 1;
    if (r.verdict === 'unchanged') unchanged++;
    expect(r.method).toBe('block-bootstrap');
  }
  console.log(
    `A/A: ${anyRegressed}/${CALIBRATION_PAIRS} with a regressed metric ${JSON.stringify(byMetric)}; top-level unchanged ${unchanged}/${CALIBRATION_PAIRS}`,
  );
  expect(anyRegressed).toBeLessThan(0.05 * CALIBRATION_PAIRS);
});
