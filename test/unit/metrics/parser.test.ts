import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseExposition, type MetricFamily } from '../../../src/core/metrics/parser';

function family(text: string, name: string): MetricFamily {
  const found = parseExposition(text).families.find((f) => f.name === name);
  assert.ok(found, `family ${name} missing`);
  return found;
}

describe('parseExposition', () => {
  it('reads HELP and TYPE, with HELP escapes', () => {
    const f = family('# HELP up Whether\\nthe target \\\\ is up.\n# TYPE up gauge\nup 1\n', 'up');
    assert.equal(f.type, 'gauge');
    assert.equal(f.help, 'Whether\nthe target \\ is up.');
    assert.deepEqual(f.samples, [{ name: 'up', labels: {}, value: 1 }]);
  });

  it('unescapes label values and keeps empty ones', () => {
    const f = family('m{path="C:\\\\dir\\\\f.txt",msg="say \\"hi\\"\\nbye",error=""} 2\n', 'm');
    assert.deepEqual(f.samples[0].labels, { path: 'C:\\dir\\f.txt', msg: 'say "hi"\nbye', error: '' });
  });

  it('accepts NaN, ±Inf, exponents, blanks around labels and a trailing comma', () => {
    const f = family('x{a="1"} NaN\nx{a="2"} +Inf\nx{a="3"} -Inf\nx { a = "4" , } 1.5e3\n', 'x');
    const values = f.samples.map((s) => s.value);
    assert.ok(Number.isNaN(values[0]));
    assert.deepEqual(values.slice(1), [Infinity, -Infinity, 1500]);
    assert.deepEqual(f.samples[3].labels, { a: '4' });
  });

  it('reads optional millisecond timestamps and CRLF line ends', () => {
    const f = family('c_total 3 1395066363000\r\nc_total{k="v"} 4\r\n', 'c_total');
    assert.equal(f.samples[0].timestamp, 1395066363000);
    assert.equal(f.samples[1].timestamp, undefined);
    assert.deepEqual(f.samples[1].labels, { k: 'v' });
  });

  it('groups a histogram into series with buckets, sum and count', () => {
    const text = [
      '# TYPE lat histogram',
      'lat_bucket{dir="in",le="1"} 2',
      'lat_bucket{dir="in",le="+Inf"} 5',
      'lat_bucket{dir="out",le="1"} 7',
      'lat_bucket{dir="out",le="+Inf"} 9',
      'lat_sum{dir="in"} 11.5',
      'lat_count{dir="in"} 5',
      'lat_sum{dir="out"} 20',
      'lat_count{dir="out"} 9',
    ].join('\n');
    const f = family(text, 'lat');
    assert.equal(f.samples.length, 0);
    assert.deepEqual(f.histograms, [
      { labels: { dir: 'in' }, buckets: [{ le: 1, count: 2 }, { le: Infinity, count: 5 }], sum: 11.5, count: 5 },
      { labels: { dir: 'out' }, buckets: [{ le: 1, count: 7 }, { le: Infinity, count: 9 }], sum: 20, count: 9 },
    ]);
  });

  it('finds the right histogram series when le is not the last label or series interleave', () => {
    const text = '# TYPE h histogram\nh_bucket{le="1",a="x"} 1\nh_bucket{a="y",le="1"} 4\nh_bucket{le="+Inf",a="x"} 2\nh_bucket{a="y",le="+Inf"} 6\n';
    const f = family(text, 'h');
    assert.deepEqual(f.histograms.map((h) => [h.labels, h.buckets.map((b) => b.count), h.sum]), [
      [{ a: 'x' }, [1, 2], NaN],
      [{ a: 'y' }, [4, 6], NaN],
    ]);
  });

  it('keeps summary quantiles as samples of the base family', () => {
    const f = family('# TYPE rpc summary\nrpc{quantile="0.5"} 3\nrpc_sum 10\nrpc_count 4\n', 'rpc');
    assert.deepEqual(f.samples.map((s) => [s.name, s.value]), [['rpc', 3], ['rpc_sum', 10], ['rpc_count', 4]]);
  });

  it('treats _count of an untyped metric as its own family', () => {
    const result = parseExposition('foo_count 3\n');
    assert.deepEqual(result.families.map((f) => f.name), ['foo_count']);
  });

  it('skips bad lines, reports where they are, and keeps parsing', () => {
    const text = [
      'good 1',
      'bad{a="1" 2',
      'bad2{a=1} 2',
      'novalue{a="1"}',
      'weird 12abc',
      '# TYPE t nonsense',
      'ts 1 1.5',
      'good 2',
      '# TYPE h histogram',
      'h_bucket{x="1"} 3',
    ].join('\n');
    const result = parseExposition(text);
    assert.deepEqual(result.errors.map((e) => [e.line, e.column]), [[2, 11], [3, 8], [4, 15], [5, 7], [6, 10], [7, 6], [10, 1]]);
    assert.match(result.errors[0].message, /"," or "}"/);
    assert.match(result.errors[2].message, /expected a value/);
    assert.match(result.errors[3].message, /invalid value "12abc"/);
    assert.match(result.errors[6].message, /no le label/);
    assert.deepEqual(result.families.find((f) => f.name === 'good')?.samples.map((s) => s.value), [1, 2]);
  });

  it('does not let a bad line corrupt the labels of the next one', () => {
    const text = 'm{a="1",b="2"} 1\nm{a="9",b="2"} oops\nm{a="1",b="2"} 3\nm{a="5",b="2",c="3"} 4\n';
    const result = parseExposition(text);
    assert.equal(result.errors.length, 1);
    assert.deepEqual(result.families[0].samples.map((s) => s.labels), [{ a: '1', b: '2' }, { a: '1', b: '2' }, { a: '5', b: '2', c: '3' }]);
  });

  it('refuses a __proto__ label rather than let it replace the prototype', () => {
    const result = parseExposition('m{__proto__="x",a="1"} 1\nm{a="2"} 2\n');
    assert.deepEqual(result.errors.map((e) => [e.line, e.column]), [[1, 3]]);
    assert.deepEqual(result.families[0].samples.map((s) => s.labels), [{ a: '2' }]);
  });

  it('gives each sample its own labels object', () => {
    const [first, second] = family('m{a="1",b="2"} 1\nm{a="1",b="3"} 2\n', 'm').samples;
    assert.deepEqual(first.labels, { a: '1', b: '2' });
    assert.deepEqual(second.labels, { a: '1', b: '3' });
    assert.notEqual(first.labels, second.labels);
  });

  it('parses the Linkerd proxy sample exposition', () => {
    const text = readFileSync(join(__dirname, '../../fixtures/metrics/emojivoto/web.t1.prom'), 'utf8');
    const result = parseExposition(text);
    assert.deepEqual(result.errors, []);
    const latency = result.families.find((f) => f.name === 'response_latency_ms');
    assert.equal(latency?.type, 'histogram');
    assert.ok(latency && latency.histograms.length > 0 && latency.histograms.every((h) => h.buckets.at(-1)?.le === Infinity && h.labels.le === undefined));
  });
});
