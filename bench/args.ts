// Command-line flags of `npm run bench` (pure: parsed from argv, validated, bounded).

export interface BenchArgs {
  /** added by the sandbox to every API/OAuth answer */
  latencyMs: number;
  /** samples per timed figure (each trigger case and its paired raw, worker start, accept…) */
  samples: number;
  /** samples of accept → panel with the socket down (each waits for a poll); default: samples */
  fallbackSamples: number;
  /** build the release and test extensions first (off: reuse the last bench build) */
  build: boolean;
  /** the browser measured: Chromium (default) or Firefox, whose results go to their own file */
  browser: BenchBrowser;
  out: string;
  help: boolean;
}

export type BenchBrowser = 'chromium' | 'firefox';
export const FIREFOX_RESULTS = 'bench/results-firefox.json';

export const USAGE = `npm run bench -- [--latency-ms 150] [--samples 100] [--fallback-samples N (default: --samples)] [--no-build] [--browser chromium|firefox] [--out bench/results.json (Firefox: ${FIREFOX_RESULTS})]`;

const MAX_SAMPLES = 500;

export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = {
    latencyMs: 150,
    samples: 100,
    fallbackSamples: -1,
    build: true,
    browser: 'chromium',
    out: '',
    help: false,
  };
  const int = (flag: string, value: string | undefined, min: number, max: number) => {
    const n = Number(value);
    if (value === undefined || !Number.isInteger(n) || n < min || n > max)
      throw new Error(
        `${flag} takes a whole number from ${min} to ${max} (got ${value ?? 'nothing'})`,
      );
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    const [name, inline] = flag.includes('=') ? flag.split(/=(.*)/s, 2) : [flag, undefined];
    const value = () => inline ?? argv[++i];
    switch (name) {
      case '--latency-ms':
        args.latencyMs = int(name, value(), 0, 10_000);
        break;
      case '--samples':
        args.samples = int(name, value(), 1, MAX_SAMPLES);
        break;
      case '--fallback-samples':
        args.fallbackSamples = int(name, value(), 0, MAX_SAMPLES);
        break;
      case '--no-build':
        args.build = false;
        break;
      case '--browser': {
        const browser = value();
        if (browser !== 'chromium' && browser !== 'firefox')
          throw new Error(`--browser takes chromium or firefox (got ${browser ?? 'nothing'})`);
        args.browser = browser;
        break;
      }
      case '--out': {
        const out = value();
        if (!out) throw new Error('--out takes a file path');
        args.out = out;
        break;
      }
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new Error(`unknown flag ${flag}\n${USAGE}`);
    }
  }
  if (args.fallbackSamples < 0) args.fallbackSamples = args.samples;
  if (args.out === '')
    args.out = args.browser === 'firefox' ? FIREFOX_RESULTS : 'bench/results.json';
  return args;
}
