// The detail drawer: one record of any service, opened from the timeline or the card, with
// its history and the actions that fit its state.

import * as api from './api.js';
import * as actions from './actions.js';
import { h, fill, timeElement } from './dom.js';
import { channelLabel, enumLabel, exactTime, idOf, money, relativeTime } from './format.js';

const KINDS = {
  complaints: 'Complaint',
  returns: 'Return',
  orders: 'Order',
  responses: 'Survey answer',
  followUps: 'Follow-up',
  interactions: 'Touchpoint',
};

/** Top-level fields worth a line, in order, with how to show each. */
const FACTS = [
  ['state', 'State'], ['channel', 'Channel'], ['category', 'Category'], ['severity', 'Severity'], ['type', 'Type'],
  ['direction', 'Direction'], ['surveyType', 'Survey'], ['score', 'Score'], ['band', 'Band'], ['trigger', 'Trigger'],
  ['outcome', 'Outcome'], ['preferredResolution', 'Preferred resolution'], ['summary', 'Summary'],
  ['description', 'Description'], ['comment', 'Comment'], ['followUpAnswer', 'Follow-up answer'], ['agent', 'Agent'],
  ['orderTime', 'Ordered'], ['occurTime', 'Happened'], ['respondTime', 'Answered'], ['createTime', 'Created'],
  ['resolveByTime', 'Resolve by'], ['updateTime', 'Last change'], ['order', 'Order'], ['displayName', 'Name'],
];

function value(name, raw) {
  if (typeof raw === 'string' && /^\d{4}-\d\d-\d\dT/.test(raw)) {
    return timeElement(raw, `${exactTime(raw)} (${relativeTime(raw)})`, exactTime(raw));
  }
  if (name === 'channel') {
    return channelLabel(raw);
  }
  if (typeof raw === 'string' && /^[A-Z][A-Z_]+$/.test(raw)) {
    return enumText(raw);
  }
  return String(raw);
}

/** "COMPLAINT_STATE_IN_PROGRESS" → "In progress", for any enum of the API. */
function enumText(raw) {
  const known = ['STATE_', 'SEVERITY_', 'CATEGORY_', 'TYPE_', 'DIRECTION_', 'BAND_', 'TRIGGER_', 'OUTCOME_', 'RESOLUTION_', 'KIND_', 'ROLE_'];
  for (const marker of known) {
    const at = raw.indexOf(marker);
    if (at >= 0) {
      return enumLabel(raw.slice(at + marker.length), '');
    }
  }
  return enumLabel(raw, '');
}

