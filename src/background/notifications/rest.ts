// REST reads of live conversations: single flight per conversation, reported as 'rest' updates.
import type { ConversationUpdate } from '../cobrowse/events';
import { parseConversation } from '../cobrowse/events';
import { GenesysError } from '../genesys';
import type { EventStreamApi, Media, UpdateSource } from './types';

export interface RestOptions {
  api: EventStreamApi;
  userId: () => Promise<string>;
  media: (conversationId: string) => Media;
  onUpdate: (update: ConversationUpdate, source: UpdateSource) => void;
  log: (message: string) => void;
}

export function createReconciler(o: RestOptions) {
  const inflight = new Map<string, Promise<ConversationUpdate>>();
  return function reconcile(conversationId: string): Promise<ConversationUpdate> {
    const running = inflight.get(conversationId);
    if (running) return running;
    const media = o.media(conversationId);
    const read = (async () => {
      const userId = await o.userId();
      const body =
        media === 'call'
          ? await o.api.getConversation(conversationId)
          : await o.api.getMessageConversation(conversationId);
      const update = parseConversation(body, userId);
      if (!update) {
        throw new GenesysError({
          code: 'malformed.response',
          message: `conversation ${conversationId}: the answer has no id`,
        });
      }
      for (const p of update.problems) o.log(`REST ${conversationId}: ${p}`);
      o.onUpdate(update, 'rest');
      return update;
    })();
    inflight.set(conversationId, read);
    const done = () => inflight.delete(conversationId);
    read.then(done, done);
    return read;
  };
}
