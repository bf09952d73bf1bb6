// Chrome's offscreen document (reason AUDIO_PLAYBACK): a service worker cannot make sound, so the
// worker opens this page and asks it to play the alert tone. It does nothing else; Chrome closes
// it after a while without sound.
import browser from 'webextension-polyfill';
import { playTone, TONE_MESSAGE } from '../shared/tone';

let audio: AudioContext | undefined;

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  // Only this extension's own worker (a sender with no tab) asks; every other message is another
  // context's business, so no answer.
  const ours = sender.id === browser.runtime.id && !sender.tab;
  if (!ours || (message as { type?: unknown } | null)?.type !== TONE_MESSAGE) return undefined;
  audio ??= new AudioContext();
  const ctx = audio;
  return playTone(ctx).then(() => ({ played: true, state: ctx.state }));
});
