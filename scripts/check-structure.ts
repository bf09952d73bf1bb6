// Checks the shape of src/: no import cycle (type imports count: they tie modules together as
// much for a reader), no import from a lower layer back up, and it lists the files over
// MAX_LINES and the functions over MAX_FUNCTION_LINES. Exits 1 on a cycle or a layer breach.
// Run: npx tsx scripts/check-structure.ts
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseAst } from 'rolldown/parseAst';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');
const MAX_LINES = 400;
const MAX_FUNCTION_LINES = 120;

/** What each top folder of src/ may not import: shared is the bottom, background the worker. */
const FORBIDDEN: Record<string, string[]> = {
  shared: ['background', 'content', 'ui', 'panel', 'popup', 'options', 'offscreen'],
  background: ['content', 'ui', 'panel', 'popup', 'options', 'offscreen'],
  ui: ['background', 'content', 'panel', 'popup', 'options', 'offscreen'],
  content: ['background', 'ui', 'panel', 'popup', 'options', 'offscreen'],
  offscreen: ['background', 'content', 'ui', 'panel', 'popup', 'options'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  const found = ['', '.ts', '.tsx', '/index.ts', '/index.tsx']
    .map((ext) => base + ext)
    .find((p) => existsSync(p) && statSync(p).isFile());
  return found;
}

interface Node {
  type?: string;
  start?: number;
  end?: number;
  source?: { value?: unknown };
  argument?: { literal?: { value?: unknown } };
}

const files = sourceFiles(SRC);
const graph = new Map<string, string[]>();
const problems: string[] = [];
const long: string[] = [];

for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  // Every node that names a module (type-only ones too), and every function's extent.
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const n = node as Node;
    if (/^(Import|ExportNamed|ExportAll)Declaration$|^ImportExpression$/.test(n.type ?? '')) {
      if (typeof n.source?.value === 'string') specs.push(n.source.value);
    }
    if (n.type === 'TSImportType' && typeof n.argument?.literal?.value === 'string') {
      specs.push(n.argument.literal.value);
    }
    if (/^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression)$/.test(n.type ?? '')) {
      const first = lineOf(n.start ?? 0);
      const count = lineOf(n.end ?? 0) - first + 1;
      if (count > MAX_FUNCTION_LINES) {
        long.push(`function at ${relative(ROOT, file)}:${first}: ${count} lines`);
      }
    }
    for (const value of Object.values(n)) if (value && typeof value === 'object') visit(value);
  };
  visit(parseAst(text, { lang: file.endsWith('x') ? 'tsx' : 'ts' }, file));
  const targets = specs.map((spec) => resolveImport(file, spec)).filter((p): p is string => !!p);
  graph.set(file, targets);
  const layer = relative(SRC, file).split('/')[0] ?? '';
  for (const target of targets) {
    const to = relative(SRC, target).split('/')[0] ?? '';
    if (FORBIDDEN[layer]?.includes(to)) {
      problems.push(`layer: ${relative(ROOT, file)} imports ${relative(ROOT, target)}`);
    }
  }
  const lines = text.split('\n').length;
  if (lines > MAX_LINES) long.push(`file ${relative(ROOT, file)}: ${lines} lines`);
}

// Tarjan's strongly connected components: any component of two or more files is a cycle.
let index = 0;
const indices = new Map<string, number>();
const low = new Map<string, number>();
const stack: string[] = [];
const onStack = new Set<string>();
function connect(v: string) {
  indices.set(v, index);
  low.set(v, index++);
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!indices.has(w)) {
      connect(w);
      low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
    } else if (onStack.has(w)) {
      low.set(v, Math.min(low.get(v) ?? 0, indices.get(w) ?? 0));
    }
  }
  if (low.get(v) !== indices.get(v)) return;
  const component: string[] = [];
  let w: string | undefined;
  do {
    w = stack.pop();
    if (w === undefined) break;
    onStack.delete(w);
    component.push(w);
  } while (w !== v);
  const selfLoop = (graph.get(v) ?? []).includes(v);
  if (component.length > 1 || selfLoop) {
    problems.push(`cycle: ${component.map((f) => relative(ROOT, f)).join(' ↔ ')}`);
  }
}
for (const file of files) if (!indices.has(file)) connect(file);

console.log(`${files.length} files, ${[...graph.values()].flat().length} imports checked`);
for (const line of long) console.log(`over the limit: ${line}`);
for (const line of problems) console.log(line);
if (problems.length === 0) console.log('no import cycle, no import from a lower layer back up');
process.exitCode = problems.length > 0 ? 1 : 0;
