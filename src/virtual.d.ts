// Modules the build makes (scripts/content-script-plugin.ts).
declare module 'virtual:content-script' {
  /** The content script's path in the extension, for scripting.executeScript. */
  const file: string;
  export default file;
}
