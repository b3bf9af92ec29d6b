/**
 * The smoke-test driver hands every workbench log call to `window.codeAutomationLog(level, args)`,
 * the extension host's console included. Only the tests' own output is worth showing; the rest is
 * the workbench talking about itself.
 */
const workbenchNoise = /AgentHost|ChatModelSelection|AccountPolicyGate|socket|connection token|grace-time|Service Worker|builtin extensions cache|open-vsx|\[Extension Host\] \(|vscode-remote-resource/;

export function formatLogCall(args: unknown): string | undefined {
  if (!Array.isArray(args) || args.length === 0) return undefined;
  const [format, ...rest] = args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a)));
  let used = 0;
  const line = String(format).replace(/%[sdoOic]/g, () => (used < rest.length ? String(rest[used++]) : ''));
  const full = [line, ...rest.slice(used)].join(' ');
  return workbenchNoise.test(full) ? undefined : full;
}
