// The one script of the dashboard: follows a page's Server-Sent Events stream (data-live-url) and
// writes what arrives into the page with textContent only, so nothing received becomes markup.
// Events: `update` {status?, steps?: {name: state}, progress?, line?}, then `end` when the work is
// finished; a page marked data-live-reload then reloads once, to show what only the server renders (a
// job's attempts, result and the actions that now apply), unless the page is being left (an action's
// form posted: a reload would cancel that navigation and lose its answer). The reloaded page is
// finished: no stream.
// Allowed by the response's CSP nonce; no other script runs on the pages.
import { scriptContent, type Html } from './html.ts';

const source = `(() => {
  const root = document.querySelector('[data-live-url]');
  if (root === null) return;
  const status = document.querySelector('[data-live="status"]');
  const log = document.querySelector('[data-live="log"]');
  const progress = document.querySelector('[data-live="progress"]');
  const connection = document.querySelector('[data-live="connection"]');
  const say = (text) => { if (connection !== null) connection.textContent = text; };
  const stream = new EventSource(root.getAttribute('data-live-url'));
  let leaving = false;
  addEventListener('submit', () => { leaving = true; });
  stream.addEventListener('open', () => say('live'));
  stream.addEventListener('error', () => say(stream.readyState === EventSource.CLOSED ? 'disconnected' : 'reconnecting…'));
  stream.addEventListener('update', (event) => {
    const update = JSON.parse(event.data);
    if (typeof update.status === 'string' && status !== null) {
      status.textContent = update.status;
      status.className = 'status ' + update.status;
    }
    for (const [step, state] of Object.entries(update.steps ?? {})) {
      const cell = document.querySelector('[data-step="' + CSS.escape(step) + '"]');
      if (cell !== null) { cell.textContent = String(state); cell.className = 'status ' + String(state); }
    }
    if (typeof update.progress === 'string' && progress !== null) progress.textContent = update.progress;
    if (typeof update.line === 'string' && log !== null) {
      const item = document.createElement('li');
      item.textContent = update.line;
      log.append(item);
    }
  });
  stream.addEventListener('end', () => {
    stream.close();
    say('finished');
    if (root.hasAttribute('data-live-reload') && !leaving) location.reload();
  });
})();`;

export const liveScript: Html = scriptContent(source);
