import { describe, expect, it } from 'vitest';
import {
  OUTCOMES,
  requiredStarts,
  STARTS_PER_MINUTE,
  type StartStep,
  shiftPlan,
  TRIGGERS,
} from '../../../scripts/soak/plan';

const starts = (steps: ReturnType<typeof shiftPlan>) =>
  steps.filter((s): s is StartStep => s.kind === 'start');

describe('soak plan', () => {
  it('is the same for a seed and differs between seeds', () => {
    const a = shiftPlan({ minutes: 2, seed: 5, tabs: 4 });
    expect(shiftPlan({ minutes: 2, seed: 5, tabs: 4 })).toEqual(a);
    expect(shiftPlan({ minutes: 2, seed: 6, tabs: 4 })).not.toEqual(a);
  });

  it('plans the starts a shift makes (300 in 10 minutes), numbered in order', () => {
    for (const minutes of [2, 10]) {
      const s = starts(shiftPlan({ minutes, seed: 1, tabs: 4 }));
      expect(s).toHaveLength(minutes * STARTS_PER_MINUTE);
      expect(s.length).toBe(requiredStarts(minutes));
      expect(s.map((x) => x.n)).toEqual(s.map((_, i) => i + 1));
    }
    expect(requiredStarts(10)).toBeGreaterThanOrEqual(300);
  });

  it('uses every trigger, every tab, every outcome and stops the worker now and then', () => {
    const s = starts(shiftPlan({ minutes: 10, seed: 3, tabs: 4 }));
    expect(new Set(s.map((x) => x.trigger))).toEqual(new Set(TRIGGERS));
    expect(new Set(s.map((x) => x.tab))).toEqual(new Set([0, 1, 2, 3]));
    expect(new Set(s.map((x) => x.outcome))).toEqual(new Set(OUTCOMES));
    const stopped = s.filter((x) => x.stopWorker).length / s.length;
    expect(stopped).toBeGreaterThan(0.15);
    expect(stopped).toBeLessThan(0.35);
    // The first starts of a short run already see all three triggers.
    expect(new Set(s.slice(0, 3).map((x) => x.trigger))).toEqual(new Set(TRIGGERS));
  });

  it('places a forced sign-in, an account switch and back, and token expiries within reach', () => {
    const steps = shiftPlan({ minutes: 2, seed: 1, tabs: 4 });
    const reach = requiredStarts(2);
    const eventsBefore = (n: number) =>
      steps
        .slice(
          0,
          steps.findIndex((s) => s.kind === 'start' && s.n === n),
        )
        .flatMap((s) => (s.kind === 'event' ? [s.event] : []));
    const early = eventsBefore(reach);
    expect(early).toContain('force-sign-in');
    expect(early.filter((e) => e === 'switch-account')).toHaveLength(2);
    expect(early).toContain('expire-token');
  });

  it('refuses nonsense', () => {
    expect(() => shiftPlan({ minutes: 0, seed: 1, tabs: 4 })).toThrow();
    expect(() => shiftPlan({ minutes: 1, seed: 1, tabs: 1 })).toThrow();
  });
});
