// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OrgCheckSection } from '../../../src/options/OrgCheckSection';
import { send, subscribe } from '../../../src/shared/client';
import type { OrgCheckReport, OrgCheckSnapshot } from '../../../src/shared/org-check';
import { capturePushes, ok, scriptBackground } from '../support/view-helpers';

vi.mock('../../../src/shared/client', () => ({ send: vi.fn(), subscribe: vi.fn() }));

const CONV = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const idle: OrgCheckSnapshot = { state: 'idle', steps: [], said: [] };

describe('options: Check this org', () => {
  let pushRaw: ReturnType<typeof capturePushes>;
  const push = (p: Parameters<typeof pushRaw>[0]) => act(() => pushRaw(p));
  const started: unknown[] = [];
  const viewerAnswers: unknown[] = [];

  beforeEach(() => {
    started.length = 0;
    viewerAnswers.length = 0;
    pushRaw = capturePushes(vi.mocked(subscribe));
    scriptBackground(vi.mocked(send), {
      'orgcheck.status': () => ok(idle),
      'orgcheck.start': (p) => {
        started.push(p);
        return ok({ state: 'running', steps: [{ id: 'token', state: 'pending' }], said: [] });
      },
      'orgcheck.viewer': (p) => {
        viewerAnswers.push(p);
        return ok({ accepted: true });
      },
    });
  });
  afterEach(() => cleanup());

  it('refuses a field that is not a conversation id, then starts with the ids given', async () => {
    render(<OrgCheckSection />);
    const field = screen.getByRole('textbox', { name: /Test conversation ID/ });
    fireEvent.input(field, { target: { value: 'not-an-id' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check this org' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Enter a conversation ID/);
    expect(started).toEqual([]);
    fireEvent.input(field, { target: { value: ` ${CONV} ` } });
    fireEvent.click(screen.getByRole('button', { name: 'Check this org' }));
    await waitFor(() => expect(started).toEqual([{ conversationId: CONV }]));
    expect(
      (screen.getByRole('button', { name: 'Check this org' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('shows what the background pushes: the step, the action asked, then the report', async () => {
    render(<OrgCheckSection />);
    await push({
      type: 'orgcheck',
      check: {
        state: 'running',
        steps: [{ id: 'answer', state: 'running' }],
        now: 'Now: waiting',
        said: ['Now: waiting', 'Accept or decline now'],
        prompt: { id: 'answer_offer', text: 'Accept or decline now', until: 1 },
      },
    });
    expect((await screen.findByRole('status')).textContent).toMatch('Now: waiting');
    expect(screen.getByRole('alert').textContent).toMatch('Accept or decline now');
    expect(screen.getByRole('list', { name: 'Steps of the check' }).textContent).toMatch(
      /Customer’s answer/,
    );
    const report: OrgCheckReport = {
      format: 'cobrowse-launcher-org-check/1',
      generatedAt: '2026-12-06T10:00:00.000Z',
      extensionVersion: '0.1.0',
      environment: 'mypurecloud.ie',
      org: { id: 'o', name: 'Acme' },
      conversationId: CONV,
      findings: [
        { id: 'conflictOnPendingSession', value: true, evidence: [] },
        { id: 'voiceSignal', evidence: [], reason: 'no_voice_conversation' },
      ],
      touched: [],
      failedSteps: [],
    };
    await push({
      type: 'orgcheck',
      check: { state: 'done', steps: [], said: [], report, markdown: '# Org check report' },
    });
    expect(
      await screen.findByRole('row', { name: /409 on a second pending session Yes/ }),
    ).toBeTruthy();
    expect(
      screen.getByRole('row', { name: /Not observed: no voice test conversation was named/ }),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Download JSON' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy Markdown' })).toBeTruthy();
  });

  it("relays the viewer's session id only from the viewer frame and its origin", async () => {
    render(<OrgCheckSection />);
    const url = 'https://apps.mypurecloud.ie/cobrowse-next/viewer.html?conversationId=x&lang=en';
    await push({
      type: 'orgcheck',
      check: { state: 'running', steps: [], said: [], viewer: { url, until: 1 } },
    });
    const frame = (await screen.findByTitle(/Genesys agent viewer/)) as HTMLIFrameElement;
    const post = (source: unknown, origin: string, data: unknown) =>
      window.dispatchEvent(new MessageEvent('message', { data, origin, source: source as Window }));
    // Not the frame, or not its origin, or not a plain id: ignored.
    post(window, 'https://apps.mypurecloud.ie', { sessionId: 'from-the-page' });
    post(frame.contentWindow, 'https://evil.example', { sessionId: 'wrong-origin' });
    post(frame.contentWindow, 'https://apps.mypurecloud.ie', { sessionId: '../x' });
    // Positive control: the frame at the viewer's origin.
    post(frame.contentWindow, 'https://apps.mypurecloud.ie', { joinCode: '1', sessionId: 's-1' });
    await waitFor(() => expect(viewerAnswers).toEqual([{ sessionId: 's-1' }]));
  });
});
