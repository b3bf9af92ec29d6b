import type { RuleInfo } from './rule';

/** Codes the engine itself reports (not tied to one object's content), kept beside the rules in the registry. */
export const SYNTAX: RuleInfo = { code: 'MA001', name: 'yaml-syntax', category: 'engine', severity: 'error', summary: 'A YAML document cannot be parsed.' };
export const INTERNAL: RuleInfo = { code: 'MA002', name: 'internal-error', category: 'engine', severity: 'error', summary: 'A lint rule failed on this object; the failure is logged.' };
export const TOO_LARGE: RuleInfo = { code: 'MA003', name: 'file-too-large', category: 'engine', severity: 'info', summary: 'The file is larger than the lint size limit and was skipped.' };
export const ALIAS_BOMB: RuleInfo = { code: 'MA004', name: 'alias-expansion', category: 'engine', severity: 'error', summary: 'YAML aliases would expand the document beyond a safe size.' };

export const ENGINE_CODES: readonly RuleInfo[] = [SYNTAX, INTERNAL, TOO_LARGE, ALIAS_BOMB];
