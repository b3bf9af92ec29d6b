/**
 * The emojivoto fixture (test/fixtures/metrics/emojivoto): pods and two proxy scrapes of each meshed pod,
 * 60 s apart, as the cluster layer would hand them over.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PodMeta } from '../../../src/core/metrics/model';
import type { ProxyScraper } from '../../../src/core/metrics/proxies';

const DIR = join(__dirname, '../../fixtures/metrics/emojivoto');

export const T0 = 1_764_000_000_000;
export const T1 = T0 + 60_000;

type FixturePod = PodMeta & { fixture?: string };

export function fixturePods(): FixturePod[] {
  return (JSON.parse(readFileSync(join(DIR, 'pods.json'), 'utf8')) as { pods: FixturePod[] }).pods;
}

export function exposition(pod: FixturePod, scrape: 0 | 1): string {
  if (!pod.fixture) throw new Error(`${pod.name} has no proxy to scrape`);
  return readFileSync(join(DIR, `${pod.fixture}.t${scrape}.prom`), 'utf8');
}

/** Serves the fixture's pods and the given scrape of each, like the cluster layer's scraper. */
export function fixtureScraper(scrape: 0 | 1): ProxyScraper {
  return {
    pods: () => Promise.resolve(fixturePods()),
    scrape: (pod) => Promise.resolve(exposition(pod as FixturePod, scrape)),
  };
}
