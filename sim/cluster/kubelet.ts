import type { ObjectApi } from '../api/objects';
import { timestamp } from '../api/objects';
import type { StoreEvent } from '../store/store';
import { clone } from '../store/types';
import { fnv1a } from '../api/names';
import { allContainers, longRunningContainers, type Container, type Pod, type PodBehaviour, type PortHandler } from './podTypes';

export interface KubeletOptions {
  nodeName: string;
  /** How long containers take to become ready after they start. */
  readinessDelayMs: number;
  /** Time between two restarts of a crashing container (Kubernetes backs off up to 5 minutes). */
  crashBackoffMs: number;
}

export interface LogFollower {
  line(line: string): void;
  end(): void;
}

interface Runtime {
  timers: NodeJS.Timeout[];
  logs: Map<string, string[]>;
}

const PODS = '/pods';

/**
 * The single simulated node: schedules pods onto itself, runs their containers through the registered
 * behaviours, reports phases, readiness and restarts, and keeps container logs.
 */
export class Kubelet {
  private readonly behaviours: PodBehaviour[] = [];
  private readonly runtimes = new Map<string, Runtime>();
  private readonly logFollowers = new Map<string, Set<LogFollower>>();
  private nextIp = 10;
  private readonly unsubscribe: () => void;

  constructor(private readonly api: ObjectApi, private readonly options: KubeletOptions) {
    this.unsubscribe = api.store.subscribe((event) => this.onEvent(event));
  }

  addBehaviour(behaviour: PodBehaviour): void {
    this.behaviours.push(behaviour);
  }

  close(): void {
    this.unsubscribe();
    for (const runtime of this.runtimes.values()) runtime.timers.forEach(clearTimeout);
    this.runtimes.clear();
  }

  logs(pod: Pod, container: string): string[] | undefined {
    return this.runtimes.get(pod.metadata.uid!)?.logs.get(container);
  }

  /**
   * Hands each line a container writes from now on to `follower.line`, and calls `follower.end` when the
   * pod goes away, until the returned function is called.
   */
  followLogs(pod: Pod, container: string, follower: LogFollower): () => void {
    const key = `${pod.metadata.uid}/${container}`;
    const followers = this.logFollowers.get(key) ?? new Set();
    this.logFollowers.set(key, followers.add(follower));
    return () => followers.delete(follower);
  }

  private appendLog(pod: Pod, container: string, line: string): void {
    this.runtimes.get(pod.metadata.uid!)?.logs.get(container)?.push(line);
    for (const follower of this.logFollowers.get(`${pod.metadata.uid}/${container}`) ?? []) follower.line(line);
  }

  listeners(pod: Pod): Map<number, PortHandler> {
    const merged = new Map<number, PortHandler>();
    if ((pod.status as { phase?: string } | undefined)?.phase !== 'Running') return merged;
    for (const b of this.behaviours) for (const [port, handler] of b.listeners?.(pod) ?? []) merged.set(port, handler);
    return merged;
  }

