// The machine a run's figures come from: they only mean something next to it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  /** the browser's --version (a Chromium run's results) */
  chromium?: string;
  /** the browser's --version (a Firefox run's results) */
  firefox?: string;
}

function cpuModel(): string {
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    return /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  } catch {
    return cpus()[0]?.model ?? 'unknown';
  }
}

export function describeMachine(
  browserPath: string,
  browser: 'chromium' | 'firefox' = 'chromium',
): Machine {
  let version = 'unknown';
  try {
    // stderr ignored: Debian's launcher script complains about /dev/shm on large machines.
    version = execFileSync(browserPath, ['--version'], {
      encoding: 'utf8',
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .split('\n')[0]
      ?.trim() as string;
  } catch {
    // reported as unknown
  }
  return {
    cpu: cpuModel(),
    cores: cpus().length,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${process.platform} ${release()}`,
    node: process.version,
    [browser]: version,
  };
}
