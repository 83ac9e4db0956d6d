/**
 * Bradley-Terry ratings by penalized maximum likelihood (Bradley & Terry 1952; as a logistic regression, Agresti,
 * "Categorical Data Analysis", 3rd ed., section 11.6): P(a beats b) = sigmoid(theta_a - theta_b + beta * delta), where
 * delta is the comparison's length covariate (0 without length control) and beta its coefficient: Chatbot Arena's
 * style control (Li et al. 2024, "Does style matter? Disentangling style and substance in Chatbot Arena") puts style
 * features into the same logistic model, so each model's strength is read at equal length.
 *
 * Ties count as half a win for each side (y = 0.5 in the logistic likelihood), as Chatbot Arena's Elo/BT tables do;
 * a Davidson or Rao-Kupper tie parameter would change the scale of the strengths and lose the direct check against a
 * logistic regression. The likelihood is invariant to adding a constant to every strength, so a small ridge prior
 * lambda/2 * (sum theta^2 + beta^2) identifies it: its minimizer has sum theta = 0, and it keeps an unbeaten model's
 * strength finite (lambda = 0.01 is a normal prior of standard deviation 10 logits, negligible beside a few dozen
 * comparisons). The objective is strictly convex, so Newton's method (with step halving) finds the one minimum.
 */

/** Weighted comparison rows: row r says model a[r] met model b[r] n[r] times and scored s[r] of them (ties 0.5). */
export interface ComparisonRows {
  length: number;
  a: Int32Array;
  b: Int32Array;
  n: Float64Array;
  s: Float64Array;
  /** Length covariate per row; null fits without it (beta absent). */
  delta: Float64Array | null;
}

export interface BradleyTerryFit {
  /** theta per model (logit scale). */
  strengths: Float64Array;
  /** beta, or null when fitted without the covariate. */
  lengthCoefficient: number | null;
  iterations: number;
}

export const DEFAULT_PRIOR = 0.01;
const MAX_ITERATIONS = 100;
/**
 * Newton stops after a full step that moved no parameter more than this: convergence is quadratic, so the error left
 * is of the order of the step squared (~1e-14), far below the 1e-6 the reference check asks.
 */
const STEP_TOLERANCE = 1e-7;

/** The objective with its gradient and Hessian at one point. */
interface Evaluation {
  value: number;
  gradient: Float64Array;
  hessian: Float64Array;
}

/** The penalized negative log-likelihood at `x` = (theta..., beta?). */
export function objective(rows: ComparisonRows, models: number, x: Float64Array, prior = DEFAULT_PRIOR): number {
  return evaluate(rows, models, x, prior).value;
}

/** Fits the ratings of `models` models (indices 0..models-1) from `rows`, starting at `start` (a previous fit). */
export function fitBradleyTerry(
  rows: ComparisonRows,
  models: number,
  options: { prior?: number; start?: BradleyTerryFit } = {},
): BradleyTerryFit {
  const prior = options.prior ?? DEFAULT_PRIOR;
  const withBeta = rows.delta !== null;
  const size = models + (withBeta ? 1 : 0);
  let x = new Float64Array(size);
  if (options.start) {
    x.set(options.start.strengths);
    if (withBeta) x[models] = options.start.lengthCoefficient ?? 0;
  }
  let current = evaluate(rows, models, x, prior);
  let iterations = 0;
  while (iterations < MAX_ITERATIONS) {
    iterations++;
    const step = solveCholesky(current.hessian, current.gradient, size);
    let scale = 1;
    let next = x;
    let evaluated = current;
    // Step halving: a full Newton step can overshoot far from the minimum (the Hessian of a logistic loss shrinks).
    // One pass over the rows per trial point gives its value, gradient and Hessian together.
    // Near the minimum the decrease (~ step^2) falls below the rounding of a sum over a million rows: a change of the
    // value within that rounding counts as no increase, or the last step would be halved 40 times for nothing.
    const rounding = 1e-12 * Math.abs(current.value);
    for (let halving = 0; halving < 40; halving++) {
      next = x.map((v, i) => v - scale * (step[i] as number));
      evaluated = evaluate(rows, models, next, prior);
      if (evaluated.value <= current.value + rounding) break;
      scale /= 2;
    }
    // No decrease even for a tiny step: at the minimum within rounding.
    if (evaluated.value > current.value + rounding) break;
    let moved = 0;
    for (let i = 0; i < size; i++) moved = Math.max(moved, Math.abs((next[i] as number) - (x[i] as number)));
    x = next;
    current = evaluated;
    if (scale === 1 && moved < STEP_TOLERANCE) break;
  }
  return {
    strengths: x.slice(0, models),
    lengthCoefficient: withBeta ? (x[models] as number) : null,
    iterations,
  };
}

