// The alert tone: made by Web Audio (two short notes, soft edges), played in Chrome's offscreen
// document (created once, even for two alerts at once) or, without offscreen documents, in the
// background itself.
import { describe, expect, it, vi } from 'vitest';
import { createTonePlayer, type TonePlayerDeps } from '../../../../src/background/alerts/tone';
import { OFFSCREEN_PAGE, OFFSCREEN_TONE } from '../../../../src/shared/offscreen';
import { playTone, TONE_NOTES, type ToneContext } from '../../../../src/shared/tone';

/** A Web Audio context that records the notes and ends each at its stop. */
function fakeAudio(state: AudioContextState = 'suspended') {
  const notes: { hz: number; start: number; stop: number; ramps: number[] }[] = [];
  const ctx = {
    state,
    currentTime: 10,
    destination: {},
    resume: vi.fn(async () => {
      ctx.state = 'running';
    }),
    createGain: () => {
      const ramps: number[] = [];
      const gain = {
        gain: {
          setValueAtTime: (v: number) => ramps.push(v),
          linearRampToValueAtTime: (v: number) => ramps.push(v),
        },
        connect: (to: unknown) => to,
        ramps,
      };
      return gain;
    },
    createOscillator: () => {
      const ended: (() => void)[] = [];
      const note = { hz: 0, start: 0, stop: 0, ramps: [] as number[] };
      notes.push(note);
      return {
        type: '',
        frequency: {
          set value(hz: number) {
            note.hz = hz;
          },
        },
        connect: (gain: { ramps: number[] }) => {
          note.ramps = gain.ramps;
          return gain;
        },
        addEventListener: (_: 'ended', cb: () => void) => ended.push(cb),
        start: (at: number) => {
          note.start = at;
        },
        stop: (at: number) => {
          note.stop = at;
          queueMicrotask(() => {
            for (const cb of ended) cb();
          });
        },
      };
    },
  };
  return { ctx: ctx as unknown as ToneContext & { state: AudioContextState }, notes };
}

describe('playTone', () => {
  it('resumes a suspended context, plays each note from silence back to silence, and ends', async () => {
    const { ctx, notes } = fakeAudio();
    await playTone(ctx);
    expect(ctx.state).toBe('running');
    expect(notes.map((n) => n.hz)).toEqual(TONE_NOTES.map((n) => n.hz));
    for (const [i, n] of notes.entries()) {
      expect(n.stop - n.start).toBeCloseTo(TONE_NOTES[i]?.seconds ?? 0);
      expect(n.ramps[0]).toBe(0);
      expect(n.ramps.at(-1)).toBe(0);
      expect(Math.max(...n.ramps)).toBeLessThanOrEqual(0.2);
    }
    // Short: the whole tone is over in under half a second.
    expect(Math.max(...notes.map((n) => n.stop)) - ctx.currentTime).toBeLessThan(0.5);
  });
});

describe('createTonePlayer', () => {
  function deps(over: Partial<TonePlayerDeps> = {}) {
    let exists = false;
    const createDocument = vi.fn(async () => {
      exists = true;
    });
    const d = {
      offscreen: { createDocument },
      hasDocument: vi.fn(async () => exists),
      sendMessage: vi.fn(async () => ({ played: true })),
      audioHere: vi.fn(() => undefined),
      ...over,
    } satisfies TonePlayerDeps;
    return { d, createDocument };
  }

  it('Chrome: makes the offscreen document once (two alerts at once), then asks it to play', async () => {
    const { d, createDocument } = deps();
    const play = createTonePlayer(d);
    await Promise.all([play(), play()]);
    expect(createDocument).toHaveBeenCalledTimes(1);
    expect(createDocument).toHaveBeenCalledWith(
      expect.objectContaining({ url: OFFSCREEN_PAGE, reasons: ['AUDIO_PLAYBACK'] }),
    );
    expect(d.sendMessage).toHaveBeenCalledTimes(2);
    expect(d.sendMessage).toHaveBeenCalledWith({ type: OFFSCREEN_TONE });
    await play();
    expect(createDocument).toHaveBeenCalledTimes(1);
  });

  it('the document made by the clipboard meanwhile is used; one gone before the message is made again', async () => {
    let exists = false;
    const { d, createDocument } = deps({
      hasDocument: vi.fn(async () => exists),
    });
    // The clipboard's write made the page between our check and our create.
    createDocument.mockImplementationOnce(async () => {
      exists = true;
      throw new Error('Only a single offscreen document may be created.');
    });
    vi.mocked(d.sendMessage)
      .mockImplementationOnce(async () => {
        exists = false; // closed by the clipboard's write before our message arrived
        throw new Error('Could not establish connection. Receiving end does not exist.');
      })
      .mockImplementationOnce(async () => ({ played: true }));
    createDocument.mockImplementationOnce(async () => {
      exists = true;
    });
    expect(await createTonePlayer(d)()).toEqual({ played: true });
    expect(createDocument).toHaveBeenCalledTimes(2);
    expect(d.sendMessage).toHaveBeenCalledTimes(2);
  });

  it('no offscreen documents (Firefox): plays in the background’s own Web Audio', async () => {
    const { ctx, notes } = fakeAudio('running');
    const { d } = deps({ offscreen: undefined, audioHere: vi.fn(() => ctx) });
    const play = createTonePlayer(d);
    expect(await play()).toEqual({ played: true, state: 'running' });
    await play();
    expect(d.audioHere).toHaveBeenCalledTimes(1);
    expect(notes).toHaveLength(2 * TONE_NOTES.length);
    expect(d.sendMessage).not.toHaveBeenCalled();
  });

  it('nowhere to play: a refusal the alerts log', async () => {
    const { d } = deps({ offscreen: undefined });
    await expect(createTonePlayer(d)()).rejects.toThrow(/no context/);
  });
});
