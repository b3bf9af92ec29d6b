/**
 * Kubernetes decodes manifests with YAML 1.1 rules and requires annotation values to be strings, so a bare
 * `true`, `off`, `4191` or `0.25` is rejected by the API server. Values we write are quoted when a YAML 1.1
 * reader would take them for anything but a string.
 */
const NON_STRING_WORDS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|~|null|Null|NULL)$/;
const NUMBER = [
  /^[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$/,
  /^[-+]?0x[0-9a-fA-F_]+$/,
  /^[-+]?0b[01_]+$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/,
  /^[-+]?\.(?:inf|Inf|INF)$/,
  /^\.(?:nan|NaN|NAN)$/,
];
/** Characters that start something other than a plain scalar, and sequences that end one early. */
const NOT_PLAIN = /^[\s\-?:,[\]{}#&*!|>'"%@`]|\s$|: |:$| #/;

/** True when the text, written bare, would not be read back as the same string. */
export function needsQuotes(value: string): boolean {
  return value === '' || NON_STRING_WORDS.test(value) || NUMBER.some((r) => r.test(value)) || NOT_PLAIN.test(value);
}

/** The value as a YAML scalar that reads back as exactly this string. */
export function yamlString(value: string): string {
  if (!needsQuotes(value)) return value;
  if (!/["\\]/.test(value)) return `"${value}"`;
  return `'${value.replace(/'/g, "''")}'`;
}
