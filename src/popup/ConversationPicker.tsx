// The agent's active conversations as a radio group, the page's (or the only) one chosen and
// the page's marked, the ones that cannot cobrowse disabled with the reason, and the one
// primary action: Start.
import { useEffect, useId, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import type { ConversationList, ConversationSummary } from '../shared/protocol';
import { conversationFacts, messengerPresence } from '../ui/conversation-text';
import { ErrorView } from '../ui/ErrorView';
import { useClock } from '../ui/session/clock';
import type { ListView } from './use-conversations';

export interface ConversationPickerProps {
  view: ListView;
  /** A start request is in flight. */
  starting: boolean;
  onStart: (conversationId: string, options?: { confirmed?: boolean }) => void;
  onRefresh: () => void;
  headingId: string;
}

/** "12 min" only changes by the minute: re-render twice a minute, not every second. */
function useCoarseNow(): number {
  const clock = useClock();
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => clock.every(30_000, () => setNow(clock.now())), [clock]);
  return now;
}

/** The choice to start with: the page's conversation or the only one, if it can cobrowse. */
function initialChoice(list: ConversationList | undefined): string | undefined {
  const pre = list?.conversations.find((c) => c.id === list.preselectedId);
  return pre?.canCobrowse ? pre.id : undefined;
}

export function ConversationPicker({
  view,
  starting,
  onStart,
  onRefresh,
  headingId,
}: ConversationPickerProps) {
  const list = view.list;
  // The agent's own pick wins while it is still in the (re)loaded list and startable; else
  // the page's (or the only) conversation.
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const chosen = list?.conversations.some((c) => c.id === picked && c.canCobrowse)
    ? picked
    : initialChoice(list);
  const now = useCoarseNow();
  const hintId = useId();

  return (
    <section
      class="conversations stack"
      aria-labelledby={headingId}
      aria-busy={view.phase === 'loading'}
    >
      <div class="section-head">
        <h2 id={headingId} tabIndex={-1}>
          {t('popup_conversations_heading')}
        </h2>
        <button
          type="button"
          class="btn btn-small"
          onClick={onRefresh}
          disabled={view.phase === 'loading'}
        >
          {t('popup_refresh')}
        </button>
      </div>
      {view.phase === 'loading' && !list && <p class="muted">{t('popup_conversations_loading')}</p>}
      {view.phase === 'failed' && (
        <ErrorView error={view.error} level={3}>
          <button type="button" class="btn btn-small" onClick={onRefresh}>
            {t('ui_retry')}
          </button>
        </ErrorView>
      )}
      {list && list.conversations.length === 0 && (
        <p class="empty">{t('popup_conversations_empty')}</p>
      )}
      {list && list.conversations.length > 0 && (
        <>
          <div role="radiogroup" aria-labelledby={headingId} class="conversation-list">
            {list.conversations.map((c) => (
              <ConversationChoice
                key={c.id}
                conversation={c}
                now={now}
                checked={chosen === c.id}
                onChoose={() => setPicked(c.id)}
              />
            ))}
          </div>
          <div class="row">
            <button
              type="button"
              class="btn btn-primary"
              disabled={!chosen || starting}
              aria-describedby={chosen ? undefined : hintId}
              onClick={() => chosen && onStart(chosen)}
            >
              {starting ? t('popup_starting') : t('popup_start')}
            </button>
            {!chosen && (
              <span id={hintId} class="hint">
                {t('popup_choose_first')}
              </span>
            )}
          </div>
        </>
      )}
      {list?.unknownHints.map((id) => (
        <UnknownHint key={id} id={id} disabled={starting} onStart={onStart} />
      ))}
    </section>
  );
}

interface ChoiceProps {
  conversation: ConversationSummary;
  now: number;
  checked: boolean;
  onChoose: () => void;
}

function ConversationChoice({ conversation: c, now, checked, onChoose }: ChoiceProps) {
  const id = useId();
  const presence = messengerPresence(c);
  const describedBy = [
    c.onPage && `${id}-page`,
    `${id}-facts`,
    presence && `${id}-presence`,
    !c.canCobrowse && c.reason && `${id}-reason`,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <label class={c.canCobrowse ? 'conversation' : 'conversation disabled'}>
      <input
        type="radio"
        name="conversation"
        value={c.id}
        checked={checked}
        disabled={!c.canCobrowse}
        aria-labelledby={`${id}-name`}
        aria-describedby={describedBy}
        onChange={onChoose}
      />
      <span class="conversation-body">
        {/* API text: rendered as text (Preact escapes), never as HTML. */}
        <span id={`${id}-name`} class="conversation-name">
          {c.customerName}
        </span>
        {c.onPage && (
          <span id={`${id}-page`} class="badge badge-page">
            {t('picker_on_this_page')}
          </span>
        )}
        <span id={`${id}-facts`} class="conversation-facts">
          {conversationFacts(c, now).join(' · ')}
        </span>
        {presence && (
          <span
            id={`${id}-presence`}
            class={presence === 'online' ? 'badge badge-ok' : 'badge badge-warn'}
          >
            <span aria-hidden="true">{presence === 'online' ? '● ' : '○ '}</span>
            {t(presence === 'online' ? 'popup_messenger_online' : 'popup_messenger_offline')}
          </span>
        )}
        {!c.canCobrowse && c.reason && (
          <span id={`${id}-reason`} class="reason">
            {c.reason}
          </span>
        )}
      </span>
    </label>
  );
}

/** The page shows a valid id that is not one of the agent's conversations: starting needs
 *  the agent's explicit confirmation (the background checks `confirmed`). */
function UnknownHint({
  id,
  disabled,
  onStart,
}: {
  id: string;
  disabled: boolean;
  onStart: ConversationPickerProps['onStart'];
}) {
  const textId = useId();
  return (
    <div class="note">
      <p id={textId}>{t('popup_unknown_hint', id)}</p>
      <button
        type="button"
        class="btn btn-small"
        disabled={disabled}
        aria-describedby={textId}
        onClick={() => onStart(id, { confirmed: true })}
      >
        {t('ov_start_anyway')}
      </button>
    </div>
  );
}