/**
 * Value, gradient and Hessian of the objective at x, in one pass over the rows. With z = theta_a - theta_b +
 * beta delta, p = sigmoid(z) and e = exp(-|z|): -log p = max(-z, 0) + log1p(e) and -log(1 - p) = max(z, 0) +
 * log1p(e); a row adds d/dz = n p - s and d2/dz2 = n p (1 - p), spread over theta_a (+1), theta_b (-1) and beta
 * (delta).
 */
function evaluate(rows: ComparisonRows, models: number, x: Float64Array, prior: number): Evaluation {
  const size = x.length;
  const gradient = new Float64Array(size);
  const hessian = new Float64Array(size * size);
  const delta = rows.delta;
  const beta = delta ? (x[models] as number) : 0;
  const k = models;
  let value = 0;
  for (let r = 0; r < rows.length; r++) {
    const a = rows.a[r] as number;
    const b = rows.b[r] as number;
    const d = delta ? (delta[r] as number) : 0;
    const n = rows.n[r] as number;
    const s = rows.s[r] as number;
    const z = (x[a] as number) - (x[b] as number) + beta * d;
    const e = Math.exp(-Math.abs(z));
    const p = z >= 0 ? 1 / (1 + e) : e / (1 + e);
    const softplus = Math.log1p(e);
    value += s * (Math.max(-z, 0) + softplus) + (n - s) * (Math.max(z, 0) + softplus);
    const g = n * p - s;
    const w = n * p * (1 - p);
    gradient[a] = (gradient[a] as number) + g;
    gradient[b] = (gradient[b] as number) - g;
    hessian[a * size + a] = (hessian[a * size + a] as number) + w;
    hessian[b * size + b] = (hessian[b * size + b] as number) + w;
    hessian[a * size + b] = (hessian[a * size + b] as number) - w;
    hessian[b * size + a] = (hessian[b * size + a] as number) - w;
    if (delta) {
      gradient[k] = (gradient[k] as number) + g * d;
      hessian[a * size + k] = (hessian[a * size + k] as number) + w * d;
      hessian[k * size + a] = (hessian[k * size + a] as number) + w * d;
      hessian[b * size + k] = (hessian[b * size + k] as number) - w * d;
      hessian[k * size + b] = (hessian[k * size + b] as number) - w * d;
      hessian[k * size + k] = (hessian[k * size + k] as number) + w * d * d;
    }
  }
  let squares = 0;
  for (let i = 0; i < size; i++) {
    const v = x[i] as number;
    squares += v * v;
    gradient[i] = (gradient[i] as number) + prior * v;
    hessian[i * size + i] = (hessian[i * size + i] as number) + prior;
  }
  return { value: value + (prior / 2) * squares, gradient, hessian };
}

/** Solves H step = g for a symmetric positive definite H (the prior makes it so) by Cholesky decomposition. */
function solveCholesky(hessian: Float64Array, gradient: Float64Array, size: number): Float64Array {
  const lower = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = hessian[i * size + j] as number;
      for (let k = 0; k < j; k++) sum -= (lower[i * size + k] as number) * (lower[j * size + k] as number);
      lower[i * size + j] = i === j ? Math.sqrt(Math.max(sum, 1e-300)) : sum / (lower[j * size + j] as number);
    }
  }
  const y = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    let sum = gradient[i] as number;
    for (let k = 0; k < i; k++) sum -= (lower[i * size + k] as number) * (y[k] as number);
    y[i] = sum / (lower[i * size + i] as number);
  }
  const step = new Float64Array(size);
  for (let i = size - 1; i >= 0; i--) {
    let sum = y[i] as number;
    for (let k = i + 1; k < size; k++) sum -= (lower[k * size + i] as number) * (step[k] as number);
    step[i] = sum / (lower[i * size + i] as number);
  }
  return step;
}
