/**
 * Prometheus's HTTP API answers (https://prometheus.io/docs/prometheus/latest/querying/api/): the instant
 * vector of `/api/v1/query` and the range matrix of `/api/v1/query_range`, checked sample by sample so that an
 * answer we cannot read fails saying which query and which result, never as a wrong number.
 */
import type { Labels } from './labels';
import { parsePromFloat } from './parser';
import type { Vector } from './queries';
import { MeshawareError } from '../errors';

export class PrometheusError extends MeshawareError {
  constructor(readonly promql: string, message: string) {
    super('prometheus', message);
  }
}

/** One series of a range query: its labels and its values at each step it had one, oldest first. */
export interface MatrixSeries {
  readonly labels: Labels;
  readonly samples: readonly (readonly [time: number, value: number])[];
}
export type Matrix = MatrixSeries[];

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The `data.result` array of a successful answer of `resultType`, or a PrometheusError saying what came instead. */
function resultOf(promql: string, body: unknown, resultType: 'vector' | 'matrix'): unknown[] {
  if (!isRecord(body)) throw new PrometheusError(promql, 'Prometheus answered with something that is not a JSON object.');
  if (body.status !== 'success') {
    throw new PrometheusError(promql, `Prometheus rejected the query (${String(body.errorType ?? 'error')}): ${String(body.error ?? 'no reason given')}`);
  }
  const data = body.data;
  if (!isRecord(data) || data.resultType !== resultType || !Array.isArray(data.result)) {
    throw new PrometheusError(promql, `Expected ${resultType === 'vector' ? 'an instant vector' : 'a range matrix'} from Prometheus, got ${isRecord(data) ? String(data.resultType) : 'no data'}.`);
  }
  return data.result;
}

const labelsOf = (entry: unknown): Labels | undefined => {
  const metric = isRecord(entry) ? entry.metric : undefined;
  return isRecord(metric) && Object.values(metric).every((v) => typeof v === 'string') ? (metric as Labels) : undefined;
};

/** A `[time, "value"]` pair as Prometheus writes every sample. */
const pairOf = (pair: unknown): [number, number] | undefined => {
  if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'number' || typeof pair[1] !== 'string') return undefined;
  const value = parsePromFloat(pair[1]);
  return value === undefined ? undefined : [pair[0], value];
};

/** The samples of an instant-vector response: `{status, data: {resultType: "vector", result: [{metric, value: [t, "v"]}]}}`. */
export function vectorFromResponse(promql: string, body: unknown): Vector {
  return resultOf(promql, body, 'vector').map((entry, i) => {
    const labels = labelsOf(entry);
    const pair = pairOf(isRecord(entry) ? entry.value : undefined);
    if (!labels || !pair) throw new PrometheusError(promql, `Result ${i} from Prometheus is not a {metric, value: [time, "number"]} sample.`);
    return { labels, value: pair[1] };
  });
}

/** The series of a range response: `{status, data: {resultType: "matrix", result: [{metric, values: [[t, "v"], …]}]}}`. */
export function matrixFromResponse(promql: string, body: unknown): Matrix {
  return resultOf(promql, body, 'matrix').map((entry, i) => {
    const labels = labelsOf(entry);
    const values = isRecord(entry) ? entry.values : undefined;
    if (!labels || !Array.isArray(values)) throw new PrometheusError(promql, `Result ${i} from Prometheus is not a {metric, values: [[time, "number"], …]} series.`);
    const samples = values.map((v: unknown, j) => {
      const pair = pairOf(v);
      if (!pair) throw new PrometheusError(promql, `Sample ${j} of result ${i} from Prometheus is not a [time, "number"] pair.`);
      return pair;
    });
    return { labels, samples };
  });
}

/** Prometheus writes step times in seconds with millisecond precision. */
const TIME_TOLERANCE_SECONDS = 0.001;

/**
 * One instant vector per step of a range query (start, start + step, … — the times Prometheus evaluates at),
 * each holding the series that had a value at that step: what an instant query at that time would have answered.
 */
export function vectorsByStep(promql: string, matrix: Matrix, start: number, stepSeconds: number, steps: number): Vector[] {
  const out: Vector[] = Array.from({ length: steps }, () => []);
  matrix.forEach(({ labels, samples }, i) => {
    for (const [time, value] of samples) {
      const step = Math.round((time - start) / stepSeconds);
      if (step < 0 || step >= steps || Math.abs(start + step * stepSeconds - time) > TIME_TOLERANCE_SECONDS) {
        throw new PrometheusError(promql, `Result ${i} from Prometheus has a sample at ${time}, which is not a step of the range from ${start} every ${stepSeconds} s.`);
      }
      out[step].push({ labels, value });
    }
  });
  return out;
}
