// The worker's clipboard: it has none of its own, so each write opens the offscreen document
// (reason CLIPBOARD), asks it to copy, and closes it again. One write at a time (a second
// createDocument while one exists fails).
import { OFFSCREEN_COPY, OFFSCREEN_PAGE, type OffscreenCopy } from '../shared/offscreen';
import { createSerial } from '../shared/serial';

export interface OffscreenApi {
  createDocument(params: {
    url: string;
    reasons: chrome.offscreen.Reason[];
    justification: string;
  }): Promise<void>;
  closeDocument(): Promise<void>;
  hasDocument?(): Promise<boolean>;
}

export interface OffscreenClipboardDeps {
  offscreen: OffscreenApi;
  sendMessage: (message: OffscreenCopy) => Promise<unknown>;
  log: (message: string) => void;
}

/** Writes text to the clipboard through the offscreen document; true once it is there. */
export function createOffscreenClipboard(deps: OffscreenClipboardDeps) {
  const serial = createSerial();
  return (text: string): Promise<boolean> =>
    serial(async () => {
      try {
        // A document left over (the worker stopped mid-write) is reused.
        if (!(await deps.offscreen.hasDocument?.())) {
          await deps.offscreen
            .createDocument({
              url: OFFSCREEN_PAGE,
              reasons: ['CLIPBOARD' as chrome.offscreen.Reason],
              justification: 'Copy the cobrowse join code the agent asked to have copied.',
            })
            // The alert tone may have made the same page meanwhile: then it is there to use.
            .catch(async (err: unknown) => {
              if (!(await deps.offscreen.hasDocument?.())) throw err;
            });
        }
        const answer = (await deps.sendMessage({ type: OFFSCREEN_COPY, text })) as
          | { ok?: unknown }
          | undefined;
        return answer?.ok === true;
      } catch (err) {
        deps.log(`clipboard write failed: ${String(err)}`);
        return false;
      } finally {
        await deps.offscreen.closeDocument().catch(() => undefined);
      }
    });
}
