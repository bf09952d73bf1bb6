// A conversation's media in words: the on-page picker and the popup's list name it the same way
// (with the overlay's keys).
import { t } from './i18n';
import type { ConversationMedia } from './protocol';

const MEDIA: Record<ConversationMedia, string> = {
  message: 'ov_media_message',
  call: 'ov_media_call',
  chat: 'ov_media_chat',
  email: 'ov_media_email',
  other: 'ov_media_other',
};

export const mediaLabel = (media: ConversationMedia): string => t(MEDIA[media]);
