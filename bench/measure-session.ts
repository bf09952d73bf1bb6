import type { BenchArgs } from './args';
import type { Bench } from './setup';
import type { FigureId, Measured } from './targets';

export async function measureSessions(
  _bench: Bench,
  _args: BenchArgs,
  _log: (line: string) => void,
): Promise<Partial<Record<FigureId, Measured>>> {
  return {};
}
