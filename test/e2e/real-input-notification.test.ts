// The desktop notification clicked for real, under Xvfb: with no desktop notification service
// running, Chromium shows the notification as its own toast window at the screen's bottom right,
// and xdotool clicks it as an agent would. The customer accepts while the agent reads another
// tab; the toast's Open viewer button opens the viewer, and a click on the toast itself brings
// the session's tab to the front.
import { describe, expect, it } from 'vitest';
import { tabOf } from '../../tools/browser/agent';
import { isViewerFor, notificationIds, notificationOf } from '../../tools/browser/notifications';
import { RealInput } from '../../tools/browser/realinput';
import { useFixturePages } from './harness/fixture-pages';
import { caseDeskPage, startOnPage } from './harness/panel-start';
import { useAgentSuite } from './harness/suite';

/** The toast's buttons row is its bottom ~40 px; Open viewer, the only button, starts at its left. */
const BUTTON_FROM_LEFT = 60;
const BUTTON_FROM_BOTTOM = 20;
/** A point on the toast's title and message, clear of the buttons row and the close control. */
const BODY_FROM_TOP = 44;

describe('real input: the notification, clicked', () => {
  const suite = useAgentSuite({ launch: { headful: true } });
  const fixtures = useFixturePages();
  const { ext, sandbox } = suite;

  /** Started on a case page; the agent then reads another tab, in a focused window. */
  async function acceptedElsewhere(customerName: string, name: string) {
    const session = ext.current;
    const input = RealInput.for(session);
    const started = await startOnPage(suite, fixtures, customerName, name, caseDeskPage);
    const other = await suite.open(`${sandbox.current.url}/sandbox/agent-tool`);
    await input.focusBrowser(other);
    expect((await tabOf(session, started.page)).active).toBe(false);

    sandbox.current.customer(started.id, 'accept');

    const note = notificationOf(started.id);
    await expect.poll(() => notificationIds(session), { timeout: 20_000 }).toContain(note);
    const toast = await input.notificationToast({ timeout: 20_000 });
    return { ...started, input, note, toast };
  }

  it('Open viewer on the real toast opens the viewer', async () => {
    const session = ext.current;
    const { id, input, note, toast } = await acceptedElsewhere('Ada Toast', 'toast.html');
    const viewer = session.context.waitForEvent('page', {
      predicate: (p) => isViewerFor(id)(p.url()),
      timeout: 20_000,
    });

    await input.clickAt(toast.x + BUTTON_FROM_LEFT, toast.y + toast.height - BUTTON_FROM_BOTTOM);

    suite.keep(await viewer);
    await expect.poll(() => notificationIds(session)).not.toContain(note);
  });

  it('a click on the toast brings the session’s tab to the front', async () => {
    const session = ext.current;
    const { page, input, note, toast } = await acceptedElsewhere('Bo Front', 'front.html');

    await input.clickAt(toast.x + toast.width / 2, toast.y + BODY_FROM_TOP);

    await expect
      .poll(async () => (await tabOf(session, page)).active, { timeout: 20_000 })
      .toBe(true);
    await expect.poll(() => notificationIds(session)).not.toContain(note);
  });

  it('logged no errors', () => {
    ext.current.expectNoErrors();
  });
});
