import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import './app/styles.css';
// Initialises i18next before anything renders (catalogs register themselves as their modules load).
import { initialLanguage } from './i18n/i18n.ts';
import { applyTheme, lastTheme } from './lib/theme.ts';

// Before the first paint: the theme chosen last in this browser (the account's own applies once it is known).
applyTheme(lastTheme());
document.documentElement.lang = initialLanguage();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
