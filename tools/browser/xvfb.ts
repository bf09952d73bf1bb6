// A private X server for headful Chromium: real windows, real keyboard and mouse via xdotool,
// without touching the developer's display. There is no window manager on it. Its framebuffer
// is kept in a file (-fbdir), so the whole screen can be photographed, windows outside any page
// included (Chromium's own notification toasts).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onExit } from './cleanup';
import { waitFor } from './wait';
import { type Region, xwdToPng } from './xwd-png';

export interface Xvfb {
  /** e.g. ":99", for DISPLAY */
  display: string;
  /** A PNG of the screen now, or of one region of it. */
  screenshot(region?: Region): Buffer;
  close(): Promise<void>;
}

/**
 * Starts `Xvfb -displayfd`, which picks a free display number itself (no race with other runs)
 * and reports it once it accepts connections; we also wait for its socket to exist.
 */
export async function startXvfb(screen = '1280x800x24'): Promise<Xvfb> {
  const fbdir = mkdtempSync(join(tmpdir(), 'xvfb-'));
  const args = ['-displayfd', '1', '-screen', '0', screen, '-nolisten', 'tcp', '-fbdir', fbdir];
  const child = spawn('Xvfb', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const forget = onExit(() => {
    child.kill('SIGKILL');
    rmSync(fbdir, { recursive: true, force: true });
  });
  let stdout = '';
  let stderr = '';
  let exited: number | null | undefined;
  child.stdout?.on('data', (chunk) => {
    stdout += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  child.once('exit', (code) => {
    exited = code;
    forget();
    rmSync(fbdir, { recursive: true, force: true });
  });
  const number = await waitFor(
    () => {
      if (exited !== undefined) throw new Error(`Xvfb exited (${exited}): ${stderr.trim()}`);
      const match = /^(\d+)\n/.exec(stdout);
      return match?.[1];
    },
    { timeout: 15_000, message: 'Xvfb to report its display' },
  ).catch((error) => {
    child.kill('SIGKILL');
    throw error;
  });
  await waitFor(() => existsSync(`/tmp/.X11-unix/X${number}`), {
    message: `X socket /tmp/.X11-unix/X${number}`,
  });
  return {
    display: `:${number}`,
    screenshot: (region) => xwdToPng(readFileSync(join(fbdir, 'Xvfb_screen0')), region),
    async close() {
      if (exited !== undefined) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
    },
  };
}
