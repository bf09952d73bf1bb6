// The alerts' glue with the browser's parts faked: what it creates in browser.notifications for
// a change, where the agent is looking, the tone, the panel's return, and the clicks.
import { describe, expect, it, vi } from 'vitest';
import { type AlertsDeps, createAlerts, VIEWER_BUTTON } from '../../../../src/background/alerts';
import type { AlertSettings } from '../../../../src/background/alerts/plan';
import type { SessionSnapshot, SessionState } from '../../../../src/shared/session';

const ID = '6f9619ff-8b86-4d01-b42d-00cf4fc964ff';
const NOTE = `cobrowse:${ID}`;
const SESSION_TAB = 11;
const OTHER_TAB = 12;

function snap(state: SessionState, extra: Partial<SessionSnapshot> = {}): SessionSnapshot {
  return {
    conversationId: ID,
    media: 'message',
    profile: 'genesys',
    origin: 'command',
    state,
    timeline: [],
    updatedAt: 1,
    customerName: 'Maria López',
    ...extra,
  };
}

function setup(opts: { looking?: number; settings?: Partial<AlertSettings>; buttons?: boolean }) {
  const created: { id: string; options: Record<string, unknown> }[] = [];
  const deps = {
    notifications: {
      create: vi.fn((id: string, options: Record<string, unknown>) => {
        // As Firefox does: its schema check throws at the call, before any promise exists.
        if (options.buttons && opts.buttons === false) {
          throw new Error(
            'Type error for parameter options (Property "buttons" is unsupported by Firefox)',
          );
        }
        created.push({ id, options });
        return Promise.resolve(id);
      }),
      clear: vi.fn(async () => true),
    },
    settings: async () => ({
      notifications: 'elsewhere' as const,
      notificationSound: false,
      panelReturns: true,
      ...opts.settings,
    }),
    sessionTabs: vi.fn(async () => [SESSION_TAB]),
    lookingAt: async () => opts.looking,
    reveal: vi.fn(),
    focusTab: vi.fn(async () => undefined),
    openViewer: vi.fn(async () => ({ url: 'https://apps.example/viewer' })),
    playTone: vi.fn(async () => undefined),
    iconUrl: 'chrome-extension://x/icons/icon-128.png',
    viewerLabel: () => 'Open viewer',
    log: vi.fn(),
  } satisfies AlertsDeps;
  return { alerts: createAlerts(deps), deps, created };
}

describe('alerts glue', () => {
  it('accept while the agent is on another tab: a notification with Open viewer; the panel comes back', async () => {
    const { alerts, deps, created } = setup({ looking: OTHER_TAB });
    alerts.changed(snap('active'), snap('offered'));
    await alerts.idle();
    expect(created).toEqual([
      {
        id: NOTE,
        options: {
          type: 'basic',
          iconUrl: 'chrome-extension://x/icons/icon-128.png',
          title: 'Cobrowse accepted',
          message: 'Maria López accepted. Open the viewer to see their screen.',
          buttons: [{ title: 'Open viewer' }],
        },
      },
    ]);
    expect(deps.reveal).toHaveBeenCalledWith(ID);
    expect(deps.playTone).not.toHaveBeenCalled();
  });

  it('brings the panel back only once the notification exists (one order, whatever the timing)', async () => {
    const { alerts, deps } = setup({ looking: OTHER_TAB });
    const order: string[] = [];
    deps.notifications.create.mockImplementation(async (id: string) => {
      await Promise.resolve();
      order.push('created');
      return id;
    });
    deps.reveal.mockImplementation(() => order.push('revealed'));
    alerts.changed(snap('active'), snap('offered'));
    await alerts.idle();
    expect(order).toEqual(['created', 'revealed']);
  });

  it('looking at the session’s tab: no notification (the panel shows it), the panel still comes back', async () => {
    const { alerts, deps, created } = setup({ looking: SESSION_TAB });
    alerts.changed(snap('declined'), snap('offered'));
    await alerts.idle();
    expect(created).toEqual([]);
    expect(deps.reveal).toHaveBeenCalledWith(ID);
  });

  it('no browser window focused counts as elsewhere; the tone plays when turned on', async () => {
    const { alerts, deps, created } = setup({
      looking: undefined,
      settings: { notificationSound: true },
    });
    alerts.changed(snap('expired'), snap('offered'));
    await alerts.idle();
    expect(created.map((c) => c.options.title)).toEqual(['Cobrowse offer expired']);
    expect(created[0]?.options).not.toHaveProperty('buttons');
    expect(deps.playTone).toHaveBeenCalledTimes(1);
  });

  it('a browser that refuses buttons (Firefox) still gets the notification, without them', async () => {
    const { alerts, created } = setup({ looking: OTHER_TAB, buttons: false });
    alerts.changed(snap('active'), snap('offered'));
    await alerts.idle();
    expect(created).toHaveLength(1);
    expect(created[0]?.options).not.toHaveProperty('buttons');
  });

  it('a new session or an unchanged state decides nothing (no browser call)', async () => {
    const { alerts, deps } = setup({ looking: OTHER_TAB });
    alerts.changed(snap('creating'), undefined);
    alerts.changed(snap('offered', { updatedAt: 2 }), snap('offered'));
    await alerts.idle();
    expect(deps.sessionTabs).not.toHaveBeenCalled();
    expect(deps.notifications.create).not.toHaveBeenCalled();
  });

  it('a failing notification or tone is logged, never thrown', async () => {
    const { alerts, deps } = setup({ looking: OTHER_TAB, settings: { notificationSound: true } });
    deps.notifications.create.mockRejectedValue(new Error('no permission'));
    deps.playTone.mockRejectedValue(new Error('no audio'));
    alerts.changed(snap('declined'), snap('offered'));
    await alerts.idle();
    expect(deps.log).toHaveBeenCalledWith(expect.stringContaining('no permission'));
    expect(deps.log).toHaveBeenCalledWith(expect.stringContaining('no audio'));
  });

  it('the body click brings the session’s latest tab to the front and clears the notification', async () => {
    const { alerts, deps } = setup({});
    deps.sessionTabs.mockResolvedValue([SESSION_TAB, OTHER_TAB]);
    await alerts.clicked(NOTE);
    expect(deps.focusTab).toHaveBeenCalledWith(OTHER_TAB);
    expect(deps.notifications.clear).toHaveBeenCalledWith(NOTE);
    await alerts.clicked('another-extension-note');
    expect(deps.focusTab).toHaveBeenCalledTimes(1);
  });

  it('Open viewer opens it through the service; no other button or id does', async () => {
    const { alerts, deps } = setup({});
    await alerts.buttonClicked(NOTE, VIEWER_BUTTON);
    expect(deps.openViewer).toHaveBeenCalledWith(ID);
    expect(deps.notifications.clear).toHaveBeenCalledWith(NOTE);
    await alerts.buttonClicked(NOTE, 1);
    await alerts.buttonClicked('something', VIEWER_BUTTON);
    expect(deps.openViewer).toHaveBeenCalledTimes(1);
  });
});
