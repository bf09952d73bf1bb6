import { describe, expect, it } from 'vitest';
import { buildReport, renderMarkdown } from '../../../../src/background/org-check/report';
import { BEHAVIOURS } from '../../../../src/shared/org-check';

const meta = {
  generatedAt: '2026-12-06T10:00:00.000Z',
  extensionVersion: '0.1.0',
  environment: 'mypurecloud.ie',
  org: { id: 'org-1', name: 'Acme' },
  conversationId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  touched: ['web messaging session 1: created (POST → 200)'],
  failedSteps: [],
};

describe('org check report', () => {
  it('has one finding per behaviour, in order; a missing one is not observed', () => {
    const report = buildReport(meta, [
      { id: 'offerTtlSeconds', value: 120, evidence: ['Date header present'] },
      { id: 'conflictOnPendingSession', value: true, evidence: ['second POST → 409'] },
    ]);
    expect(report.format).toBe('cobrowse-launcher-org-check/1');
    expect(report.findings.map((f) => f.id)).toEqual([...BEHAVIOURS]);
    expect(report.findings[0]).toMatchObject({ value: true });
    expect(report.findings.find((f) => f.id === 'voiceSignal')).toMatchObject({
      reason: 'cancelled',
    });
  });

  it('renders Markdown: the meta, a row per behaviour with value or reason and evidence, what it touched', () => {
    const report = buildReport(meta, [
      { id: 'conflictOnPendingSession', value: true, evidence: ['a | b', 'c'] },
      { id: 'viewerWithSession', evidence: [], reason: 'viewer_no_answer' },
    ]);
    const md = renderMarkdown(report);
    expect(md).toContain('# Org check report');
    expect(md).toContain('- Environment: mypurecloud.ie');
    expect(md).toContain(
      '| 409 on a second pending session (`conflictOnPendingSession`) | Yes | a \\| b<br>c |',
    );
    expect(md).toMatch(
      /\(`viewerWithSession`\) \| Not observed: the agent viewer reported no session in time/,
    );
    expect(md).toContain('- web messaging session 1: created (POST → 200)');
    expect(md).not.toContain('## Steps that failed');
    const failed = renderMarkdown({
      ...report,
      failedSteps: [{ step: 'create', status: 400, code: 'bad.request' }],
    });
    expect(failed).toContain('## Steps that failed\n\n- First offer (`create`): 400 bad.request');
    expect(md.split('\n').filter((l) => l.startsWith('| ') && l.includes('(`'))).toHaveLength(
      BEHAVIOURS.length,
    );
  });
});
