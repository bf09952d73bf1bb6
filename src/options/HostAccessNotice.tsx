// Offers host access the settings in force need but the extension lacks: typically an origin
// an admin set by policy (custom environment, company gateway), which no Save ever asked for
// because the agent cannot edit it. Without it every start fails as "no connection".
import { useEffect, useMemo, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import type { Settings } from '../shared/settings';
import {
  type AccessField,
  type AccessNeed,
  missingAccess,
  requestAccess,
  settingsAccessNeeds,
} from './host-access';

const NEEDED_KEY: Record<AccessField, string> = {
  environment: 'options_host_access_needed_genesys',
  gateway: 'options_host_access_needed_gateway',
};

export function HostAccessNotice({ settings }: { settings: Settings }) {
  const { environment, profile, gateway } = settings;
  const needs = useMemo(
    () => settingsAccessNeeds({ environment, profile, gateway }),
    [environment, profile, gateway],
  );
  const [missing, setMissing] = useState<AccessNeed<AccessField>[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const [asking, setAsking] = useState(false);

  useEffect(() => {
    let live = true;
    void missingAccess(needs).then((m) => {
      if (live) setMissing(m);
    });
    return () => {
      live = false;
    };
  }, [needs]);

  if (missing.length === 0) return null;

  const grant = async () => {
    // No await before this call: the browser's prompt needs the click's user gesture.
    const denied = requestAccess(missing, 'options_host_access_denied');
    setAsking(true);
    setErrors([]);
    const messages = Object.values(await denied).filter((m): m is string => Boolean(m));
    setErrors(messages);
    setMissing(await missingAccess(needs));
    setAsking(false);
  };

  return (
    <div class="warn-box" role="status">
      {missing.map((n) => (
        <p key={n.field}>{t(NEEDED_KEY[n.field], new URL(n.baseUrl).origin)}</p>
      ))}
      {errors.map((m) => (
        <p key={m} class="field-error">
          {m}
        </p>
      ))}
      <button
        type="button"
        class="btn btn-small"
        onClick={grant}
        disabled={asking}
        aria-busy={asking}
      >
        {t('options_host_access_grant')}
      </button>
    </div>
  );
}
