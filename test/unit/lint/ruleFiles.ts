import { join } from 'node:path';
import type { RuleInfo } from '../../../src/core/lint/rule';

export const RULES_DIR = join(__dirname, '../../../src/core/lint/rules');

/** Where a rule's source lives: its category's folder, named by its code and what it checks. */
export function ruleFile(rule: Pick<RuleInfo, 'code' | 'name' | 'category'>): string {
  return join(RULES_DIR, rule.category, `${rule.code}-${rule.name}.ts`);
}
