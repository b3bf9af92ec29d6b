import { emojivoto } from './emojivoto';
import { scale } from './scale';
import type { Scenario, ScenarioOptions } from './scenario';

export const SCENARIOS: Record<string, (options: ScenarioOptions) => Scenario> = {
  emojivoto,
  scale,
  empty: () => ({ objects: [], edges: [] }),
};
