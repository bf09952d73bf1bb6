// The live session in the popup: the overlay's own SessionView (same words, same actions as
// on the page), under a heading, with the way back to the conversation list.

import { t } from '../shared/i18n';
import type { SessionSnapshot } from '../shared/session';
import type { OverlayActions } from '../ui/session/model';
import { SessionView } from '../ui/session/SessionView';

export interface LiveSessionProps {
  snapshot: SessionSnapshot;
  actions: OverlayActions;
  onBack: () => void;
  headingId: string;
}

export function LiveSession({ snapshot, actions, onBack, headingId }: LiveSessionProps) {
  return (
    <section class="live" aria-labelledby={headingId}>
      <div class="section-head">
        <h2 id={headingId} tabIndex={-1}>
          {t('popup_session_heading')}
        </h2>
        <button type="button" class="btn btn-small" onClick={onBack}>
          {t('popup_back_to_conversations')}
        </button>
      </div>
      <SessionView snapshot={snapshot} actions={actions} />
    </section>
  );
}
