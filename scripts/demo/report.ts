// The tour's record: each step with what was done, what was seen, pass/fail and its screenshots,
// rendered as demo-out/report.md. Pure, so the format is testable without a browser.

export interface StepResult {
  title: string;
  /** What the tour did (the trigger, the customer's action). */
  did: string;
  /** What was seen on screen, or why the step failed. */
  saw: string[];
  passed: boolean;
  /** File names relative to the report. */
  screenshots: string[];
  /** epoch ms */
  ms: number;
}

export interface TourMeta {
  startedAt: Date;
  sandboxUrl: string;
  chromium: string;
  /** How input reached the browser: real (xdotool under Xvfb) or through the same background path. */
  input: string;
}

const escapeCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderReport(meta: TourMeta, steps: StepResult[]): string {
  const failed = steps.filter((s) => !s.passed).length;
  const verdict =
    failed === 0
      ? `**PASS**: ${steps.length} steps`
      : `**FAIL**: ${failed} of ${steps.length} steps failed`;
  const lines = [
    '# Cobrowse Launcher demo tour',
    '',
    verdict,
    '',
    `- Started: ${meta.startedAt.toISOString()}`,
    `- Sandbox org: ${meta.sandboxUrl}`,
    `- Browser: ${meta.chromium}`,
    `- Input: ${meta.input}`,
    '',
    '| # | Step | Result | Screenshots |',
    '|---|------|--------|-------------|',
    ...steps.map(
      (s, i) =>
        `| ${i + 1} | ${escapeCell(s.title)} | ${s.passed ? 'pass' : '**FAIL**'} | ${s.screenshots
          .map((f) => `[${f}](${f})`)
          .join(' ')} |`,
    ),
    '',
  ];
  steps.forEach((s, i) => {
    lines.push(`## ${i + 1}. ${s.title} — ${s.passed ? 'pass' : 'FAIL'}`, '');
    lines.push(`**Did:** ${s.did}`, '');
    lines.push('**Saw:**', '', ...s.saw.map((line) => `- ${line}`), '');
    for (const file of s.screenshots) lines.push(`![${file}](${file})`, '');
    lines.push(`_${(s.ms / 1000).toFixed(1)} s_`, '');
  });
  return lines.join('\n');
}