  /** Restarts every container of a pod in place, as an OOM kill or a crash would (at `at`, now by default). */
  restart(pod: Pod, at = new Date()): void {
    this.update(pod, (p) => {
      for (const s of containerStatuses(p)) {
        s.restartCount = (s.restartCount as number) + 1;
        s.lastState = { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: startedAt(s), finishedAt: timestamp(at) } };
        s.state = { running: { startedAt: timestamp(at) } };
      }
    });
  }

  private onEvent(event: StoreEvent): void {
    if (event.key !== PODS) return;
    const pod = event.object as Pod;
    if (event.type === 'DELETED') {
      this.runtimes.get(pod.metadata.uid!)?.timers.forEach(clearTimeout);
      this.runtimes.delete(pod.metadata.uid!);
      for (const [key, followers] of this.logFollowers) {
        if (!key.startsWith(`${pod.metadata.uid}/`)) continue;
        followers.forEach((f) => f.end());
        this.logFollowers.delete(key);
      }
    } else if (event.type === 'ADDED') {
      // Start outside the store's notification, as a real kubelet reacts after the write has been answered.
      setImmediate(() => this.start(pod));
    }
  }

  private start(created: Pod): void {
    const pod = this.api.store.get(PODS, created.metadata.namespace, created.metadata.name!) as Pod | undefined;
    if (!pod || pod.metadata.uid !== created.metadata.uid) return;
    const runtime: Runtime = { timers: [], logs: new Map() };
    this.runtimes.set(pod.metadata.uid!, runtime);
    const now = timestamp();
    pod.spec.nodeName ??= this.options.nodeName;
    const ip = pod.spec.hostNetwork ? '172.18.0.2' : `10.244.${Math.floor(this.nextIp / 250)}.${this.nextIp++ % 250}`;
    pod.status = {
      ...pod.status,
      phase: 'Running',
      hostIP: '172.18.0.2',
      hostIPs: [{ ip: '172.18.0.2' }],
      podIP: ip,
      podIPs: [{ ip }],
      startTime: now,
      conditions: conditions(now, false),
      initContainerStatuses: (pod.spec.initContainers ?? []).map((c) => this.containerStatus(pod, c, now, c.restartPolicy !== 'Always')),
      containerStatuses: pod.spec.containers.map((c) => this.containerStatus(pod, c, now, false)),
    };
    for (const c of allContainers(pod.spec)) {
      runtime.logs.set(c.name, this.behaviours.flatMap((b) => b.startupLogs?.(pod, c.name) ?? []));
    }
    this.api.store.put(PODS, pod);
    this.checkCrashes(pod);
    runtime.timers.push(setTimeout(() => this.becomeReady(pod), this.options.readinessDelayMs));
  }

  private containerStatus(pod: Pod, c: Container, now: string, completed: boolean): Record<string, unknown> {
    return {
      name: c.name,
      image: c.image ?? '',
      imageID: `${c.image ?? ''}@sha256:${hashHex(c.image ?? '')}`,
      containerID: `containerd://${hashHex(pod.metadata.uid + c.name)}`,
      ready: false,
      started: !completed,
      restartCount: 0,
      state: completed ? { terminated: { exitCode: 0, reason: 'Completed', startedAt: now, finishedAt: now } } : { running: { startedAt: now } },
      lastState: {},
    };
  }

  private becomeReady(pod: Pod): void {
    const runsToCompletion = pod.spec.restartPolicy === 'Never' || pod.spec.restartPolicy === 'OnFailure';
    this.update(pod, (p) => {
      const now = timestamp();
      if (runsToCompletion) {
        p.status!.phase = 'Succeeded';
        for (const s of containerStatuses(p)) {
          s.state = { terminated: { exitCode: 0, reason: 'Completed', startedAt: startedAt(s), finishedAt: now } };
          s.ready = false;
          s.started = false;
        }
        p.status!.conditions = conditions(now, false, 'PodCompleted');
        return;
      }
      const statuses = containerStatuses(p);
      for (const s of statuses) if ((s.state as { running?: unknown }).running) s.ready = true;
      const allReady = statuses.every((s) => s.ready);
      p.status!.conditions = conditions(now, allReady);
    });
  }

  /** Puts crashing containers into CrashLoopBackOff and schedules their next attempt. */
  private checkCrashes(pod: Pod): void {
    const runtime = this.runtimes.get(pod.metadata.uid!);
    if (!runtime) return;
    const crashing = longRunningContainers(pod.spec)
      .map((c) => ({ name: c.name, reason: this.behaviours.map((b) => b.crashReason?.(pod, c.name)).find((r) => r !== undefined) }))
      .filter((c): c is { name: string; reason: string } => c.reason !== undefined);
    const current = this.api.store.get(PODS, pod.metadata.namespace, pod.metadata.name!) as Pod | undefined;
    const wasCrashing = current ? containerStatuses(current).some((s) => (s.state as { waiting?: { reason?: string } }).waiting?.reason === 'CrashLoopBackOff') : false;
    if (crashing.length === 0) {
      if (wasCrashing) this.recover(pod);
      return;
    }
    for (const c of crashing) this.appendLog(pod, c.name, c.reason);
    this.update(pod, (p) => {
      const now = timestamp();
      for (const s of containerStatuses(p)) {
        if (!crashing.some((c) => c.name === s.name)) continue;
        s.restartCount = (s.restartCount as number) + (wasCrashing ? 1 : 0);
        s.lastState = { terminated: { exitCode: 1, reason: 'Error', startedAt: now, finishedAt: now } };
        s.state = { waiting: { reason: 'CrashLoopBackOff', message: `back-off restarting failed container ${s.name} in pod ${p.metadata.name}_${p.metadata.namespace}(${p.metadata.uid})` } };
        s.ready = false;
        s.started = false;
      }
      p.status!.conditions = conditions(now, false);
    });
    runtime.timers.push(setTimeout(() => this.checkCrashes(pod), this.options.crashBackoffMs));
  }

  private recover(pod: Pod): void {
    this.update(pod, (p) => {
      for (const s of containerStatuses(p)) {
        if (!(s.state as { waiting?: unknown }).waiting) continue;
        s.restartCount = (s.restartCount as number) + 1;
        s.state = { running: { startedAt: timestamp() } };
        s.started = true;
      }
    });
    this.runtimes.get(pod.metadata.uid!)?.timers.push(setTimeout(() => this.becomeReady(pod), this.options.readinessDelayMs));
  }

  /** Re-checks every crash-looping or crash-prone pod, e.g. after a Secret they depend on changed. */
  recheck(filter: (pod: Pod) => boolean): void {
    for (const pod of this.api.store.list(PODS) as Pod[]) if (filter(pod) && this.runtimes.has(pod.metadata.uid!)) this.checkCrashes(pod);
  }

  private update(pod: Pod, change: (pod: Pod) => void): void {
    const current = this.api.store.get(PODS, pod.metadata.namespace, pod.metadata.name!) as Pod | undefined;
    if (!current || current.metadata.uid !== pod.metadata.uid || !current.status) return;
    const next = clone(current);
    change(next);
    this.api.store.put(PODS, next);
  }
}

function containerStatuses(pod: Pod): Record<string, unknown>[] {
  const status = pod.status as { containerStatuses?: Record<string, unknown>[]; initContainerStatuses?: Record<string, unknown>[] };
  const sidecars = (status.initContainerStatuses ?? []).filter((s) => pod.spec.initContainers?.find((c) => c.name === s.name)?.restartPolicy === 'Always');
  return [...sidecars, ...(status.containerStatuses ?? [])];
}

function startedAt(status: Record<string, unknown>): string | undefined {
  return (status.state as { running?: { startedAt?: string } }).running?.startedAt;
}

function conditions(now: string, ready: boolean, reason?: string): Record<string, unknown>[] {
  const c = (type: string, value: boolean) => ({ type, status: value ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: now, ...(value || !reason ? {} : { reason }) });
  return [c('PodReadyToStartContainers', true), c('Initialized', true), c('Ready', ready), c('ContainersReady', ready), c('PodScheduled', true)];
}

/** A 64-hex-digit stand-in for image digests and container IDs, stable for the same input. */
function hashHex(text: string): string {
  return fnv1a(text).toString(16).padStart(8, '0').repeat(8);
}
