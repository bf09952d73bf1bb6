// Random weather for long runs (the soak): each API request waits latencyMs plus a jitter drawn
// in [0, latencyJitterMs], and a few percent of them fail at random — a 429 with Retry-After, a
// 5xx, or the TCP connection destroyed without an answer — before the route runs, so a chaos
// failure never changes the sandbox's state. Draws come from a seeded generator: a run repeats.

export interface ChaosSettings {
  latencyMs: number;
  latencyJitterMs: number;
  chaos429Percent: number;
  chaos5xxPercent: number;
  chaosDropPercent: number;
}

export type ChaosFault =
  | { kind: 'throttle'; status: 429; retryAfter: number }
  | { kind: 'server'; status: 500 | 502 | 503 }
  | { kind: 'drop' };

export interface ChaosDraw {
  delayMs: number;
  fault?: ChaosFault;
}

/** mulberry32: a tiny seeded generator with uniform [0, 1) output. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SERVER_STATUSES = [500, 502, 503] as const;

/** The delay and the fault (if any) for one request, from three draws of `random`. */
export function drawChaos(settings: ChaosSettings, random: () => number): ChaosDraw {
  const delayMs = settings.latencyMs + Math.round(random() * settings.latencyJitterMs);
  const roll = random() * 100;
  const pick = random();
  const t429 = settings.chaos429Percent;
  const t5xx = t429 + settings.chaos5xxPercent;
  const tDrop = t5xx + settings.chaosDropPercent;
  if (roll < t429) return { delayMs, fault: { kind: 'throttle', status: 429, retryAfter: 1 } };
  if (roll < t5xx) {
    const status = SERVER_STATUSES[Math.floor(pick * SERVER_STATUSES.length)] ?? 503;
    return { delayMs, fault: { kind: 'server', status } };
  }
  if (roll < tDrop) return { delayMs, fault: { kind: 'drop' } };
  return { delayMs };
}

/** Whether any chaos is asked for (no draws otherwise: runs without chaos stay as they were). */
export const chaosOn = (s: ChaosSettings): boolean =>
  s.latencyJitterMs > 0 || s.chaos429Percent + s.chaos5xxPercent + s.chaosDropPercent > 0;
