import { describe, expect, it } from 'vitest';
import { perMinute, svgChart, ticks } from '../../../scripts/soak/plot';
import { renderReport } from '../../../scripts/soak/report';

describe('soak plots', () => {
  it('ticks are round steps covering the range', () => {
    expect(ticks(0, 10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(ticks(0, 1000, 4)).toEqual([0, 500, 1000]);
    expect(ticks(3, 3)).toEqual([3]);
  });

  it('counts per minute, the last minute taking what runs over', () => {
    expect(perMinute([0, 59_999, 60_000, 150_000], 2)).toEqual([
      [0.5, 2],
      [1.5, 2],
    ]);
  });

  it('draws a valid SVG with a path per line, a dot per sample, the bound, escaped text', () => {
    const svg = svgChart({
      title: 'A & <B>',
      xLabel: 'minute',
      yLabel: 'n',
      series: [
        {
          name: 'line',
          points: [
            [0, 1],
            [1, 3],
            [2, 2],
          ],
        },
        {
          name: 'dots',
          style: 'dots',
          points: [
            [0.5, 4],
            [1.5, 5],
          ],
        },
      ],
      bound: { y: 2, label: 'bound 2' },
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('A &amp; &lt;B&gt;');
    expect(svg).not.toContain('<B>');
    expect(svg.match(/<path /g)).toHaveLength(1);
    expect(svg.match(/<circle /g)).toHaveLength(2);
    expect(svg).toContain('stroke-dasharray');
    expect(svg).not.toContain('NaN');
  });

  it('an empty series still draws axes without NaN', () => {
    const svg = svgChart({
      title: 't',
      xLabel: 'x',
      yLabel: 'y',
      series: [{ name: 'a', points: [] }],
    });
    expect(svg).not.toContain('NaN');
  });

  it('the report leads with the verdicts and lists problems', () => {
    const md = renderReport({
      when: '2026-12-06T22:00:00Z',
      minutes: 2,
      seconds: 121,
      seed: 1,
      machine: { cpu: 'cpu (2 cores)', memoryGB: 8, loadAtEnd: [1, 1, 1] },
      passed: false,
      figures: [{ id: 'startsLost', label: 'lost', value: 1, bound: '= 0', pass: false }],
      starts: {
        total: 60,
        byTrigger: { shortcut: 20 },
        byOutcome: { decline: 60 },
        workerStopped: 10,
        agentRetries: 1,
        triggersRepeated: 0,
        problems: [{ n: 7, problem: 'unsettled' }],
      },
      events: [{ t: 1, event: 'switch-account' }],
      consoleErrors: [],
      uncaught: [],
    });
    expect(md).toContain('FAILED');
    expect(md).toContain('| lost | 1 | = 0 | **FAIL** |');
    expect(md).toContain('#7: unsettled');
    expect(md).toContain('switch-account 1');
  });
});
