// What an agent can do from the console, each as one dialog (or one click) and one API call,
// with the gateway's answer shown as a clear success or error message.

import * as api from './api.js';
import * as notices from './notices.js';
import { h, fill } from './dom.js';
import { findCustomers, customerHint } from './search.js';
import { enumLabel, identityLabel, identityValue } from './format.js';

const dialog = () => document.getElementById('dialog');

/**
 * Opens the modal dialog with a form. `submit(form)` performs the call and resolves with the
 * success message; a failure is shown inside the dialog, which stays open for a retry.
 */
export function openForm({ title, intro, fields, submitLabel, submit, danger = false }) {
  const element = dialog();
  const error = h('p', { class: 'form-error', role: 'alert' });
  const submitButton = h('button', { type: 'submit', class: `button ${danger ? 'danger' : 'primary'}` }, submitLabel);
  const form = h('form', { method: 'dialog', class: 'dialog-form', novalidate: true },
    h('h2', { id: 'dialog-title' }, title),
    intro ? h('p', { class: 'muted' }, intro) : null,
    fields,
    error,
    h('div', { class: 'dialog-buttons' },
      h('button', { type: 'button', class: 'button quiet', onclick: () => element.close() }, 'Cancel'),
      submitButton));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const missing = [...form.querySelectorAll('[required]')].find((input) => !input.value.trim()
      || (input.type === 'checkbox' && !input.checked));
    if (missing) {
      error.textContent = `${missing.dataset.label || 'This field'} is required.`;
      missing.focus();
      return;
    }
    submitButton.disabled = true;
    form.setAttribute('aria-busy', 'true');
    error.textContent = '';
    try {
      const message = await submit(form);
      element.close();
      if (message) {
        notices.success(message);
      }
    } catch (failure) {
      error.textContent = describe(failure);
    } finally {
      submitButton.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });
  fill(element, form);
  element.showModal();
  const first = form.querySelector('input:not([type=hidden]), textarea, select');
  (first || submitButton).focus();
  return form;
}

