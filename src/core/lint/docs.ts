/** Where each code's documentation page lives (docs/rules/CODE.md in the repository). */
export const RULE_DOCS_BASE = 'https://github.com/meshaware/meshaware/blob/main/docs/rules/';

export function ruleDocUrl(code: string): string {
  return `${RULE_DOCS_BASE}${code}.md`;
}
