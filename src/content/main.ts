// The content script's entry, injected on demand by src/background/overlay.ts (never declared
// for all pages). Everything it does lives in bridge.ts; it may run several times per page.
// Bare chrome.* here, not webextension-polyfill: the polyfill would weigh more than this script.
import { startContent } from './bridge';

startContent(chrome.runtime, document, chrome.i18n.getMessage('ov_dialog_name'));
