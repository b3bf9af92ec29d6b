import type { RuleInfo } from './rule';

/** Codes the engine itself reports (not tied to one object's content), kept beside the rules in the registry. */
export const SYNTAX: RuleInfo = { code: 'MA001', name: 'yaml-syntax', category: 'engine', severity: 'error', summary: 'A YAML document cannot be parsed.' };
export const INTERNAL: RuleInfo = { code: 'MA002', name: 'internal-error', category: 'engine', severity: 'error', summary: 'A lint rule failed on this object; the failure is logged.' };
export const TOO_LARGE: RuleInfo = { code: 'MA003', name: 'file-too-large', category: 'engine', severity: 'info', summary: 'The file is larger than the lint size limit and was skipped.' };
export const ALIAS_BOMB: RuleInfo = { code: 'MA004', name: 'alias-expansion', category: 'engine', severity: 'error', summary: 'YAML aliases would expand the document beyond a safe size.' };

export const DUPLICATE_KEY: RuleInfo = { code: 'MA005', name: 'yaml-duplicate-key', category: 'engine', severity: 'warning', summary: 'A map repeats a key; the API server keeps only the last value.' };
export const MISSING_SEPARATOR: RuleInfo = {
  code: 'MA006',
  name: 'missing-document-separator',
  category: 'engine',
  severity: 'error',
  summary: 'A second object starts inside one YAML document: a `---` line is missing.',
};
export const UNREADABLE: RuleInfo = { code: 'MA007', name: 'unreadable-path', category: 'engine', severity: 'error', summary: 'A file or folder could not be read, so it was not linted.' };
export const BINARY: RuleInfo = { code: 'MA008', name: 'not-text', category: 'engine', severity: 'info', summary: 'The file is not text and was skipped.' };

export const ENGINE_CODES: readonly RuleInfo[] = [SYNTAX, INTERNAL, TOO_LARGE, ALIAS_BOMB, DUPLICATE_KEY, MISSING_SEPARATOR, UNREADABLE, BINARY];
