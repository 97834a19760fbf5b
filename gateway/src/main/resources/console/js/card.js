// The 360° card: who the customer is, how they feel, what is open, what they bought — from the
// gateway's summary, with the actions an agent takes on what is open.

import * as api from './api.js';
import * as actions from './actions.js';
import { h, s, fill, icon, timeElement } from './dom.js';
import {
  channelIcon, channelLabel, date, durationSeconds, enumLabel, exactTime, identityLabel, identityValue, idOf, money,
  percent, relativeTime, span,
} from './format.js';

const SOURCE_NAMES = { PROFILE: 'Profile', FEEDBACK: 'Feedback', RETURNS: 'Returns' };
const RETURN_STEPS = [
  ['RETURN_STATE_REQUESTED', 'Requested'],
  ['RETURN_STATE_APPROVED', 'Approved'],
  ['RETURN_STATE_IN_TRANSIT', 'In transit'],
  ['RETURN_STATE_RECEIVED', 'Received'],
  ['RETURN_STATE_INSPECTED', 'Inspected'],
];
const SCORE_RANGES = { SURVEY_TYPE_NPS: [0, 10], SURVEY_TYPE_CSAT: [1, 5], SURVEY_TYPE_CES: [1, 7] };
const DUE_SOON_SECONDS = 24 * 3600;

export class Card {
  constructor(element, customerId, { onChanged, onLoaded }) {
    this.element = element;
    this.customerId = customerId;
    this.onChanged = onChanged;
    this.onLoaded = onLoaded;
    this.loading = null;
    this.summary = null;
  }

  /** Loads (or reloads) the summary; overlapping calls share one request. */
  load() {
    if (!this.loading) {
      this.loading = this.fetch().finally(() => {
        this.loading = null;
      });
    }
    return this.loading;
  }

  async fetch() {
    if (!this.summary) {
      this.element.setAttribute('aria-busy', 'true');
      fill(this.element, h('p', { class: 'muted' }, 'Loading the customer…'));
    }
    try {
      const summary = await api.get(`/v1/customers/${this.customerId}/summary`);
      this.summary = summary;
      this.render(summary);
      this.onLoaded(summary.customer);
    } catch (failure) {
      if (failure instanceof api.ApiError && failure.status === 401) {
        return;
      }
      const message = failure instanceof api.ApiError && failure.status === 404
        ? 'There is no customer with this id.' : actions.describe(failure);
      fill(this.element, h('div', { class: 'warning', role: 'alert' }, icon('icon-warning'), ' ', message));
    } finally {
      this.element.removeAttribute('aria-busy');
    }
  }

  render(summary) {
    // The card is redrawn whenever something changes; the agent's keyboard focus stays put.
    const focused = this.element.contains(document.activeElement) ? focusKey(document.activeElement) : null;
    this.draw(summary);
    if (focused) {
      const again = [...this.element.querySelectorAll('button, a')].find((element) => focusKey(element) === focused);
      if (again) {
        again.focus({ preventScroll: true });
      }
    }
  }

  draw(summary) {
    const { customer } = summary;
    const missing = summary.missingSources || [];
    const changed = () => this.onChanged();
    fill(this.element,
      missing.length ? h('div', { class: 'warning', role: 'alert', 'data-missing': missing.join(' ') }, icon('icon-warning'), ' ',
        `${missing.map((m) => SOURCE_NAMES[m] || m).join(' and ')} did not answer: part of this card is missing.`) : null,
      header(customer, summary.requestedAlias, changed),
      section('Identities', identities(customer)),
      section('Consents', consents(summary.consents, missing.includes('PROFILE'))),
      section('Scores', missing.includes('FEEDBACK') ? unavailable('Feedback') : scores(summary.feedback)),
      section('Open complaints', missing.includes('FEEDBACK') ? unavailable('Feedback')
        : complaints(summary.feedback, changed), summary.feedback && summary.feedback.openComplaintCount),
      section('Open follow-ups', missing.includes('FEEDBACK') ? unavailable('Feedback')
        : followUps(summary.feedback, changed), summary.feedback && summary.feedback.openFollowUpCount),
      section('Returns in progress', missing.includes('RETURNS') ? unavailable('Returns')
        : returns(summary.commerce, changed), summary.commerce && summary.commerce.openReturnCount),
      section('Orders and value', missing.includes('RETURNS') ? unavailable('Returns') : commerce(summary.commerce)));
  }
}

