// The unified timeline: every event of the customer on one line, newest first, filtered by
// channel and source, loading older pages as the agent scrolls and newer events as they happen.

import * as api from './api.js';
import { h, fill, icon, timeElement } from './dom.js';
import { channelIcon, channelLabel, channels, exactTime, kindLabel, relativeTime, sourceLabel } from './format.js';
import { detailLink } from './card.js';

const PAGE_SIZE = 25;
const POLL_MS = 2000;
/** While the stream runs, how often the newest page is still read: for missing sources, and for
 * events the stream does not send (those of a service while it was away). */
const STREAMING_CHECK_MS = 5000;
const STREAM_RETRY_MS = 30000;
const CLOCK_MS = 30000;
const SOURCE_NAMES = { PROFILE: 'Profile', FEEDBACK: 'Feedback', RETURNS: 'Returns' };
const SOURCE_CONTENT = {
  PROFILE: 'touchpoints, identity and consent changes',
  FEEDBACK: 'survey answers, complaints and follow-ups',
  RETURNS: 'orders and returns',
};

/** Newest first, in the gateway's total order: time, then source, then event id. */
function newerFirst(a, b) {
  const time = new Date(b.occurTime).getTime() - new Date(a.occurTime).getTime();
  if (time !== 0) {
    return time;
  }
  return (b.source || '').localeCompare(a.source || '') || (b.eventId || '').localeCompare(a.eventId || '');
}

function key(event) {
  return `${event.source}|${event.eventId}`;
}

export class Timeline {
  constructor(customerId, { onNewEvents, onSourcesChanged }) {
    this.customerId = customerId;
    this.onNewEvents = onNewEvents;
    this.onSourcesChanged = onSourcesChanged;
    this.missingShown = '';
    this.list = document.getElementById('timeline-list');
    this.end = document.getElementById('timeline-end');
    this.more = document.getElementById('timeline-more');
    this.status = document.getElementById('timeline-status');
    this.live = document.getElementById('timeline-live');
    this.warning = document.getElementById('timeline-warning');
    this.form = document.getElementById('timeline-filters');
    this.channel = document.getElementById('filter-channel');
    this.events = [];
    this.seen = new Set();
    this.nextPageToken = '';
    this.exhausted = false;
    this.loading = false;
    this.generation = 0;
    this.timers = [];
    this.stream = null;
    this.listeners = [];
    this.missing = { page: [], live: [] };
  }

