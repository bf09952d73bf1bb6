// The org check's report: each behaviour with what was observed, the Markdown and JSON to
// download or copy for a support case.
import { useState } from 'preact/hooks';
import { writeClipboard } from '../shared/clipboard';
import { t } from '../shared/i18n';
import type { OrgCheckReport as Report } from '../shared/org-check';
import { behaviourLabel, findingText } from '../shared/org-check-text';

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function CopyButton({ label, text }: { label: string; text: string }) {
  const [copied, setCopied] = useState<boolean>();
  return (
    <button
      type="button"
      class="btn btn-small"
      onClick={async () => setCopied(await writeClipboard(document, text))}
    >
      {copied === undefined ? label : copied ? t('ui_copied') : t('orgcheck_not_copied')}
    </button>
  );
}

export function OrgCheckReport({ report, markdown }: { report: Report; markdown: string }) {
  const json = `${JSON.stringify(report, null, 2)}\n`;
  return (
    <section class="report stack" aria-labelledby="orgcheck-report-heading">
      <h3 id="orgcheck-report-heading">{t('orgcheck_report_title')}</h3>
      <table>
        <caption class="muted">{t('orgcheck_report_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('orgcheck_report_behaviour')}</th>
            <th scope="col">{t('orgcheck_report_observed')}</th>
          </tr>
        </thead>
        <tbody>
          {report.findings.map((f) => (
            <tr key={f.id} data-behaviour={f.id}>
              <th scope="row">{behaviourLabel(f.id)}</th>
              <td>{findingText(f)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="row">
        <button
          type="button"
          class="btn btn-small"
          onClick={() => download('org-check.md', 'text/markdown', markdown)}
        >
          {t('orgcheck_download_md')}
        </button>
        <button
          type="button"
          class="btn btn-small"
          onClick={() => download('org-check.json', 'application/json', json)}
        >
          {t('orgcheck_download_json')}
        </button>
        <CopyButton label={t('orgcheck_copy_md')} text={markdown} />
        <CopyButton label={t('orgcheck_copy_json')} text={json} />
      </div>
      <details>
        <summary>{t('orgcheck_report_markdown')}</summary>
        <pre class="orgcheck-markdown">{markdown}</pre>
      </details>
    </section>
  );
}
