// Which browser this build is for: the build defines __BUILD_BROWSER__ (vite.config.ts), so code
// only one browser needs (Firefox's look at what the page does to the panel, which Chrome's
// frames see for themselves) is left out of the other's bundle.
declare const __BUILD_BROWSER__: 'chrome' | 'firefox';

export const BUILD_BROWSER: 'chrome' | 'firefox' = __BUILD_BROWSER__;
