// The alert tone: two short sine notes (about a third of a second), made by Web Audio where it
// plays, so the extension ships no sound file. Played from an extension context that may make
// sound: Chrome's offscreen document (reason AUDIO_PLAYBACK; a service worker has no audio), or
// Firefox's background page, which is a document itself.

/** The tone's notes: frequency (Hz), start and length (s). */
export const TONE_NOTES: readonly { hz: number; at: number; seconds: number }[] = [
  { hz: 880, at: 0, seconds: 0.12 },
  { hz: 1320, at: 0.16, seconds: 0.16 },
];

/** The part of an AudioContext the tone uses. */
export type ToneContext = Pick<
  AudioContext,
  'currentTime' | 'destination' | 'createOscillator' | 'createGain' | 'resume' | 'state'
>;

/** Plays the tone on `ctx`; resolves when its last note has ended. Quiet: gain 0.2, soft edges. */
export async function playTone(ctx: ToneContext): Promise<void> {
  if (ctx.state === 'suspended') await ctx.resume();
  const start = ctx.currentTime + 0.02;
  const ended: Promise<void>[] = [];
  for (const note of TONE_NOTES) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    const t0 = start + note.at;
    const t1 = t0 + note.seconds;
    osc.type = 'sine';
    osc.frequency.value = note.hz;
    // Ramped in and out: a note that starts or stops at full volume clicks.
    gain.gain.setValueAtTime(0, t0);
    gain.gain.linearRampToValueAtTime(0.2, t0 + 0.01);
    gain.gain.linearRampToValueAtTime(0, t1);
    osc.connect(gain).connect(ctx.destination);
    ended.push(new Promise((resolve) => osc.addEventListener('ended', () => resolve())));
    osc.start(t0);
    osc.stop(t1);
  }
  await Promise.all(ended);
}
