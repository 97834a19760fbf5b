// The search box: results as the agent types, from the gateway's customers:find, navigable by
// keyboard as a combobox (↓ ↑ to move, Enter to open, Escape to close).

import * as api from './api.js';
import { h, fill } from './dom.js';
import { identityValue } from './format.js';

const DEBOUNCE_MS = 200;

/** Finds customers by any identifier or name; `onChoose` gets the chosen customer's resource name. */
export async function findCustomers(text, { signal, pageSize = 8 } = {}) {
  const found = await api.get(`/v1/customers:find${api.query({ query: text, pageSize })}`, { signal });
  return found.matches || [];
}

/** A line describing a customer in a result list: their strongest identifiers. */
export function customerHint(customer) {
  const identities = customer.identities || [];
  const pick = (type) => identities.find((i) => i.type === type);
  return [pick('IDENTITY_TYPE_EMAIL'), pick('IDENTITY_TYPE_PHONE'), pick('IDENTITY_TYPE_LOYALTY_ID')]
    .filter(Boolean).map(identityValue).join(' · ');
}

export class SearchBox {
  constructor(form, onChoose) {
    this.form = form;
    this.input = form.querySelector('input');
    this.list = form.querySelector('[role=listbox]');
    this.status = form.querySelector('[aria-live]');
    this.onChoose = onChoose;
    this.matches = [];
    this.active = -1;
    this.timer = 0;
    this.pending = null;

    this.input.addEventListener('input', () => this.schedule());
    this.input.addEventListener('keydown', (event) => this.key(event));
    this.input.addEventListener('focus', () => {
      if (this.matches.length) {
        this.open(true);
      }
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.choose(this.active >= 0 ? this.active : 0);
    });
    document.addEventListener('click', (event) => {
      if (!form.contains(event.target)) {
        this.open(false);
      }
    });
  }

  schedule() {
    clearTimeout(this.timer);
    const text = this.input.value.trim();
    if (text.length < 2) {
      this.abort();
      this.show([], '');
      return;
    }
    this.timer = setTimeout(() => this.search(text), DEBOUNCE_MS);
  }

  abort() {
    if (this.pending) {
      this.pending.abort();
      this.pending = null;
    }
  }

  async search(text) {
    this.abort();
    const controller = new AbortController();
    this.pending = controller;
    this.form.setAttribute('aria-busy', 'true');
    try {
      const matches = await findCustomers(text, { signal: controller.signal });
      if (controller.signal.aborted) {
        return;
      }
      this.show(matches, matches.length ? '' : `No customer matches “${text}”.`);
    } catch (error) {
      if (controller.signal.aborted || error.name === 'AbortError') {
        return;
      }
      this.show([], error instanceof api.ApiError ? `Search failed: ${error.describe()}`
        : 'Search failed: the gateway cannot be reached.');
    } finally {
      if (this.pending === controller) {
        this.pending = null;
        this.form.removeAttribute('aria-busy');
      }
    }
  }

  show(matches, message) {
    this.matches = matches;
    this.active = matches.length ? 0 : -1;
    fill(this.list, matches.map((match, index) => h('li', {
      id: `search-option-${index}`,
      role: 'option',
      class: 'search-option',
      'aria-selected': index === this.active ? 'true' : 'false',
      onmousedown: (event) => event.preventDefault(),
      onclick: () => this.choose(index),
    },
    h('span', { class: 'option-name' }, match.customer.displayName || match.customer.name),
    h('span', { class: 'option-hint' }, customerHint(match.customer)),
    h('span', { class: 'option-match' }, `matched by ${match.matchedBy}`))));
    if (message) {
      this.list.append(h('li', { class: 'search-empty', role: 'presentation' }, message));
    }
    this.status.textContent = message || `${matches.length} customer${matches.length === 1 ? '' : 's'} found.`;
    this.open(matches.length > 0 || Boolean(message));
    this.highlight();
  }

  open(visible) {
    this.list.hidden = !visible;
    this.input.setAttribute('aria-expanded', visible ? 'true' : 'false');
  }

  highlight() {
    const options = this.list.querySelectorAll('[role=option]');
    options.forEach((option, index) => option.setAttribute('aria-selected', index === this.active ? 'true' : 'false'));
    if (this.active >= 0 && options[this.active]) {
      this.input.setAttribute('aria-activedescendant', options[this.active].id);
      options[this.active].scrollIntoView({ block: 'nearest' });
    } else {
      this.input.removeAttribute('aria-activedescendant');
    }
  }

  key(event) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!this.matches.length) {
        return;
      }
      event.preventDefault();
      this.open(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.matches.length) % this.matches.length;
      this.highlight();
    } else if (event.key === 'Escape') {
      if (!this.list.hidden) {
        event.preventDefault();
        this.open(false);
      }
    }
  }

  choose(index) {
    const match = this.matches[index];
    if (!match) {
      return;
    }
    this.open(false);
    this.input.value = '';
    this.matches = [];
    fill(this.list);
    this.onChoose(match.customer.name);
  }
}
