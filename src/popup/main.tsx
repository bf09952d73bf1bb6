import { render } from 'preact';
import browser from 'webextension-polyfill';
import '../ui/ui.css';
import './popup.css';
import { t } from '../shared/i18n';
import { Popup } from './Popup';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('ext_name');
render(<Popup />, document.getElementById('app') as HTMLElement);
