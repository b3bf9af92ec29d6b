/**
 * The emojivoto fixture (test/fixtures/metrics/emojivoto): pods and two proxy scrapes of each meshed pod,
 * 60 s apart, as the cluster layer would hand them over.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PodMeta, TrafficModel } from '../../../src/core/metrics/model';
import { ProxyReader, type ProxyScraper, type ScrapeSink } from '../../../src/core/metrics/proxies';

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

/** Streams `text` into the scrape's sink as the cluster layer does, `chunk` bytes at a time, the answer begun at `at`. */
export async function serve(open: (at: number) => ScrapeSink, text: string, at: number, chunk = Infinity): Promise<void> {
  const sink = open(at);
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += chunk) sink.chunk(bytes.subarray(i, Math.min(bytes.length, i + chunk)));
}

/** Serves the given scrape of each fixture pod (at T0 or T1), like the cluster layer's scraper. */
export function fixtureScraper(scrape: 0 | 1, chunk = Infinity): ProxyScraper {
  return { scrape: (pod, open) => serve(open, exposition(pod as FixturePod, scrape), scrape === 0 ? T0 : T1, chunk) };
}

/** The model of the fixture's two scrapes, 60 s apart, read by one reader as the panel would. */
export async function fixtureModel(chunk = Infinity): Promise<TrafficModel> {
  const reader = new ProxyReader();
  const signal = new AbortController().signal;
  await reader.read(fixtureScraper(0, chunk), fixturePods(), signal);
  return (await reader.read(fixtureScraper(1, chunk), fixturePods(), signal)).model;
}
