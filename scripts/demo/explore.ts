// With a display: the signed-in browser stays open for a person, the agent tool in one tab and
// the customer's page in another, until Ctrl-C or the browser window is closed.
import type { ExtensionSession } from '../../tools/browser/browser';
import { type Sandbox, SEED } from '../../tools/sandbox/index';
import { closeHelperTabs, configureAndSignIn, DEMO_AGENT } from './agent';
import { ensureShortcut } from './triggers';

export async function explore(session: ExtensionSession, sandbox: Sandbox): Promise<void> {
  const popup = await configureAndSignIn(session, sandbox);
  await popup.close();
  const customer = await session.context.newPage();
  await customer.goto(`${sandbox.url}/sandbox/`);
  const agentTool = session.context.pages()[0] ?? (await session.context.newPage());
  await agentTool.goto(`${sandbox.url}/sandbox/agent-tool`);
  const startKey = session.manifest.commands?.['start-cobrowse']?.suggested_key?.default ?? '';
  const notes = startKey ? await ensureShortcut(session, 'start-cobrowse', startKey) : [];
  await closeHelperTabs(session);
  await agentTool.bringToFront();

  const shortcut = (name: string) =>
    session.manifest.commands?.[name]?.suggested_key?.default ?? '(unset)';
  console.log(
    [
      '',
      `Signed in as ${DEMO_AGENT} (${SEED.org.name}). In the browser:`,
      '',
      `  Tab 1  the agent tool   ${sandbox.url}/sandbox/agent-tool   (you are the agent)`,
      `  Tab 2  the customer     ${sandbox.url}/sandbox/             (accept/decline offers, go offline)`,
      '',
      'Start a cobrowse from the agent tool (open a customer for their case page), any of:',
      `  - the toolbar button (puzzle piece → pin "Cobrowse Launcher"), or ${shortcut('_execute_action')}: Start cobrowse`,
      `  - right-click the page or a customer link → "${session.message('popup_start')}"`,
      `  - ${shortcut('start-cobrowse')} on the case page`,
      'The panel on the page shows the join code and the offer; answer it in the customer tab.',
      '',
      'Try: Zoë Çelik (Messenger offline: "Send when the customer is back", then "Open Messenger"',
      'in the customer tab); Олег Петров (voice: read the code to the caller); the web chat and',
      'email conversations (explained as not possible). Options: right-click the toolbar icon.',
      '',
      ...notes.map((note) => `${note}.`),
      'Ctrl-C or close the browser to stop.',
    ].join('\n'),
  );

  await new Promise<void>((resolve) => session.context.once('close', () => resolve()));
}
