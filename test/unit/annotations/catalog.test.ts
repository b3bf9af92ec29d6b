import * as assert from 'node:assert/strict';
import { ANNOTATIONS, appliesTo, findAnnotation, findValue, isLinkerdKey, suggestValue } from '../../../src/core/annotations/catalog';

/** Loose syntax of each value type, enough to catch a wrong example or default in the table. */
const EXAMPLE_SYNTAX: Record<string, RegExp> = {
  bool: /^(true|false)$/,
  int: /^-?\d+$/,
  port: /^\d{1,5}$/,
  portList: /^[\w-]+(,[\w-]+)*$/,
  quantity: /^\d+(\.\d+)?(m|Ki|Mi|Gi|k|M|G)?$/,
  duration: /^(\d+(ns|us|ms|s|m|h))+$/,
  cidrList: /^[\d.:a-f]+\/\d+(,[\d.:a-f]+\/\d+)*$/,
  logLevel: /^(error|warn|info|debug|trace|off)(,[\w:]+=(error|warn|info|debug|trace|off))*$/,
  float: /^\d*\.\d+$/,
};

describe('annotation catalogue', () => {
  it('has one entry per key, all in Linkerd namespaces', () => {
    const keys = ANNOTATIONS.map((a) => a.key);
    assert.equal(new Set(keys).size, keys.length);
    assert.deepEqual(keys.filter((k) => !isLinkerdKey(k)), []);
    assert.ok(keys.length >= 50, `only ${keys.length} annotations`);
  });

  it('gives every enumeration its values and an example among them', () => {
    for (const a of ANNOTATIONS.filter((x) => x.valueType === 'enum' || x.valueType === 'bool')) {
      assert.ok(a.values && a.values.length >= 2, `${a.key} has no values`);
      assert.ok(findValue(a, a.example), `${a.key}: example ${a.example} is not one of its values`);
    }
  });

  it('writes each example in the syntax of its value type', () => {
    for (const a of ANNOTATIONS) {
      const syntax = EXAMPLE_SYNTAX[a.valueType];
      if (syntax) assert.match(a.example, syntax, `${a.key} (${a.valueType})`);
    }
    assert.doesNotThrow(() => JSON.parse(findAnnotation('config.linkerd.io/proxy-additional-env')!.example));
  });

  it('keeps the bounds of ratio-limit exclusive, so 0 and 1 are out', () => {
    assert.deepEqual(findAnnotation('config.linkerd.io/proxy-cpu-ratio-limit')?.bounds, { min: 0, max: 1, exclusive: true });
  });

  it('marks exactly the keys the injector does not copy from the namespace', () => {
    const notInherited = ANNOTATIONS.filter((a) => !a.namespaceInheritable).map((a) => a.key).sort();
    assert.deepEqual(notInherited, [
      'config.beta.linkerd.io/proxy-enable-native-sidecar',
      'config.linkerd.io/close-wait-timeout',
      'config.linkerd.io/debug-image',
      'config.linkerd.io/debug-image-pull-policy',
      'config.linkerd.io/debug-image-version',
      'config.linkerd.io/enable-gateway',
      'config.linkerd.io/proxy-cpu-ratio-limit',
    ]);
  });

  it('knows the exact inject values and the six inbound policies', () => {
    assert.deepEqual(findAnnotation('linkerd.io/inject')?.values?.map((v) => v.value), ['enabled', 'disabled', 'ingress']);
    assert.equal(findAnnotation('config.linkerd.io/default-inbound-policy')?.values?.length, 6);
    assert.equal(findValue(findAnnotation('linkerd.io/inject')!, 'Enabled'), undefined);
  });

  it('points deprecated native-sidecar keys at the current one', () => {
    for (const key of ['config.alpha.linkerd.io/proxy-enable-native-sidecar', 'config.beta.linkerd.io/proxy-enable-native-sidecar']) {
      assert.equal(findAnnotation(key)?.deprecatedBy, 'config.linkerd.io/proxy-enable-native-sidecar');
    }
    assert.ok(findAnnotation('config.linkerd.io/proxy-enable-native-sidecar'));
  });

  it('applies keys to pods always, namespaces when inherited, services only for opaque ports', () => {
    const opaque = findAnnotation('config.linkerd.io/opaque-ports')!;
    const ratio = findAnnotation('config.linkerd.io/proxy-cpu-ratio-limit')!;
    assert.ok(appliesTo(ratio, 'pod'));
    assert.ok(!appliesTo(ratio, 'namespace'));
    assert.ok(appliesTo(opaque, 'service'));
    assert.deepEqual(ANNOTATIONS.filter((a) => appliesTo(a, 'service')).map((a) => a.key), ['config.linkerd.io/opaque-ports']);
  });

  it('tells Linkerd keys from look-alikes', () => {
    assert.ok(isLinkerdKey('config.linkerd.io/proxy-cpu-requests'));
    assert.ok(!isLinkerdKey('example.com/linkerd.io'));
    assert.ok(!isLinkerdKey('policy.linkerd.io/x'));
    assert.equal(findAnnotation('config.linkerd.io/proxy-cpu-requests'), undefined);
  });
});

describe('value suggestions', () => {
  const inject = findAnnotation('linkerd.io/inject')!;

  it('corrects the case of an accepted value', () => {
    assert.equal(suggestValue(inject, 'Enabled'), 'enabled');
    assert.equal(suggestValue(findAnnotation('config.linkerd.io/image-pull-policy')!, 'always'), 'Always');
  });

  it('reads booleans as enabled or disabled where those are the values', () => {
    assert.equal(suggestValue(inject, 'true'), 'enabled');
    assert.equal(suggestValue(inject, 'no'), 'disabled');
    assert.equal(suggestValue(findAnnotation('config.linkerd.io/proxy-log-format')!, 'true'), undefined);
  });

  it('has no suggestion for an unrelated word', () => {
    assert.equal(suggestValue(inject, 'sidecar'), undefined);
  });
});
