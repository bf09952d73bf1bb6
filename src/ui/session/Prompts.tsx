// Questions the background asks before a start. Each answer becomes one `start` (or `close`);
// the background decides what happens next and pushes the resulting view.
import { t } from '../../shared/i18n';
import type { ConversationSummary } from '../../shared/protocol';
import { conversationFacts } from '../conversation-text';
import type { OverlayActions } from './model';

interface PromptProps {
  actions: OverlayActions;
}

export function Picker({
  conversations,
  actions,
}: PromptProps & { conversations: ConversationSummary[] }) {
  return (
    <div class="prompt">
      <h3>{t('ov_picker_title')}</h3>
      {conversations.length === 0 ? (
        <p>{t('popup_conversations_empty')}</p>
      ) : (
        <ul class="picker" aria-label={t('ov_picker_title')}>
          {conversations.map((c) => {
            const reasonId = `ov-reason-${c.id}`;
            const meta = conversationFacts(c).join(' · ');
            return (
              <li key={c.id}>
                {/* aria-disabled, not disabled: keyboard users reach the choice and hear why. */}
                <button
                  type="button"
                  class="choice"
                  aria-disabled={c.canCobrowse ? undefined : 'true'}
                  aria-describedby={c.canCobrowse ? undefined : reasonId}
                  onClick={() => c.canCobrowse && actions.start(c.id, {})}
                >
                  <span class="name">{c.customerName}</span>
                  {c.onPage && <span class="meta">{t('picker_on_this_page')}</span>}
                  <span class="meta">{meta}</span>
                </button>
                {!c.canCobrowse && c.reason && (
                  <p class="reason" id={reasonId}>
                    {c.reason}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <div class="actions">
        <button type="button" class="btn" onClick={actions.close}>
          {t('ov_cancel')}
        </button>
      </div>
    </div>
  );
}

export function Confirm({ conversationId, actions }: PromptProps & { conversationId: string }) {
  return (
    <div class="prompt">
      <p>{t('ov_confirm_text', conversationId)}</p>
      <div class="actions">
        <button
          type="button"
          class="btn primary"
          onClick={() => actions.start(conversationId, { confirmed: true })}
        >
          {t('ov_start_anyway')}
        </button>
        <button type="button" class="btn" onClick={actions.close}>
          {t('ov_cancel')}
        </button>
      </div>
    </div>
  );
}

export function Offline({
  conversationId,
  customerName,
  actions,
}: PromptProps & { conversationId: string; customerName?: string }) {
  return (
    <div class="prompt">
      {customerName && <p class="customer">{customerName}</p>}
      <p>{t('ov_offline_text')}</p>
      <div class="actions">
        <button
          type="button"
          class="btn primary"
          onClick={() => actions.start(conversationId, { whenCustomerOffline: 'send-when-back' })}
        >
          {t('ov_send_when_back')}
        </button>
        <button
          type="button"
          class="btn"
          onClick={() => actions.start(conversationId, { whenCustomerOffline: 'send-anyway' })}
        >
          {t('ov_send_anyway')}
        </button>
        <button type="button" class="btn" onClick={actions.close}>
          {t('ov_cancel')}
        </button>
      </div>
    </div>
  );
}
