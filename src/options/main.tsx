import { render } from 'preact';
import browser from 'webextension-polyfill';
import '../ui/ui.css';
import './options.css';
import { t } from '../shared/i18n';
import { OptionsPage } from './OptionsPage';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('options_title');
render(<OptionsPage />, document.getElementById('app') as HTMLElement);
