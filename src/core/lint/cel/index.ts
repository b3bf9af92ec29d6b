import { BACKEND_CHECKS } from './backends';
import type { CelCheck } from './check';
import { FILTER_CHECKS } from './filters';
import { GRPC_CHECKS } from './grpc';
import { PARENT_REF_CHECKS } from './parentRefs';
import { PATH_CHECKS } from './paths';
import { RULE_CHECKS } from './rules';

/** Every CEL rule of the Gateway API route CRDs Linkerd bundles, once each (a rule may sit at several paths). */
export const CEL_CHECKS: readonly CelCheck[] = [...PARENT_REF_CHECKS, ...BACKEND_CHECKS, ...RULE_CHECKS, ...FILTER_CHECKS, ...PATH_CHECKS, ...GRPC_CHECKS];
