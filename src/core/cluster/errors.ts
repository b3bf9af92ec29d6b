import { displayServer } from './credentials';
import { CancelledError, MeshawareError } from '../errors';

/** Why a cluster call failed, in the terms a user can act on. */
export type ClusterErrorKind =
  | 'unreachable'
  | 'certificate'
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'invalid'
  | 'timeout'
  | 'server'
  | 'noContext';

/** The fields of a Kubernetes `Status` body that explain a failure. */
export interface KubeStatus {
  readonly kind?: string;
  readonly message?: string;
  readonly reason?: string;
  readonly code?: number;
  readonly details?: { readonly name?: string; readonly group?: string; readonly kind?: string };
}

/**
 * A failed cluster call: `message` says what went wrong, `hint` what to do about it; `kind` is its code.
 * A cancelled call is a CancelledError, not a ClusterError.
 */
export class ClusterError extends MeshawareError {
  constructor(
    readonly kind: ClusterErrorKind,
    message: string,
    hint: string,
    readonly status?: number,
    readonly body?: KubeStatus,
  ) {
    super(kind, message, hint);
  }
}

const CERT_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_SIGNATURE_FAILURE',
]);
const NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/** Turns a transport failure (no HTTP response) into a ClusterError for `server` in `context`. */
export function fromNetworkError(e: unknown, context: string, rawServer: string): ClusterError | CancelledError {
  const server = displayServer(rawServer);
  const err = e as { code?: string; message?: string; name?: string };
  const code = err?.code ?? '';
  if (err?.name === 'AbortError' || code === 'ABORT_ERR') {
    return new CancelledError('The request was cancelled.');
  }
  if (CERT_CODES.has(code)) {
    return new ClusterError(
      'certificate',
      `The API server of context "${context}" (${server}) presented a certificate that could not be verified (${code}).`,
      'Check the certificate-authority data of this cluster in your kubeconfig, or regenerate the kubeconfig from your cluster tool.',
    );
  }
  if (NET_CODES.has(code)) {
    return new ClusterError(
      'unreachable',
      `Cannot reach the API server of context "${context}" at ${server} (${code}).`,
      'Is the cluster running? Start it (e.g. `kind`, `k3d cluster start`, `minikube start`) or pick another context.',
    );
  }
  return new ClusterError('unreachable', `Request to ${server} failed: ${err?.message ?? String(e)}.`, 'Check that the cluster is running and reachable.');
}

/** Turns an HTTP error response into a ClusterError that names what was refused and what to do. */
export function fromHttpStatus(status: number, body: KubeStatus | undefined, verb: string, what: string, context: string): ClusterError {
  const detail = body?.message ? `: ${body.message}` : '';
  switch (status) {
    case 401:
      return new ClusterError(
        'unauthorized',
        `The cluster of context "${context}" did not accept your credentials (401)${detail}.`,
        'Your token or client certificate may have expired: log in again or refresh the kubeconfig.',
        status,
        body,
      );
    case 403:
      return new ClusterError(
        'forbidden',
        `Forbidden: you may not ${verb} ${what} in context "${context}"${detail}.`,
        `Ask a cluster admin for RBAC permission to "${verb}" ${what}, or use a context with more rights.`,
        status,
        body,
      );
    case 404:
      return new ClusterError('notFound', `Not found: ${what}${detail}.`, 'It may not exist yet, or its API (CRD) is not installed.', status, body);
    case 409:
      return new ClusterError(
        'conflict',
        `Conflict on ${what}${detail}.`,
        'Someone else changed it, or another field manager owns these fields: reload and retry.',
        status,
        body,
      );
    case 400:
    case 422:
      return new ClusterError('invalid', `The API server rejected ${what}${detail}.`, 'Fix the manifest and try again.', status, body);
    case 408:
    case 504:
      return new ClusterError('timeout', `The API server timed out on ${what}.`, 'Try again; the cluster may be overloaded.', status, body);
    default:
      return new ClusterError('server', `The API server answered ${status} for ${verb} ${what}${detail}.`, 'Try again; if it persists, check the API server logs.', status, body);
  }
}
