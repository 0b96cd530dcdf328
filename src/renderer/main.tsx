// app/entry is the first start-up mark (then app/firstRender, app/interactive), measured from
// navigation start.
performance.mark('app/entry');
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { installLinkGuards } from './app/link-guards.js';
import './app/styles.css';

installLinkGuards();

const root = createRoot(document.getElementById('root')!);
root.render(
  <StrictMode>
    <App />
  </StrictMode>,
);
