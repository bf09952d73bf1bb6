// Pure: the report an admin attaches to a support case, as JSON (the findings as they are) and
// as Markdown (the same, with localised labels). Nothing in it comes from a response body but
// the org's id and name, which the admin's own Test connection shows too.
import { t } from '../../shared/i18n';
import { BEHAVIOURS, type Finding, type OrgCheckReport } from '../../shared/org-check';
import { behaviourLabel, findingText } from '../../shared/org-check-text';

export type ReportMeta = Omit<OrgCheckReport, 'format' | 'findings'>;

/** One finding per behaviour, in report order; a behaviour the check never reached is not observed. */
export function buildReport(
  meta: ReportMeta,
  found: readonly Finding[],
  missing: (id: Finding['id']) => Finding = (id) => ({ id, evidence: [], reason: 'cancelled' }),
): OrgCheckReport {
  const findings = BEHAVIOURS.map((id): Finding => found.find((f) => f.id === id) ?? missing(id));
  return { format: 'cobrowse-launcher-org-check/1', ...meta, findings };
}

/** A table cell: one line, no pipe that would split it. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

export function renderMarkdown(report: OrgCheckReport): string {
  const lines = [
    `# ${t('orgcheck_report_title')}`,
    '',
    `- ${t('popup_environment')}: ${report.environment}`,
    `- ${t('popup_organisation')}: ${report.org.name} (${report.org.id})`,
    `- ${t('orgcheck_report_conversation')}: ${report.conversationId}`,
  ];
  if (report.voiceConversationId)
    lines.push(`- ${t('orgcheck_report_voice_conversation')}: ${report.voiceConversationId}`);
  lines.push(
    `- ${t('orgcheck_report_generated')}: ${report.generatedAt}`,
    `- ${t('orgcheck_report_version')}: ${report.extensionVersion}`,
    '',
    `## ${t('orgcheck_report_findings')}`,
    '',
    `| ${t('orgcheck_report_behaviour')} | ${t('orgcheck_report_observed')} | ${t('orgcheck_report_evidence')} |`,
    '|---|---|---|',
  );
  for (const f of report.findings) {
    const evidence = f.evidence.map(cell).join('<br>') || '—';
    lines.push(
      `| ${cell(behaviourLabel(f.id))} (\`${f.id}\`) | ${cell(findingText(f))} | ${evidence} |`,
    );
  }
  lines.push('', `## ${t('orgcheck_report_touched')}`, '');
  for (const line of report.touched) lines.push(`- ${cell(line)}`);
  if (report.touched.length === 0) lines.push(`- ${t('orgcheck_report_touched_none')}`);
  if (report.failedSteps.length > 0) {
    lines.push('', `## ${t('orgcheck_report_failed_steps')}`, '');
    for (const f of report.failedSteps)
      lines.push(
        `- ${t(`orgcheck_stepname_${f.step}`)} (\`${f.step}\`): ${f.status ?? '—'} ${f.code}`,
      );
  }
  lines.push('', t('orgcheck_report_privacy'), '');
  return lines.join('\n');
}
