/**
 * The first two steps of a layered (Sugiyama) layout: break cycles, then give every node a rank, its column
 * from left to right, so that callers sit left of the workloads they call.
 */

export interface Link {
  readonly source: number;
  readonly target: number;
}

/**
 * Which links to turn around so the graph has no cycle: those that point backwards in an order found by Eades,
 * Lin and Smyth's greedy heuristic (entry points first, dead ends last, then whichever node calls most more
 * than it is called). Few links turn, and a long chain of calls stays long only where the calls make one.
 */
export function backLinks(count: number, links: readonly Link[]): boolean[] {
  const out: number[][] = Array.from({ length: count }, () => []);
  const into: number[][] = Array.from({ length: count }, () => []);
  for (const l of links) {
    if (l.source === l.target) continue;
    out[l.source].push(l.target);
    into[l.target].push(l.source);
  }
  const outdeg = Int32Array.from(out, (o) => o.length);
  const indeg = Int32Array.from(into, (o) => o.length);
  const gone = new Uint8Array(count);
  const head: number[] = [];
  const tail: number[] = [];
  const remove = (v: number) => {
    gone[v] = 1;
    for (const t of out[v]) indeg[t]--;
    for (const s of into[v]) outdeg[s]--;
  };
  let left = count;
  while (left > 0) {
    let progressed = true;
    while (progressed) {
      progressed = false;
      for (let v = 0; v < count; v++) {
        if (gone[v]) continue;
        if (outdeg[v] === 0) tail.push(v);
        else if (indeg[v] === 0) head.push(v);
        else continue;
        remove(v);
        left--;
        progressed = true;
      }
    }
    if (left === 0) break;
    let best = -1;
    for (let v = 0; v < count; v++) if (!gone[v] && (best < 0 || outdeg[v] - indeg[v] > outdeg[best] - indeg[best])) best = v;
    head.push(best);
    remove(best);
    left--;
  }
  const place = new Int32Array(count);
  [...head, ...tail.reverse()].forEach((v, i) => (place[v] = i));
  return links.map((l) => place[l.source] > place[l.target]);
}

/**
 * Longest-path ranks over acyclic links (every link goes from a lower to a higher rank), then shortened. Ranks
 * start at 0.
 */
export function rankNodes(count: number, links: readonly Link[]): Int32Array {
  const out: number[][] = Array.from({ length: count }, () => []);
  const indegree = new Int32Array(count);
  for (const l of links) {
    out[l.source].push(l.target);
    indegree[l.target]++;
  }
  const rank = new Int32Array(count);
  const waiting = Int32Array.from(indegree);
  const queue: number[] = [];
  for (let i = 0; i < count; i++) if (waiting[i] === 0) queue.push(i);
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q];
    for (const t of out[s]) {
      rank[t] = Math.max(rank[t], rank[s] + 1);
      if (--waiting[t] === 0) queue.push(t);
    }
  }
  const into: number[][] = Array.from({ length: count }, () => []);
  for (const l of links) into[l.target].push(l.source);
  // Each node moves, within what its callers and callees allow, to the median of where they want it: shorter
  // edges, so fewer bends, and an entry point sits right before the first workload it calls.
  for (let pass = 0; pass < 4; pass++) {
    let moved = false;
    for (let q = queue.length - 1; q >= 0; q--) {
      const v = queue[q];
      const lo = into[v].reduce((m, s) => Math.max(m, rank[s] + 1), -Infinity);
      const hi = out[v].reduce((m, t) => Math.min(m, rank[t] - 1), Infinity);
      const wants = [...into[v].map((s) => rank[s] + 1), ...out[v].map((t) => rank[t] - 1)].sort((a, b) => a - b);
      if (wants.length === 0) continue;
      // Ties go right: an entry point or a balanced node sits next to what it calls.
      const to = Math.min(hi, Math.max(lo, wants[Math.floor(wants.length / 2)]));
      if (to !== rank[v]) {
        rank[v] = to;
        moved = true;
      }
    }
    if (!moved) break;
  }
  const min = rank.reduce((m, r) => Math.min(m, r), Infinity);
  if (Number.isFinite(min) && min !== 0) for (let i = 0; i < count; i++) rank[i] -= min;
  return rank;
}