/** What identifies a control across redraws: the record it belongs to and its text. */
function focusKey(element) {
  const record = element.closest('[data-name]');
  return `${record ? record.dataset.name : ''}|${element.tagName}|${element.textContent}`;
}

function section(title, content, count) {
  const id = `card-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  const shown = count !== undefined && count !== null ? ` (${count})` : '';
  return h('section', { class: 'card-section', 'aria-labelledby': id, id: `${id}-section` },
    h('h3', { id }, title + shown), content);
}

function unavailable(source) {
  return h('p', { class: 'unavailable' }, icon('icon-warning'), ` ${source} is not answering right now.`);
}

function header(customer, alias, changed) {
  const attributes = customer.attributes || {};
  const facts = [
    attributes.locale, attributes.timeZone,
    customer.createTime ? `customer since ${date(customer.createTime)}` : null,
  ].filter(Boolean).join(' · ');
  return h('header', { class: 'card-header' },
    h('h2', { id: 'customer-name' }, customer.displayName || 'Unnamed customer'),
    h('p', { class: 'badges' },
      attributes.loyaltyTier ? h('span', { class: `badge tier-${attributes.loyaltyTier}` }, `${attributes.loyaltyTier} tier`) : null,
      customer.state && customer.state !== 'CUSTOMER_STATE_ACTIVE'
        ? h('span', { class: 'badge warn' }, enumLabel(customer.state, 'CUSTOMER_STATE_')) : null,
      (customer.mergedCustomerIds || []).length
        ? h('span', { class: 'badge' }, `${customer.mergedCustomerIds.length} merged profile(s)`) : null),
    facts ? h('p', { class: 'muted' }, facts) : null,
    alias ? h('p', { class: 'muted' }, `You opened ${alias}, which was merged into this profile.`) : null,
    h('div', { class: 'card-actions' },
      h('button', { type: 'button', class: 'button', onclick: () => actions.recordCallNote(customer, changed) }, 'Record call note'),
      h('button', { type: 'button', class: 'button', onclick: () => actions.mergeInto(customer, changed) }, 'Merge duplicate…')));
}

function identities(customer) {
  const list = customer.identities || [];
  if (!list.length) {
    return h('p', { class: 'muted' }, 'No identifiers.');
  }
  return h('ul', { class: 'identities' }, list.map((identity) => h('li', {},
    icon(channelIcon(identity.firstSeenChannel), `First seen: ${channelLabel(identity.firstSeenChannel)}`),
    h('span', { class: 'identity-type' }, identityLabel(identity)),
    h('span', { class: 'identity-value' }, identityValue(identity)),
    identity.verified ? h('span', { class: 'verified', title: 'Verified' }, icon('icon-check', 'Verified')) : null)));
}

function consents(consentsResponse, missing) {
  if (missing) {
    return unavailable('Profile');
  }
  const list = (consentsResponse && consentsResponse.consents) || [];
  if (!list.length) {
    return h('p', { class: 'muted' }, 'No consent decisions recorded: the default policy applies.');
  }
  return h('ul', { class: 'consents' }, list.map((consent) => {
    const granted = consent.status === 'CONSENT_STATUS_GRANTED';
    return h('li', { class: granted ? 'granted' : 'denied' },
      h('span', { class: 'consent-status' }, granted ? 'Granted' : 'Denied'), ' ',
      `${enumLabel(consent.purpose, 'CONSENT_PURPOSE_')} by ${enumLabel(consent.channel, 'CONSENT_CHANNEL_')}`,
      consent.decideTime ? h('span', { class: 'muted' }, ' · ', timeElement(consent.decideTime, date(consent.decideTime),
        exactTime(consent.decideTime))) : null);
  }));
}

function scores(feedback) {
  if (!feedback) {
    return h('p', { class: 'muted' }, 'No feedback yet.');
  }
  const trends = [['NPS', feedback.nps], ['CSAT', feedback.csat], ['CES', feedback.ces]]
    .filter(([, trend]) => trend && trend.latestResponse);
  if (!trends.length) {
    return h('p', { class: 'muted' }, 'No survey answers yet.');
  }
  return h('div', { class: 'scores' }, trends.map(([label, trend]) => {
    const latest = trend.latestResponse;
    const direction = enumLabel(trend.direction, 'TREND_DIRECTION_');
    return h('div', { class: `score band-${(latest.band || '').replace('SCORE_BAND_', '').toLowerCase()}` },
      h('div', { class: 'score-head' },
        h('span', { class: 'score-label' }, label),
        h('span', { class: 'score-value' }, String(latest.score ?? 0)),
        h('span', { class: 'score-band' }, enumLabel(latest.band, 'SCORE_BAND_'))),
      sparkline(label, trend),
      h('p', { class: 'score-meta' }, direction ? `${direction} · ` : '',
        timeElement(latest.respondTime, relativeTime(latest.respondTime), exactTime(latest.respondTime))),
      latest.comment ? h('blockquote', { class: 'score-comment' }, latest.comment) : null);
  }));
}

/** A small line chart of the recent scores, oldest to newest. */
function sparkline(label, trend) {
  const points = trend.recentScores || [];
  const [low, high] = SCORE_RANGES[trend.surveyType] || [0, 10];
  const width = 120;
  const height = 32;
  const x = (i) => (points.length === 1 ? width / 2 : 4 + (i * (width - 8)) / (points.length - 1));
  const y = (score) => height - 4 - ((score - low) / (high - low || 1)) * (height - 8);
  const description = `${label} trend, oldest to newest: ${points.map((p) => p.score ?? 0).join(', ')}`;
  return s('svg', { class: 'sparkline', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': description },
    s('title', {}, description),
    s('line', { class: 'spark-axis', x1: 0, x2: width, y1: height - 4, y2: height - 4 }),
    points.length > 1 ? s('polyline', { points: points.map((p, i) => `${x(i)},${y(p.score ?? 0)}`).join(' ') }) : null,
    points.map((p, i) => s('circle', { cx: x(i), cy: y(p.score ?? 0), r: i === points.length - 1 ? 3 : 2 })));
}

/** On track, due soon or overdue, from the complaint's resolution target. */
function slaState(item, asOf) {
  const due = item.complaint.resolveByTime;
  if (!due) {
    return { state: 'none', text: 'No target' };
  }
  const seconds = (new Date(due).getTime() - new Date(asOf || Date.now()).getTime()) / 1000;
  if (item.overdue || seconds < 0) {
    return { state: 'overdue', text: `SLA overdue by ${span(Math.round(-seconds))}` };
  }
  if (seconds < DUE_SOON_SECONDS) {
    return { state: 'due-soon', text: `SLA due in ${span(Math.round(seconds))}` };
  }
  return { state: 'on-track', text: `SLA on track, due in ${span(Math.round(seconds))}` };
}

function complaints(feedback, changed) {
  const list = (feedback && feedback.openComplaints) || [];
  if (!list.length) {
    return h('p', { class: 'muted' }, 'No open complaints.');
  }
  return h('ul', { class: 'items' }, list.map((item) => {
    const complaint = item.complaint;
    const sla = slaState(item, feedback.asOfTime);
    const stateName = enumLabel(complaint.state, 'COMPLAINT_STATE_');
    let action = null;
    if (complaint.state === 'COMPLAINT_STATE_OPEN') {
      action = h('button', { type: 'button', class: 'button small', onclick: (e) => actions.acknowledgeComplaint(e.currentTarget, complaint, changed) }, 'Acknowledge');
    } else if (complaint.state === 'COMPLAINT_STATE_ACKNOWLEDGED') {
      action = h('button', { type: 'button', class: 'button small', onclick: (e) => actions.startComplaintWork(e.currentTarget, complaint, changed) }, 'Start work');
    } else if (complaint.state === 'COMPLAINT_STATE_IN_PROGRESS') {
      action = h('button', { type: 'button', class: 'button small primary', onclick: () => actions.resolveComplaint(complaint, changed) }, 'Resolve…');
    }
    return h('li', { class: 'item complaint', 'data-name': complaint.name, 'data-state': complaint.state },
      h('div', { class: 'item-line' },
        icon(channelIcon(complaint.channel), channelLabel(complaint.channel)),
        h('a', { href: detailLink(complaint.name), class: 'item-title' },
          `${enumLabel(complaint.category, 'COMPLAINT_CATEGORY_')} complaint`),
        h('span', { class: `badge severity-${(complaint.severity || '').replace('COMPLAINT_SEVERITY_', '').toLowerCase()}` },
          enumLabel(complaint.severity, 'COMPLAINT_SEVERITY_')),
        h('span', { class: 'badge state' }, stateName)),
      h('p', { class: 'item-text' }, complaint.description),
      h('p', { class: 'item-meta' },
        `filed ${span(durationSeconds(item.age))} ago · `,
        h('span', { class: `sla ${sla.state}`, title: complaint.resolveByTime ? `Resolve by ${exactTime(complaint.resolveByTime)}` : '' }, sla.text)),
      action ? h('div', { class: 'item-actions' }, action) : null);
  }));
}

function followUps(feedback, changed) {
  const list = (feedback && feedback.openFollowUps) || [];
  if (!list.length) {
    return h('p', { class: 'muted' }, 'No open follow-ups.');
  }
  return h('ul', { class: 'items' }, list.map((item) => {
    const followUp = item.followUp;
    return h('li', { class: 'item follow-up', 'data-name': followUp.name },
      h('div', { class: 'item-line' },
        icon(channelIcon(followUp.channel), channelLabel(followUp.channel)),
        h('a', { href: detailLink(followUp.name), class: 'item-title' },
          `${enumLabel(followUp.surveyType, 'SURVEY_TYPE_').toUpperCase()} ${followUp.score ?? 0} follow-up`),
        h('span', { class: 'badge state' }, enumLabel(followUp.trigger, 'FOLLOW_UP_TRIGGER_'))),
      h('p', { class: 'item-meta' }, `waiting ${span(durationSeconds(item.age))} for a call back`),
      h('div', { class: 'item-actions' },
        h('button', { type: 'button', class: 'button small', onclick: () => actions.closeFollowUp(followUp, changed) }, 'Close…')));
  }));
}

function returns(commerce, changed) {
  const list = (commerce && commerce.returnsInProgress) || [];
  if (!list.length) {
    return h('p', { class: 'muted' }, 'No returns in progress.');
  }
  return h('ul', { class: 'items' }, list.map((item) => {
    const reached = RETURN_STEPS.findIndex(([state]) => state === item.state);
    return h('li', { class: 'item return', 'data-name': item.name, 'data-state': item.state },
      h('div', { class: 'item-line' },
        h('a', { href: detailLink(item.name), class: 'item-title' },
          `Return ${idOf(item.name)}`),
        h('span', { class: 'muted' }, `${item.unitCount} item(s) · ${money(item.value)}`)),
      h('ol', { class: 'steps', 'aria-label': `Return status: ${enumLabel(item.state, 'RETURN_STATE_')}` },
        RETURN_STEPS.map(([state, label], index) => h('li', {
          class: index < reached ? 'done' : index === reached ? 'current' : 'todo',
          'aria-current': index === reached ? 'step' : false,
        }, label))),
      h('p', { class: 'item-meta' }, item.customerMessage || '', ' · ',
        timeElement(item.stateChangeTime, relativeTime(item.stateChangeTime), exactTime(item.stateChangeTime))),
      item.state === 'RETURN_STATE_REQUESTED' ? h('div', { class: 'item-actions' },
        h('button', { type: 'button', class: 'button small primary', onclick: () => actions.approveReturn(item, changed) }, 'Approve…'),
        h('button', { type: 'button', class: 'button small', onclick: () => actions.rejectReturn(item, changed) }, 'Reject…')) : null);
  }));
}

function commerce(summary) {
  if (!summary) {
    return h('p', { class: 'muted' }, 'No orders.');
  }
  const lifetime = (summary.lifetimeValue || []).map(money).join(' + ') || '—';
  return h('dl', { class: 'figures' },
    h('div', {}, h('dt', {}, 'Orders'), h('dd', { id: 'order-count' }, String(summary.orderCount || 0))),
    h('div', {}, h('dt', {}, 'Return rate'), h('dd', { id: 'return-rate' }, percent(summary.returnRate))),
    h('div', {}, h('dt', {}, 'Lifetime value'), h('dd', { id: 'lifetime-value' }, lifetime)),
    summary.lastOrderTime ? h('div', {}, h('dt', {}, 'Last order'),
      h('dd', {}, timeElement(summary.lastOrderTime, relativeTime(summary.lastOrderTime), exactTime(summary.lastOrderTime)))) : null);
}

/** The link that opens a resource in the detail drawer, over the customer on screen. */
export function detailLink(resource) {
  const viewed = location.hash.match(/^#\/customers\/([A-Za-z0-9_-]+)/);
  return viewed ? `#/customers/${viewed[1]}/open/${resource}` : `#/${resource}`;
}