export class Detail {
  constructor(element, onChanged) {
    this.element = element;
    this.onChanged = onChanged;
    this.resource = null;
    element.addEventListener('close', () => {
      this.resource = null;
      const viewed = location.hash.match(/^#\/customers\/([A-Za-z0-9_-]+)\/open\//);
      if (viewed) {
        history.replaceState(null, '', `#/customers/${viewed[1]}`);
      }
    });
  }

  close() {
    if (this.element.open) {
      this.element.close();
    }
  }

  async open(resource, viewedId) {
    if (this.resource === resource && this.element.open) {
      return;
    }
    this.resource = resource;
    this.viewedId = viewedId;
    const parts = resource.split('/');
    const kind = KINDS[parts[2]] || (parts.length === 2 ? 'Customer profile' : 'Record');
    const body = h('div', { class: 'drawer-body', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading…'));
    fill(this.element,
      h('div', { class: 'drawer-head' },
        h('h2', { id: 'detail-title' }, `${kind} ${idOf(resource)}`),
        h('button', { type: 'button', class: 'button quiet', onclick: () => this.close() }, 'Close')),
      body);
    if (!this.element.open) {
      this.element.showModal();
    }
    try {
      const answer = await api.get(`/v1/${resource}`);
      const record = Object.values(answer).find((part) => part && typeof part === 'object' && !Array.isArray(part)) || answer;
      if (this.resource !== resource) {
        return;
      }
      fill(body, this.render(parts[2], record));
    } catch (failure) {
      if (failure instanceof api.ApiError && failure.status === 401) {
        return;
      }
      fill(body, h('p', { class: 'form-error', role: 'alert' }, actions.describe(failure)));
    } finally {
      body.removeAttribute('aria-busy');
    }
  }

  render(collection, record) {
    const changed = () => {
      this.onChanged();
      const again = this.resource;
      this.resource = null;
      if (again) {
        this.open(again, this.viewedId);
      }
    };
    const facts = FACTS.filter(([name]) => record[name] !== undefined && record[name] !== '' && typeof record[name] !== 'object');
    return [
      h('dl', { class: 'facts' }, facts.map(([name, label]) => h('div', {}, h('dt', {}, label),
        h('dd', {}, value(name, record[name]))))),
      this.actions(collection, record, changed),
      collection === 'complaints' ? historySection('History', (record.updates || []).map((update) => [
        update.createTime, `${enumText(update.kind || '')}${update.note ? `: ${update.note}` : ''}`,
        update.actor ? `${enumText(update.actor.role || '')} ${update.actor.subject || ''}` : '']), true) : null,
      collection === 'returns' ? historySection('Status history', (record.statusHistory || []).map((change) => [
        change.changeTime, `${enumText(change.state || '')}${change.customerMessage ? `: ${change.customerMessage}` : ''}`,
        change.actor || '']), true) : null,
      collection === 'orders' || collection === 'returns' ? lines(record.lines || []) : null,
      h('details', { class: 'raw' }, h('summary', {}, 'All fields'), h('pre', {}, JSON.stringify(record, null, 2))),
    ];
  }

  actions(collection, record, changed) {
    const buttons = [];
    if (collection === 'complaints') {
      if (record.state === 'COMPLAINT_STATE_OPEN') {
        buttons.push(h('button', { type: 'button', class: 'button', onclick: (e) => actions.acknowledgeComplaint(e.currentTarget, record, changed) }, 'Acknowledge'));
      } else if (record.state === 'COMPLAINT_STATE_ACKNOWLEDGED') {
        buttons.push(h('button', { type: 'button', class: 'button', onclick: (e) => actions.startComplaintWork(e.currentTarget, record, changed) }, 'Start work'));
      } else if (record.state === 'COMPLAINT_STATE_IN_PROGRESS') {
        buttons.push(h('button', { type: 'button', class: 'button primary', onclick: () => this.then(() => actions.resolveComplaint(record, changed)) }, 'Resolve…'));
      }
    }
    if (collection === 'returns' && record.state === 'RETURN_STATE_REQUESTED') {
      const digest = { name: record.name, unitCount: (record.lines || []).reduce((n, l) => n + (l.quantity || 0), 0) };
      buttons.push(h('button', { type: 'button', class: 'button primary', onclick: () => this.then(() => actions.approveReturn(digest, changed)) }, 'Approve…'));
      buttons.push(h('button', { type: 'button', class: 'button', onclick: () => this.then(() => actions.rejectReturn(digest, changed)) }, 'Reject…'));
    }
    if (collection === 'followUps' && record.state === 'FOLLOW_UP_STATE_OPEN') {
      buttons.push(h('button', { type: 'button', class: 'button', onclick: () => this.then(() => actions.closeFollowUp(record, changed)) }, 'Close…'));
    }
    return buttons.length ? h('div', { class: 'item-actions' }, buttons) : null;
  }

  /** Opens an action's dialog in place of the drawer (one modal at a time). */
  then(openDialog) {
    this.close();
    openDialog();
  }
}

function historySection(title, entries) {
  if (!entries.length) {
    return null;
  }
  return h('section', { class: 'history' }, h('h3', {}, title),
    h('ol', {}, entries.map(([time, text, who]) => h('li', {},
      timeElement(time, relativeTime(time), exactTime(time)), ' ', text, who ? h('span', { class: 'muted' }, ` — ${who}`) : null))));
}

function lines(list) {
  if (!list.length) {
    return null;
  }
  return h('section', { class: 'history' }, h('h3', {}, 'Lines'),
    h('ul', {}, list.map((line) => h('li', {},
      `${line.quantity || 0} × ${line.sku || ''}`, line.unitPrice ? ` at ${money(line.unitPrice)}` : '',
      line.reason ? ` — ${enumText(line.reason)}` : '', line.comment ? `: ${line.comment}` : ''))));
}
