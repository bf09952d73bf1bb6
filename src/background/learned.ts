// The run-time facts (shared/learned.ts) as the worker keeps them: in storage.session, which only
// trusted extension contexts can read (see index.ts) and which the browser empties on close.
// Facts belong to the environment and OAuth client they were learned with; under another one
// the extension learns anew. Writes only when a fact is new, in order.
import { type Learned, type LearnedFact, withFact } from '../shared/learned';
import type { StorageAreaLike } from '../shared/storage';

export const LEARNED_KEY = 'learned.org';

export interface LearnedStore {
  /** Records a fact (fire and forget: a failed write is logged, never thrown). */
  note(fact: LearnedFact): void;
  /** The facts learned with the current environment and client. */
  read(): Promise<Learned>;
}

export function createLearnedStore(deps: {
  storage: StorageAreaLike;
  /** The current environment + client (the token store's binding). */
  binding: () => Promise<string>;
  log: (message: string) => void;
}): LearnedStore {
  let chain: Promise<unknown> = Promise.resolve();

  async function current(): Promise<Learned> {
    const boundTo = await deps.binding();
    const stored = (await deps.storage.get(LEARNED_KEY))[LEARNED_KEY] as Learned | undefined;
    return stored?.boundTo === boundTo ? stored : { boundTo };
  }

  return {
    note(fact) {
      chain = chain
        .then(async () => {
          const before = await current();
          const after = withFact(before, fact);
          if (after !== before) await deps.storage.set({ [LEARNED_KEY]: after });
        })
        .catch((err) => deps.log(`run-time fact not kept: ${String(err)}`));
    },
    async read() {
      await chain;
      return current();
    },
  };
}
