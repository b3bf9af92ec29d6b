import * as assert from 'node:assert/strict';
import { findInjectionTargets, InjectionEditError, planInjectionEdit } from '../../../src/core/inject';
import { parseManifest } from '../../../src/core/yaml/manifest';

describe('inject on mixed line endings', () => {
  // Found by the damaged-manifest property (seed -80068923): a lone CR ends a comment line for YAML, and Add
  // once wrote its key after it, leaving a document that no longer parsed.
  it('refuses a document with a lone carriage return, located at it, instead of breaking the document', () => {
    const text = [
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata:',
      '  name: j',
      'spec:',
      '  template:',
      '    metadata:',
      '      annotations: # none yet\r      # labels',
      '      labels:',
      '        app: j',
      '    spec:',
      '      containers: []',
      '',
    ].join('\r\n');
    const parsed = parseManifest(text);
    const [target] = findInjectionTargets(parsed);
    assert.throws(
      () => planInjectionEdit(parsed, target, { kind: 'add', value: 'enabled' }),
      (e: unknown) => e instanceof InjectionEditError && /lone carriage return/.test(e.message) && e.offset === text.indexOf('\r      #'),
    );
  });
});
