// Plays the alert tone from the worker. Chrome: in the offscreen document (made on demand with
// reason AUDIO_PLAYBACK unless the clipboard's is open; Chrome closes it after some silence),
// asked by a runtime message. Chrome allows one offscreen document: the clipboard's and the
// tone's are the same page.
// A browser without offscreen documents but with Web Audio in its background context (Firefox,
// whose background is a page) plays it right here.
import { OFFSCREEN_PAGE, OFFSCREEN_TONE } from '../../shared/offscreen';
import { playTone, type ToneContext } from '../../shared/tone';

/** The part of chrome.offscreen and chrome.runtime the player uses. */
export interface OffscreenLike {
  createDocument(p: {
    url: string;
    reasons: ['AUDIO_PLAYBACK'];
    justification: string;
  }): Promise<void>;
}

export interface TonePlayerDeps {
  offscreen: OffscreenLike | undefined;
  /** Whether the offscreen document exists (runtime.getContexts). */
  hasDocument: () => Promise<boolean>;
  sendMessage: (message: unknown) => Promise<unknown>;
  /** A Web Audio context where the worker itself can play (Firefox); undefined in Chrome. */
  audioHere: () => ToneContext | undefined;
}

export function createTonePlayer(deps: TonePlayerDeps): () => Promise<unknown> {
  let creating: Promise<void> | undefined;
  let here: ToneContext | undefined;

  async function ensureDocument(offscreen: OffscreenLike) {
    if (await deps.hasDocument()) return;
    // Two alerts at once must not both create it: Chrome allows one offscreen document.
    creating ??= offscreen
      .createDocument({
        url: OFFSCREEN_PAGE,
        reasons: ['AUDIO_PLAYBACK'],
        justification: 'Plays the alert tone the agent turned on for cobrowse session changes.',
      })
      // The clipboard's write may have made the same page meanwhile: then it is there to use.
      .catch(async (err: unknown) => {
        if (!(await deps.hasDocument())) throw err;
      })
      .finally(() => {
        creating = undefined;
      });
    await creating;
  }

  /** Once more if the document went away between the check and the message (a clipboard write
   * closes it when done). */
  async function inDocument(offscreen: OffscreenLike, attempt = 0): Promise<unknown> {
    await ensureDocument(offscreen);
    try {
      return await deps.sendMessage({ type: OFFSCREEN_TONE });
    } catch (err) {
      if (attempt > 0) throw err;
      return inDocument(offscreen, attempt + 1);
    }
  }

  return async () => {
    if (deps.offscreen) return inDocument(deps.offscreen);
    here ??= deps.audioHere();
    if (!here) throw new Error('no context here can play sound');
    await playTone(here);
    return { played: true, state: here.state };
  };
}
