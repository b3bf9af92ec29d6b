import { looksBinary, MAX_NESTING, nestingTooDeep } from '../yaml/input';
import { BINARY, SYNTAX, TOO_LARGE, UNREADABLE } from './engineCodes';
import type { RuleInfo } from './rule';
import { DEFAULT_MAX_FILE_SIZE, type Finding, type LintOptions } from './types';

/** Why a file is not parsed at all, and where to say so. */
export interface Refusal {
  readonly code: RuleInfo;
  readonly at: number;
  readonly message: string;
}

/**
 * Files the lint does not parse: too large to lint in the editor's time budget, not text, or nested deeper
 * than any manifest (which would overflow the parser's stack). Each gets one finding instead.
 */
export function refusal(text: string, options: LintOptions): Refusal | undefined {
  const limit = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (text.length > limit) {
    return { code: TOO_LARGE, at: 0, message: `This file is ${Math.round(text.length / 1024)} KiB, above the lint size limit of ${Math.round(limit / 1024)} KiB, so it was not linted. Raise the limit to lint it.` };
  }
  if (looksBinary(text)) return { code: BINARY, at: 0, message: 'This file is not text (it holds NUL bytes, control characters or bytes that are not UTF-8), so it was not linted.' };
  const deep = nestingTooDeep(text);
  if (deep !== undefined) {
    return { code: SYNTAX, at: deep, message: `YAML nesting deeper than ${MAX_NESTING} levels starts here; no Kubernetes object nests this deep, so the file was not linted. Check for an unclosed [ or { or runaway indentation.` };
  }
  return undefined;
}

/** A path `meshaware lint` could not read: reported as a finding so the rest is still linted. */
export function unreadableFinding(path: string, folder: boolean, reason: string): Finding {
  const at = { line: 0, character: 0 };
  const what = folder ? 'this folder' : 'this file';
  const message = `Could not read ${what} (${reason}), so ${folder ? 'the files in it were' : 'it was'} not linted.`;
  return { uri: path, code: UNREADABLE.code, severity: UNREADABLE.severity, start: 0, end: 0, range: { start: at, end: at }, message };
}
