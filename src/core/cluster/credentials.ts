/**
 * A kubeconfig's server URL may carry basic-auth credentials (`https://user:password@host`). Requests use them;
 * nothing shown to a user (errors, notifications, the status bar, logs) may.
 */

// A scheme, `//`, then userinfo up to the `@` that ends it (no `/`, whitespace or another `@` inside).
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@]*@/gi;

/** Every URL in a text without its `user:password@` part. */
export function withoutUrlCredentials(text: string): string {
  return text.replace(USERINFO, '$1');
}

/** A server URL as it may be shown. */
export function displayServer(server: string): string {
  try {
    const url = new URL(server);
    if (!url.username && !url.password) return server;
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return withoutUrlCredentials(server);
  }
}
