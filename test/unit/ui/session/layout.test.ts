import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../../../src/shared/session';
import {
  codeGroups,
  codeLook,
  countdownPhase,
  deadCodeKey,
  pillTone,
  spokenCode,
  WARN_SECONDS,
} from '../../../../src/ui/session/layout';
import { primaryAction } from '../../../../src/ui/session/status';
import { snapshot, T0 } from '../../support/overlay-fixtures';

const ENDS = T0 + 5 * 60_000;

describe('session layout decisions', () => {
  it('groups a code for reading aloud, never leaving a lone digit', () => {
    expect(codeGroups('605368')).toEqual(['605', '368']);
    expect(codeGroups('12345678')).toEqual(['1234', '5678']);
    expect(codeGroups('1234567')).toEqual(['123', '45', '67']);
    expect(codeGroups('12345')).toEqual(['123', '45']);
    expect(codeGroups('123456789')).toEqual(['123', '456', '789']);
    expect(codeGroups('1234')).toEqual(['1234']);
    // The groups always give back the whole code.
    for (const code of ['605368', '1234567', '1234567890', 'AB12CD']) {
      expect(codeGroups(code).join('')).toBe(code);
    }
  });

  it('speaks a code digit by digit, pausing between groups', () => {
    expect(spokenCode('605368')).toBe('6 0 5, 3 6 8');
    expect(spokenCode('1234')).toBe('1 2 3 4');
  });

  it('counts down while an offer is out, warns in the last seconds, and is over after', () => {
    const offered = snapshot({ offerEndsAt: ENDS });
    expect(countdownPhase(offered, T0)).toBe('running');
    expect(countdownPhase(offered, ENDS - WARN_SECONDS * 1000 - 1)).toBe('running');
    expect(countdownPhase(offered, ENDS - WARN_SECONDS * 1000)).toBe('warning');
    expect(countdownPhase(offered, ENDS - 1)).toBe('warning');
    expect(countdownPhase(offered, ENDS)).toBe('over');
    expect(countdownPhase(snapshot({ state: 'expired' }), T0)).toBe('over');
    for (const state of ['active', 'ended', 'declined', 'waiting', 'failed'] as SessionState[]) {
      expect(countdownPhase(snapshot({ state }), T0), state).toBe('none');
    }
    expect(countdownPhase(snapshot({ offerEndsAt: undefined }), T0)).toBe('none');
  });

  it('shows the code big for a voice offer, small for messaging, dead once it cannot work', () => {
    const voice = snapshot({ media: 'call' });
    expect(codeLook(voice, T0)).toBe('big');
    expect(codeLook(snapshot(), T0)).toBe('small');
    // Under way: the code is no longer what the agent needs most.
    expect(codeLook(snapshot({ media: 'call', state: 'active' }), T0)).toBe('small');
    // Its time ran out while the view still says offered (the push has not come yet).
    expect(codeLook(voice, ENDS)).toBe('dead');
    expect(deadCodeKey(voice, ENDS)).toBe('ov_state_expired');
    for (const state of ['expired', 'declined', 'ended', 'failed'] as SessionState[]) {
      expect(codeLook(snapshot({ state }), T0), state).toBe('dead');
    }
    expect(deadCodeKey(snapshot({ state: 'expired' }), T0)).toBe('ov_state_expired');
    expect(deadCodeKey(snapshot({ state: 'declined' }), T0)).toBe('ov_code_void');
    expect(codeLook(snapshot({ joinCode: undefined }), T0)).toBe('none');
  });

  it('never draws End as the primary action', () => {
    expect(primaryAction(['end'])).toBeUndefined();
    expect(primaryAction(['openViewer', 'end'])).toBe('openViewer');
    expect(primaryAction(['offerAgain'])).toBe('offerAgain');
    expect(primaryAction([])).toBeUndefined();
  });

  it('gives the pill a tone per state: pending, offered, warning, active, over', () => {
    expect(pillTone(snapshot({ state: 'waiting' }), T0)).toBe('pending');
    expect(pillTone(snapshot({ state: 'creating', offerEndsAt: undefined }), T0)).toBe('pending');
    expect(pillTone(snapshot(), T0)).toBe('offered');
    expect(pillTone(snapshot(), ENDS - 1000)).toBe('warning');
    expect(pillTone(snapshot(), ENDS)).toBe('over');
    expect(pillTone(snapshot({ state: 'active' }), T0)).toBe('active');
    for (const state of ['ended', 'declined', 'expired', 'failed'] as SessionState[]) {
      expect(pillTone(snapshot({ state }), T0), state).toBe('over');
    }
  });
});