/** A labelled text field for a dialog. */
export function field(label, name, { multiline = false, required = false, type = 'text', value = '', hint = '' } = {}) {
  const id = `field-${name}`;
  const control = multiline
    ? h('textarea', { id, name, rows: 3, required, 'data-label': label }, value)
    : h('input', { id, name, type, required, value, 'data-label': label });
  return h('div', { class: 'field' },
    h('label', { for: id }, label, required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
    control,
    hint ? h('p', { class: 'hint' }, hint) : null);
}

function select(label, name, options) {
  const id = `field-${name}`;
  return h('div', { class: 'field' }, h('label', { for: id }, label),
    h('select', { id, name }, options.map(([value, text]) => h('option', { value }, text))));
}

/** One sentence for a failed call. */
export function describe(failure) {
  if (failure instanceof api.ApiError) {
    if (failure.status === 409 && failure.reason === 'VERSION_CONFLICT') {
      return `It was changed by someone else since you loaded it; the card has been refreshed. ${failure.describe()}`;
    }
    return failure.describe();
  }
  return 'The gateway could not be reached; check your connection and try again.';
}

/** Runs a one-click action, reporting its outcome. */
async function oneClick(button, action, message, onDone) {
  button.disabled = true;
  try {
    await action();
    notices.success(message);
  } catch (failure) {
    notices.failure(describe(failure));
  } finally {
    button.disabled = false;
    onDone();
  }
}

export function acknowledgeComplaint(button, complaint, onDone) {
  return oneClick(button, () => api.post(`/v1/${complaint.name}:acknowledge`, { expectedVersion: complaint.version }),
    'Complaint acknowledged.', onDone);
}

export function startComplaintWork(button, complaint, onDone) {
  return oneClick(button, () => api.post(`/v1/${complaint.name}:startWork`, { expectedVersion: complaint.version }),
    'Work on the complaint started.', onDone);
}

export function resolveComplaint(complaint, onDone) {
  openForm({
    title: 'Resolve complaint',
    intro: 'The resolution note is sent to the customer.',
    fields: [field('Resolution', 'note', { multiline: true, required: true })],
    submitLabel: 'Resolve',
    submit: async (form) => {
      try {
        await api.post(`/v1/${complaint.name}:resolve`, { expectedVersion: complaint.version, note: form.note.value.trim() });
      } finally {
        onDone();
      }
      return 'Complaint resolved.';
    },
  });
}

export function closeFollowUp(followUp, onDone) {
  openForm({
    title: 'Close follow-up',
    fields: [
      select('Outcome', 'outcome', [
        ['FOLLOW_UP_OUTCOME_RESOLVED', 'Concern addressed in the conversation'],
        ['FOLLOW_UP_OUTCOME_CUSTOMER_UNREACHABLE', 'Customer could not be reached'],
        ['FOLLOW_UP_OUTCOME_NO_ACTION_NEEDED', 'No action needed'],
      ]),
      field('Note', 'note', { multiline: true }),
    ],
    submitLabel: 'Close follow-up',
    submit: async (form) => {
      try {
        await api.post(`/v1/${followUp.name}:close`, {
          outcome: form.outcome.value, note: form.note.value.trim(), expectedVersion: followUp.version,
        });
      } finally {
        onDone();
      }
      return 'Follow-up closed.';
    },
  });
}

export function approveReturn(productReturn, onDone) {
  openForm({
    title: 'Approve return',
    intro: `${productReturn.unitCount} item(s). The customer is told the return is approved.`,
    fields: [field('Message to the customer', 'message', { multiline: true, hint: 'Leave empty for the standard text.' })],
    submitLabel: 'Approve',
    submit: async (form) => {
      try {
        await api.post(`/v1/${productReturn.name}:approve`, { customerMessage: form.message.value.trim() });
      } finally {
        onDone();
      }
      return 'Return approved.';
    },
  });
}

export function rejectReturn(productReturn, onDone) {
  openForm({
    title: 'Reject return',
    fields: [field('Reason, for the customer', 'message', { multiline: true, required: true })],
    submitLabel: 'Reject',
    danger: true,
    submit: async (form) => {
      try {
        await api.post(`/v1/${productReturn.name}:reject`, { customerMessage: form.message.value.trim() });
      } finally {
        onDone();
      }
      return 'Return rejected.';
    },
  });
}

export function recordCallNote(customer, onDone) {
  openForm({
    title: 'Record call note',
    fields: [
      field('What was the call about?', 'summary', { multiline: true, required: true }),
      select('Direction', 'direction', [
        ['INTERACTION_DIRECTION_INBOUND', 'The customer called us'],
        ['INTERACTION_DIRECTION_OUTBOUND', 'We called the customer'],
      ]),
      field('Duration in minutes', 'minutes', { type: 'number' }),
    ],
    submitLabel: 'Save note',
    submit: async (form) => {
      const minutes = Number(form.minutes.value);
      if (form.minutes.value && (!Number.isFinite(minutes) || minutes < 0 || minutes > 1440)) {
        throw new api.ApiError(400, { detail: 'The duration must be between 0 and 1440 minutes.' });
      }
      const interaction = {
        externalId: `console:${api.newRequestId()}`,
        channel: 'CHANNEL_CALL_CENTER',
        type: 'INTERACTION_TYPE_CALL',
        direction: form.direction.value,
        summary: form.summary.value.trim(),
        occurTime: new Date().toISOString(),
      };
      if (form.minutes.value) {
        interaction.duration = `${Math.round(minutes * 60)}s`;
      }
      await api.post(`/v1/${customer.name}/interactions`, interaction);
      onDone();
      return 'Call note recorded.';
    },
  });
}

/**
 * Merges another profile into this one: find it, preview what the merge would do, confirm with
 * a reason. The customer on screen survives.
 */
export function mergeInto(survivor, onDone) {
  const results = h('ul', { class: 'merge-results', 'aria-label': 'Profiles to merge' });
  const preview = h('div', { class: 'merge-preview', 'aria-live': 'polite' });
  const chosen = h('input', { type: 'hidden', name: 'merged', required: true, 'data-label': 'The profile to merge' });
  let previewed = null;
  let timer = 0;

  const search = field('Find the duplicate profile', 'find', { hint: 'Name, email, phone or any identifier.' });
  const searchInput = search.querySelector('input');
  searchInput.addEventListener('input', () => {
    clearTimeout(timer);
    const text = searchInput.value.trim();
    if (text.length < 2) {
      fill(results);
      return;
    }
    timer = setTimeout(async () => {
      try {
        const matches = (await findCustomers(text)).filter((m) => m.customer.name !== survivor.name);
        fill(results, matches.length ? matches.map((match) => h('li', {},
          h('button', { type: 'button', class: 'button quiet merge-pick', onclick: () => choose(match.customer) },
            h('strong', {}, match.customer.displayName || match.customer.name), ' ',
            h('span', { class: 'muted' }, customerHint(match.customer)))))
          : [h('li', { class: 'muted' }, 'No other profile matches.')]);
      } catch (failure) {
        fill(results, h('li', { class: 'form-error' }, describe(failure)));
      }
    }, 250);
  });

  async function choose(customer) {
    chosen.value = customer.name;
    fill(results);
    fill(preview, h('p', { class: 'muted' }, `Checking what merging ${customer.displayName || customer.name} would do…`));
    try {
      previewed = await api.get(`/v1/${survivor.name}:previewMerge${api.query({ mergedCustomer: customer.name })}`);
      const moved = (previewed.merge && previewed.merge.movedIdentities) || [];
      const blockers = previewed.blockers || [];
      fill(preview,
        h('p', {}, h('strong', {}, customer.displayName || customer.name), ` (${customerHint(customer) || customer.name}) `,
          `will be merged into ${survivor.displayName || survivor.name}, who keeps this profile.`),
        moved.length ? h('p', {}, 'Identifiers that move: ',
          moved.map((identity) => `${identityLabel(identity)} ${identityValue(identity)}`).join(', ')) : null,
        blockers.length ? h('div', { class: 'warning', role: 'alert' }, 'The merge would be refused: ',
          blockers.map((b) => b.description || enumLabel(b.reason || b.code || '', '')).join('; ')) : null);
    } catch (failure) {
      previewed = null;
      fill(preview, h('p', { class: 'form-error', role: 'alert' }, describe(failure)));
    }
  }

  openForm({
    title: 'Merge a duplicate profile',
    intro: `The profile you pick is merged into ${survivor.displayName || 'this customer'}: its identifiers, consents and history join this profile. A merge can be undone, but check first.`,
    fields: [search, results, chosen, preview,
      field('Why are these the same person?', 'reason', { multiline: true, required: true }),
      h('div', { class: 'field checkbox' }, h('label', {},
        h('input', { type: 'checkbox', name: 'confirm', required: true, 'data-label': 'Your confirmation' }),
        ' I have checked that both profiles are the same person.'))],
    submitLabel: 'Merge profiles',
    danger: true,
    submit: async (form) => {
      if (!previewed) {
        throw new api.ApiError(400, { detail: 'Pick the duplicate profile and wait for the preview first.' });
      }
      const merged = await api.post(`/v1/${survivor.name}:merge`, {
        mergedCustomer: chosen.value,
        reason: form.reason.value.trim(),
        expectedSurvivorVersion: previewed.customer ? previewed.customer.version : '0',
        expectedMergedCustomerVersion: previewed.mergedCustomerVersion || '0',
        requestId: api.newRequestId(),
      });
      onDone();
      return `Profiles merged: ${merged.customer ? merged.customer.displayName : 'done'}.`;
    },
  });
}
