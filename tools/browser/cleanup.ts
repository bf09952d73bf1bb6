// Safety net for a crashed or interrupted run: whatever the harness started is removed when the
// test process exits. One listener per process, however many test files import the harness
// (vitest re-imports modules per file).
const KEY = Symbol.for('cobrowse-e2e-cleanup');
type Registry = Set<() => void>;

function registry(): Registry {
  const holder = globalThis as { [KEY]?: Registry };
  if (!holder[KEY]) {
    const set: Registry = new Set();
    holder[KEY] = set;
    process.once('exit', () => {
      for (const undo of set) undo();
    });
  }
  return holder[KEY];
}

/** Registers a synchronous undo to run at exit; call the returned function once it is done. */
export function onExit(undo: () => void): () => void {
  const set = registry();
  set.add(undo);
  return () => set.delete(undo);
}