  start() {
    if (this.channel.options.length === 1) {
      this.channel.append(...channels.map(([value, label]) => h('option', { value: value.replace('CHANNEL_', '') }, label)));
    }
    this.listen(this.form, 'change', () => this.restart());
    this.listen(this.more, 'click', () => this.loadMore());
    this.observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        this.loadMore();
      }
    }, { rootMargin: '200px' });
    this.observer.observe(this.end);
    this.timers.push(setInterval(() => this.tick(), CLOCK_MS));
    this.restart();
  }

  stop() {
    this.generation += 1;
    this.stopLive();
    this.timers.forEach(clearInterval);
    this.timers = [];
    if (this.observer) {
      this.observer.disconnect();
    }
    this.listeners.forEach(([target, type, handler]) => target.removeEventListener(type, handler));
    this.listeners = [];
    fill(this.list);
    this.warning.hidden = true;
    this.status.textContent = '';
    this.live.textContent = '';
  }

  listen(target, type, handler) {
    target.addEventListener(type, handler);
    this.listeners.push([target, type, handler]);
  }

  filters() {
    const sources = [...this.form.querySelectorAll('input[name=source]')];
    const chosen = sources.filter((input) => input.checked).map((input) => input.value);
    return {
      channel: this.channel.value || undefined,
      source: chosen.length === sources.length ? undefined : chosen,
      none: chosen.length === 0,
    };
  }

  path() {
    return `/v1/customers/${this.customerId}/timeline`;
  }

  /** Starts over with the current filters. */
  async restart() {
    this.generation += 1;
    const generation = this.generation;
    this.stopLive();
    this.events = [];
    this.seen = new Set();
    this.nextPageToken = '';
    this.exhausted = false;
    this.loading = false;
    this.missing = { page: [], live: [] };
    fill(this.list);
    this.showWarning();
    if (this.filters().none) {
      this.exhausted = true;
      this.status.textContent = 'Choose at least one source to see events.';
      this.more.hidden = true;
      return;
    }
    await this.loadMore();
    if (generation === this.generation) {
      this.startLive(generation);
    }
  }

  async loadMore() {
    if (this.loading || this.exhausted) {
      return;
    }
    const generation = this.generation;
    this.loading = true;
    this.list.setAttribute('aria-busy', 'true');
    this.status.textContent = 'Loading events…';
    const { channel, source } = this.filters();
    try {
      const page = await api.get(this.path() + api.query({ pageSize: PAGE_SIZE, pageToken: this.nextPageToken, channel, source }));
      if (generation !== this.generation) {
        return;
      }
      const fresh = (page.events || []).filter((event) => !this.seen.has(key(event)));
      fresh.forEach((event) => this.seen.add(key(event)));
      this.events.push(...fresh);
      this.list.append(...fresh.map((event) => this.row(event)));
      this.nextPageToken = page.nextPageToken || '';
      this.exhausted = !this.nextPageToken;
      this.missing.page = page.missingSources || [];
      this.showWarning();
      this.status.textContent = this.exhausted
        ? (this.events.length ? `All ${this.events.length} events shown; this is the start of the history.` : 'No events match these filters.')
        : `${this.events.length} events shown; scroll for older ones.`;
      this.more.hidden = this.exhausted;
    } catch (failure) {
      if (generation !== this.generation || (failure instanceof api.ApiError && failure.status === 401)) {
        return;
      }
      this.status.textContent = `The timeline could not be loaded: ${failure instanceof api.ApiError ? failure.describe() : 'the gateway cannot be reached'}.`;
      this.more.hidden = false;
    } finally {
      if (generation === this.generation) {
        this.loading = false;
        this.list.removeAttribute('aria-busy');
      }
    }
    // A short first page may not fill the screen; keep going while the end is still in view.
    if (generation === this.generation && !this.exhausted && this.endInView()) {
      setTimeout(() => this.loadMore(), 0);
    }
  }

  endInView() {
    const box = this.end.getBoundingClientRect();
    return box.top < window.innerHeight + 200;
  }

  /** A warning naming each service whose events are missing, or none. */
  showWarning() {
    const missing = [...new Set([...this.missing.page, ...this.missing.live])].sort();
    if (missing.join() !== this.missingShown) {
      // A service went away or came back: the card's parts from it are stale too.
      this.missingShown = missing.join();
      this.onSourcesChanged();
    }
    if (!missing.length) {
      this.warning.hidden = true;
      fill(this.warning);
      return;
    }
    fill(this.warning, icon('icon-warning'), ' ',
      h('span', {}, missing.map((source) => `${SOURCE_NAMES[source] || source} is not answering: its ${SOURCE_CONTENT[source] || 'events'} may be missing from this timeline.`).join(' '),
        ' The console keeps trying and fills them in when it answers again.'));
    this.warning.dataset.missing = missing.join(' ');
    this.warning.hidden = false;
  }

  row(event) {
    const channel = event.channel || '';
    const title = event.summary || kindLabel(event.kind);
    const resource = event.resource || '';
    const source = (event.source || '').replace('TIMELINE_SOURCE_', '');
    return h('li', { class: `event source-${source.toLowerCase()}`, 'data-event-id': event.eventId, 'data-source': source, 'data-kind': event.kind },
      icon(channelIcon(channel), channelLabel(channel)),
      h('span', { class: 'event-main' },
        resource.startsWith('customers/')
          ? h('a', { href: detailLink(resource), class: 'event-title' }, title)
          : h('span', { class: 'event-title' }, title),
        h('span', { class: 'event-kind' }, `${kindLabel(event.kind)} · ${sourceLabel(event.source)}`)),
      timeElement(event.occurTime, relativeTime(event.occurTime), exactTime(event.occurTime)));
  }

  /** Adds events that arrived since the list was loaded, each in its place. */
  addNew(events) {
    const fresh = events.filter((event) => !this.seen.has(key(event)) && this.matches(event));
    const oldest = this.events[this.events.length - 1];
    const inRange = fresh.filter((event) => this.exhausted || !oldest || newerFirst(event, oldest) <= 0);
    if (!inRange.length) {
      return;
    }
    inRange.sort(newerFirst);
    for (const event of inRange) {
      this.seen.add(key(event));
      const index = this.events.findIndex((shown) => newerFirst(event, shown) < 0);
      const row = this.row(event);
      row.classList.add('new');
      if (index < 0) {
        this.events.push(event);
        this.list.append(row);
      } else {
        this.list.insertBefore(row, this.list.children[index]);
        this.events.splice(index, 0, event);
      }
    }
    this.live.textContent = `${inRange.length} new event${inRange.length === 1 ? '' : 's'}: ${inRange.map((e) => e.summary || kindLabel(e.kind)).join('; ')}`;
    this.onNewEvents();
  }

  matches(event) {
    const { channel, source } = this.filters();
    if (channel && event.channel !== `CHANNEL_${channel}`) {
      return false;
    }
    return !source || source.includes((event.source || '').replace('TIMELINE_SOURCE_', ''));
  }

  /** Live updates: the gateway's event stream, or a look every two seconds while it fails. */
  startLive(generation) {
    this.openStream(generation);
  }

  stopLive() {
    if (this.stream) {
      this.stream.close();
      this.stream = null;
    }
    clearInterval(this.poller);
    clearTimeout(this.streamRetry);
    this.poller = 0;
  }

  openStream(generation) {
    const { channel, source } = this.filters();
    const stream = new EventSource(api.streamUrl(`${this.path()}:stream`, { channel, source }));
    this.stream = stream;
    stream.addEventListener('timeline', (message) => {
      try {
        this.addNew([JSON.parse(message.data)]);
      } catch {
        // A malformed event is skipped; the next poll or page load shows the truth.
      }
    });
    stream.addEventListener('open', () => {
      this.live.dataset.mode = 'stream';
      this.checkForNew();
      this.poll(generation, STREAMING_CHECK_MS);
    });
    stream.addEventListener('error', () => {
      if (generation !== this.generation) {
        return;
      }
      // Poll while the stream is down: the browser reconnects by itself unless it was refused.
      this.live.dataset.mode = 'polling';
      this.poll(generation, POLL_MS);
      if (stream.readyState === EventSource.CLOSED) {
        // Refused (or not offered): try the stream again later.
        this.stream = null;
        this.streamRetry = setTimeout(() => {
          if (generation === this.generation) {
            this.openStream(generation);
          }
        }, STREAM_RETRY_MS);
      }
    });
  }

  /** Reads the newest page every `interval` milliseconds, replacing any earlier schedule. */
  poll(generation, interval) {
    clearInterval(this.poller);
    this.poller = setInterval(() => {
      if (generation === this.generation) {
        this.checkForNew();
      }
    }, interval);
  }

  /** Reads the newest page once and adds what is new; also clears or raises the warning. */
  async checkForNew() {
    if (this.checking || this.filters().none) {
      return;
    }
    const generation = this.generation;
    this.checking = true;
    const { channel, source } = this.filters();
    try {
      const page = await api.get(this.path() + api.query({ pageSize: PAGE_SIZE, channel, source }));
      if (generation !== this.generation) {
        return;
      }
      this.missing.live = page.missingSources || [];
      if (!this.missing.live.length) {
        this.missing.page = [];
      }
      this.showWarning();
      this.addNew(page.events || []);
    } catch (failure) {
      if (!(failure instanceof api.ApiError)) {
        this.live.textContent = 'Live updates paused: the gateway cannot be reached.';
      }
    } finally {
      this.checking = false;
    }
  }

  /** Keeps "3 min ago" true as time passes. */
  tick() {
    const now = Date.now();
    for (const time of document.querySelectorAll('time[data-relative]')) {
      time.textContent = relativeTime(time.dataset.relative, now);
    }
  }
}
