/**
 * Exact two-sided binomial test p-value: the probability, under Binomial(trials, probability), of every outcome no
 * more likely than the one observed. The method of R's binom.test and scipy.stats.binomtest (two-sided), including
 * their relative tolerance of 1e-7 when comparing probabilities. Computed in log space so thousands of trials do not
 * underflow.
 */
export function binomialTestTwoSided(successes: number, trials: number, probability: number): number {
  if (!Number.isInteger(trials) || trials < 0 || !Number.isInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(`binomial test needs 0 <= successes <= trials (integers), got ${successes} of ${trials}`);
  }
  if (!(probability >= 0 && probability <= 1))
    throw new RangeError(`probability must be in [0, 1], got ${probability}`);
  if (probability === 0) return successes === 0 ? 1 : 0;
  if (probability === 1) return successes === trials ? 1 : 0;

  // log P(X = k) by the recurrence P(k + 1) = P(k) * (n - k) / (k + 1) * p / (1 - p).
  const logOdds = Math.log(probability) - Math.log1p(-probability);
  const logPmf = new Array<number>(trials + 1);
  logPmf[0] = trials * Math.log1p(-probability);
  for (let k = 0; k < trials; k++) {
    logPmf[k + 1] = (logPmf[k] as number) + Math.log(trials - k) - Math.log(k + 1) + logOdds;
  }
  const threshold = (logPmf[successes] as number) + Math.log1p(1e-7);
  let pValue = 0;
  for (const logP of logPmf) if (logP <= threshold) pValue += Math.exp(logP);
  return Math.min(1, pValue);
}
