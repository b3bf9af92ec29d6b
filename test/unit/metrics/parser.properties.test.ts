import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parseExposition } from '../../../src/core/metrics/parser';

interface GenSample {
  labels: Array<[string, string]>;
  value: number;
  timestamp?: number;
}

const labelName = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,8}$/).filter((n) => n !== 'le' && n !== '__proto__');
// Values mix plain text with the three characters the format escapes, and non-ASCII.
const labelValue = fc.string({ unit: fc.constantFrom('a', 'b', '9', ' ', ',', '}', '=', '"', '\\', '\n', 'é', '✓'), maxLength: 8 });
const value = fc.oneof(fc.double(), fc.integer({ min: -1e6, max: 1e6 }), fc.constantFrom(NaN, Infinity, -Infinity, 0));
const labelSet = fc.uniqueArray(fc.tuple(labelName, labelValue), { selector: ([k]) => k, maxLength: 5 });
const sample: fc.Arbitrary<GenSample> = fc.record({ labels: labelSet, value, timestamp: fc.option(fc.integer({ min: -1e12, max: 2e12 }), { nil: undefined }) });

function escapeValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function formatValue(v: number): string {
  return Number.isNaN(v) ? 'NaN' : v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : String(v);
}

function line(name: string, s: GenSample): string {
  const labels = s.labels.length ? `{${s.labels.map(([k, v]) => `${k}="${escapeValue(v)}"`).join(',')}}` : '';
  return `${name}${labels} ${formatValue(s.value)}${s.timestamp === undefined ? '' : ` ${s.timestamp}`}`;
}

const same = (a: number, b: number) => (Number.isNaN(a) && Number.isNaN(b)) || Object.is(a, b) || a === b;

describe('parseExposition properties (generated expositions)', () => {
  it('reads back every sample written in the text format', () => {
    fc.assert(fc.property(fc.array(sample, { maxLength: 12 }), (samples) => {
      const text = ['# TYPE gen_total counter', ...samples.map((s) => line('gen_total', s))].join('\n');
      const { families, errors } = parseExposition(text);
      assert.deepEqual(errors, []);
      const parsed = families.find((f) => f.name === 'gen_total')?.samples ?? [];
      assert.equal(parsed.length, samples.length);
      parsed.forEach((p, i) => {
        assert.deepEqual(p.labels, Object.fromEntries(samples[i].labels));
        assert.ok(same(p.value, samples[i].value), `${p.value} vs ${samples[i].value}`);
        assert.equal(p.timestamp, samples[i].timestamp);
      });
    }));
  });

  it('groups generated histograms whatever the label order and layout', () => {
    const series = fc.uniqueArray(labelSet, { selector: (l) => JSON.stringify([...l].sort()), minLength: 1, maxLength: 4 });
    fc.assert(fc.property(series, fc.boolean(), fc.boolean(), (sets, leFirst, oneSeriesAtATime) => {
      const bounds = ['0.5', '1', '+Inf'];
      const bucket = (labels: Array<[string, string]>, i: number, le: string): string =>
        line('lat_bucket', { labels: leFirst ? [['le', le], ...labels] : [...labels, ['le', le]], value: i * 10 + bounds.indexOf(le) });
      const totals = (labels: Array<[string, string]>, i: number): string[] => [line('lat_sum', { labels, value: i + 0.5 }), line('lat_count', { labels, value: i * 10 + 2 })];
      const lines = ['# TYPE lat histogram'];
      if (oneSeriesAtATime) {
        // What client libraries and the proxy write: each series' buckets, then its _sum and _count.
        sets.forEach((labels, i) => lines.push(...bounds.map((le) => bucket(labels, i, le)), ...totals(labels, i)));
      } else {
        for (const le of bounds) sets.forEach((labels, i) => lines.push(bucket(labels, i, le)));
        [...sets.entries()].reverse().forEach(([i, labels]) => lines.push(...totals(labels, i)));
      }
      const { families, errors } = parseExposition(lines.join('\n'));
      assert.deepEqual(errors, []);
      const histograms = families.find((f) => f.name === 'lat')?.histograms ?? [];
      assert.equal(histograms.length, sets.length);
      histograms.forEach((h, i) => {
        assert.deepEqual(h.labels, Object.fromEntries(sets[i]));
        assert.deepEqual(h.buckets, [{ le: 0.5, count: i * 10 }, { le: 1, count: i * 10 + 1 }, { le: Infinity, count: i * 10 + 2 }]);
        assert.deepEqual([h.sum, h.count], [i + 0.5, i * 10 + 2]);
      });
    }));
  });

  it('never throws, and a damaged line costs only that line', () => {
    fc.assert(fc.property(fc.array(sample, { minLength: 1, maxLength: 8 }), fc.nat(), fc.string({ maxLength: 12 }), (samples, at, junk) => {
      const lines = samples.map((s) => line('m', s));
      const victim = at % lines.length;
      lines[victim] = `${lines[victim].slice(0, lines[victim].length >> 1)}${junk.replace(/\n/g, '')}`;
      const { families, errors } = parseExposition(lines.join('\n'));
      const parsed = families.flatMap((f) => f.samples);
      assert.ok(parsed.length + errors.length >= samples.length - 1 && parsed.length <= samples.length);
      for (const e of errors) assert.equal(e.line, victim + 1);
      const intact = parsed.filter((p) => p.name === 'm');
      const expected = samples.filter((_s, i) => i !== victim);
      for (const s of expected) assert.ok(intact.some((p) => same(p.value, s.value) && JSON.stringify(p.labels) === JSON.stringify(Object.fromEntries(s.labels))));
    }));
  });
});
