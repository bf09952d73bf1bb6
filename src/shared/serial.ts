// The one way to run asynchronous steps one at a time: each starts after every earlier one has
// settled (a failure does not stop the ones behind it), in call order. Used for storage writes
// (an older snapshot must never land last) and for a session's steps.

export type Serial = <T>(op: () => Promise<T>) => Promise<T>;

export function createSerial(): Serial {
  let last: Promise<unknown> = Promise.resolve();
  return (op) => {
    const run = last.then(op, op);
    last = run.catch(() => undefined);
    return run;
  };
}

/** One queue per key (e.g. per conversation), forgotten once it has run dry. */
export function createKeyedSerial(): <T>(key: string, op: () => Promise<T>) => Promise<T> {
  const chains = new Map<string, Promise<unknown>>();
  return (key, op) => {
    const run = (chains.get(key) ?? Promise.resolve()).then(op, op);
    const settled = run.catch(() => undefined);
    chains.set(key, settled);
    settled.then(() => {
      if (chains.get(key) === settled) chains.delete(key);
    });
    return run;
  };
}
