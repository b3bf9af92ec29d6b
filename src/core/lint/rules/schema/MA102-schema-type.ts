import { isScalar } from 'yaml';
import { quoteNode, replaceNode } from '../../edits';
import { schemaRule } from '../../schemaRule';

/** Numbers and booleans where a string belongs can be quoted; quoted integers where an integer belongs, unquoted. */
export const MA102 = schemaRule({ code: 'MA102', name: 'schema-type', severity: 'error', summary: 'A field has the wrong type.' }, 'type', (p) => {
  const node = p.node;
  if (!isScalar(node)) return undefined;
  if (p.expected === 'string' && (typeof node.value === 'number' || typeof node.value === 'boolean')) {
    return quoteNode(node, node.source ?? String(node.value), 'Quote the value');
  }
  if (p.expected === 'integer' && typeof node.value === 'string' && /^\d+$/.test(node.value)) {
    return replaceNode(node, node.value, 'Remove the quotes');
  }
  return undefined;
});
