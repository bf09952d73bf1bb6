// Stored settings the schema refused (the agent's or the admin policy's), named by key and
// source above the form, so the agent knows what was ignored.
import { t } from '../shared/i18n';
import type { SettingsView } from '../shared/protocol';

export function SettingsProblems({ problems }: { problems: SettingsView['problems'] }) {
  if (problems.length === 0) return null;
  return (
    <div class="warn-box" role="status">
      <p>{t('options_problems_intro')}</p>
      <ul>
        {problems.map((p) => (
          <li key={`${p.source}:${p.key}`}>
            <code>{p.key}</code> (
            {p.source === 'managed' ? t('options_source_policy') : t('options_source_agent')}
            ): {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
