// Success and error messages after an agent's action, kept on screen long enough to read.

import { h, icon } from './dom.js';

const SUCCESS_MS = 6000;

/** Shows that an action worked. */
export function success(text) {
  show(text, 'success', SUCCESS_MS);
}

/** Shows why an action failed; it stays until dismissed. */
export function failure(text) {
  show(text, 'error', 0);
}

function show(text, kind, ttl) {
  const area = document.getElementById('notices');
  const close = h('button', { type: 'button', class: 'notice-close', 'aria-label': 'Dismiss message' }, '×');
  const notice = h('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    icon(kind === 'error' ? 'icon-warning' : 'icon-check'), h('span', { class: 'notice-text' }, text), close);
  close.addEventListener('click', () => notice.remove());
  area.append(notice);
  while (area.children.length > 4) {
    area.firstElementChild.remove();
  }
  if (ttl) {
    setTimeout(() => notice.remove(), ttl);
  }
}

/** Removes every message, for example when the agent signs out. */
export function clear() {
  document.getElementById('notices').replaceChildren();
}
