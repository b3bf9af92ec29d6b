import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { nodeAt, scalarText } from '../../yaml/manifest';
import { stringMapAt } from '../read';

interface Expression {
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[] | undefined;
}

/** A Kubernetes label selector read from YAML, evaluated the way Linkerd's policy controller does. */
export interface LabelSelector {
  readonly matchLabels: ReadonlyMap<string, string>;
  readonly expressions: readonly Expression[];
}

export function readSelector(doc: Document, node: Node | undefined): LabelSelector | undefined {
  if (!isMap(node)) return undefined;
  const matchLabels = stringMapAt(doc, node, ['matchLabels']);
  const expressions: Expression[] = [];
  const exprs = nodeAt(doc, node, ['matchExpressions']);
  if (isSeq(exprs)) {
    for (const e of exprs.items) {
      const key = scalarText(nodeAt(doc, e as Node, ['key']));
      const operator = scalarText(nodeAt(doc, e as Node, ['operator']));
      const valuesNode = nodeAt(doc, e as Node, ['values']);
      const values = isSeq(valuesNode) ? valuesNode.items.map((v) => (isScalar(v) ? String(v.value) : '')) : undefined;
      if (key !== undefined && operator !== undefined) expressions.push({ key, operator, values });
    }
  }
  return { matchLabels, expressions };
}

/** Whether the selector selects an object with these labels. An ill-formed expression never matches. */
export function selects(selector: LabelSelector, labels: ReadonlyMap<string, string>): boolean {
  for (const [k, v] of selector.matchLabels) if (labels.get(k) !== v) return false;
  for (const e of selector.expressions) {
    const has = labels.has(e.key);
    switch (e.operator) {
      case 'In':
        if (!e.values || !has || !e.values.includes(labels.get(e.key)!)) return false;
        break;
      case 'NotIn':
        if (!e.values || (has && e.values.includes(labels.get(e.key)!))) return false;
        break;
      case 'Exists':
        if (e.values || !has) return false;
        break;
      case 'DoesNotExist':
        if (e.values || has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
