// The agent console: sign-in, routing between the search page and a customer, and the wiring of
// the search box, the 360° card, the timeline and the detail drawer.

import * as api from './api.js';
import * as notices from './notices.js';
import { SearchBox } from './search.js';
import { Card } from './card.js';
import { Timeline } from './timeline.js';
import { Detail } from './detail.js';

const views = ['sign-in-view', 'home-view', 'customer-view'];

const state = {
  customerId: null,
  card: null,
  timeline: null,
  detail: new Detail(document.getElementById('detail'), () => refreshCustomer()),
};

function show(view) {
  for (const id of views) {
    document.getElementById(id).hidden = id !== view;
  }
  const signedIn = view !== 'sign-in-view';
  document.getElementById('search').hidden = !signedIn;
  document.getElementById('session').hidden = !signedIn;
}

/** #/customers/{id} or #/customers/{id}/open/{resource name}. */
function parseRoute() {
  const hash = decodeURIComponent(location.hash.replace(/^#\/?/, ''));
  const match = hash.match(/^customers\/([A-Za-z0-9_-]{1,64})(?:\/open\/(.+))?$/);
  return match ? { customerId: match[1], open: match[2] || null } : { customerId: null, open: null };
}

function route() {
  if (!api.token()) {
    showSignIn('');
    return;
  }
  const { customerId, open } = parseRoute();
  if (!customerId) {
    leaveCustomer();
    show('home-view');
    document.title = 'CX console';
    return;
  }
  show('customer-view');
  if (customerId !== state.customerId) {
    openCustomer(customerId);
  }
  if (open) {
    state.detail.open(open, customerId);
  } else {
    state.detail.close();
  }
}

function openCustomer(customerId) {
  leaveCustomer();
  state.customerId = customerId;
  state.card = new Card(document.getElementById('card'), customerId, {
    onChanged: () => refreshCustomer(),
    onLoaded: (customer) => {
      document.title = `${customer.displayName || 'Customer'} · CX console`;
    },
  });
  const reloadCard = () => state.card && state.card.load();
  state.timeline = new Timeline(customerId, { onNewEvents: reloadCard, onSourcesChanged: reloadCard });
  state.card.load();
  state.timeline.start();
  document.getElementById('main').focus({ preventScroll: true });
}

function leaveCustomer() {
  if (state.timeline) {
    state.timeline.stop();
  }
  state.timeline = null;
  state.card = null;
  state.customerId = null;
}

/** After an action: the card again, and the timeline's newest page at once. */
function refreshCustomer() {
  if (state.card) {
    state.card.load();
  }
  if (state.timeline) {
    state.timeline.checkForNew();
  }
}

function showSignIn(message) {
  leaveCustomer();
  state.detail.close();
  notices.clear();
  show('sign-in-view');
  document.getElementById('sign-in-error').textContent = message;
  document.getElementById('session-who').textContent = '';
  document.getElementById('token-input').focus();
}

function describeSession() {
  const claims = api.claims(api.token()) || {};
  const role = claims.role || (Array.isArray(claims.roles) ? claims.roles.join(', ') : '');
  const who = claims.sub || 'signed in';
  document.getElementById('session-who').textContent = role ? `${who} · ${role}` : who;
}

function setUpSignIn() {
  document.getElementById('sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = document.getElementById('token-input');
    const value = input.value.trim().replace(/^Bearer\s+/i, '');
    const error = document.getElementById('sign-in-error');
    if (!value) {
      error.textContent = 'Paste a token to sign in.';
      input.focus();
      return;
    }
    if (/\s/.test(value)) {
      error.textContent = 'A token has no spaces or line breaks; paste it exactly as printed.';
      input.focus();
      return;
    }
    const claims = api.claims(value);
    if (claims && typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) {
      error.textContent = 'This token has expired. Ask for a new one.';
      input.focus();
      return;
    }
    api.signIn(value);
    input.value = '';
    error.textContent = '';
    describeSession();
    route();
    document.getElementById('search-input').focus();
  });
  document.getElementById('sign-out').addEventListener('click', () => {
    api.signOut();
    history.replaceState(null, '', '#/');
    showSignIn('You are signed out.');
  });
  api.whenSignedOut((message) => showSignIn(message));
}

function start() {
  setUpSignIn();
  new SearchBox(document.getElementById('search'), (customerName) => {
    location.hash = `#/${customerName}`;
  });
  window.addEventListener('hashchange', route);
  // A page left open in the back/forward cache must not keep its event stream (and one of the
  // browser's few connections to the gateway); it reopens when the page is shown again.
  window.addEventListener('pagehide', () => state.timeline && state.timeline.stopLive());
  window.addEventListener('pageshow', (event) => {
    if (event.persisted && state.timeline) {
      state.timeline.startLive(state.timeline.generation);
    }
  });
  window.addEventListener('unhandledrejection', (event) => {
    // Every expected failure is handled where it happens; anything else is a bug, shown to the
    // agent and left in the browser console for whoever fixes it. A 401 has already taken the
    // agent to the sign-in screen.
    if (!(event.reason instanceof api.ApiError && event.reason.status === 401)) {
      notices.failure(event.reason instanceof api.ApiError ? event.reason.describe()
        : 'Something went wrong in the console; reload the page if it persists.');
    }
  });
  if (api.token()) {
    describeSession();
  }
  route();
}

start();
