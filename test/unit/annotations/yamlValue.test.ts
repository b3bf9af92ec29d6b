import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { needsQuotes, yamlString } from '../../../src/core/annotations/yamlValue';

describe('annotation values as YAML strings', () => {
  it('quotes what YAML 1.1 reads as booleans, nulls or numbers', () => {
    for (const v of ['true', 'False', 'off', 'ON', 'yes', 'n', '~', 'null', '4191', '-1', '0.25', '1e3', '0x1F', '1_000', '.inf', '190:20:30', '']) {
      assert.ok(needsQuotes(v), v);
    }
  });

  it('leaves ordinary strings bare', () => {
    for (const v of ['enabled', 'IfNotPresent', '100m', '64Mi', '25,4000-4100', '10.0.0.0/8', 'warn,linkerd=debug', 'cr.l5d.io/linkerd/proxy', '1000ms', 'edge-26.8.3']) {
      assert.ok(!needsQuotes(v), v);
    }
  });

  it('writes scalars that read back as the same string', () => {
    for (const v of ['off', '4191', '[{"name":"X","value":"1"}]', "it's", 'a: b', '# x', '*alias', '- item']) {
      const written = yamlString(v);
      assert.equal(parse(`k: ${written}`, { version: '1.1' }).k, v, written);
    }
    assert.equal(yamlString('true'), '"true"');
    assert.equal(yamlString('enabled'), 'enabled');
  });
});
