// Turning the API's values into words an agent reads: times, amounts, enum names.

const CHANNELS = {
  CHANNEL_WEB: 'Web',
  CHANNEL_MOBILE_APP: 'Mobile app',
  CHANNEL_STORE: 'Store',
  CHANNEL_CALL_CENTER: 'Call centre',
  CHANNEL_CHAT: 'Chat',
  CHANNEL_EMAIL: 'Email',
  CHANNEL_SMS: 'SMS',
  CHANNEL_SOCIAL: 'Social',
  CHANNEL_MARKETPLACE: 'Marketplace',
};

/** Every channel the API knows, as [enum name, label]. */
export const channels = Object.entries(CHANNELS);

export function channelLabel(channel) {
  return CHANNELS[channel] || 'No channel';
}

/** The id of the channel's icon in the page's sprite. */
export function channelIcon(channel) {
  return CHANNELS[channel] ? `icon-${channel.slice('CHANNEL_'.length).toLowerCase().replace(/_/g, '-')}` : 'icon-none';
}

export const sources = [['PROFILE', 'Profile'], ['FEEDBACK', 'Feedback'], ['RETURNS', 'Returns']];

export function sourceLabel(source) {
  const short = (source || '').replace('TIMELINE_SOURCE_', '');
  return (sources.find(([name]) => name === short) || [short, short])[1];
}

/** "COMPLAINT_STATE_IN_PROGRESS" with prefix "COMPLAINT_STATE_" → "In progress". */
export function enumLabel(value, prefix) {
  if (!value) {
    return '';
  }
  const words = value.replace(prefix, '').toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "complaint.filed" → "Complaint filed". */
export function kindLabel(kind) {
  const words = (kind || '').replace(/[._]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const identityTypes = {
  IDENTITY_TYPE_EMAIL: 'Email',
  IDENTITY_TYPE_PHONE: 'Phone',
  IDENTITY_TYPE_LOYALTY_ID: 'Loyalty id',
  IDENTITY_TYPE_SOCIAL_HANDLE: 'Social',
  IDENTITY_TYPE_DEVICE_ID: 'Device',
  IDENTITY_TYPE_EXTERNAL_ID: 'External id',
};

export function identityLabel(identity) {
  const type = identityTypes[identity.type] || 'Identifier';
  if (identity.network) {
    return `${type} (${identity.network})`;
  }
  if (identity.system) {
    return `${type} (${identity.system})`;
  }
  return type;
}

export function identityValue(identity) {
  return identity.type === 'IDENTITY_TYPE_SOCIAL_HANDLE' ? `@${identity.value}` : identity.value;
}

const exact = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** The full date and time, for a tooltip. */
export function exactTime(iso) {
  return iso ? exact.format(new Date(iso)) : '';
}

export function date(iso) {
  return iso ? day.format(new Date(iso)) : '';
}

/** "just now", "5 min ago", "3 h ago", "2 d ago"; "in 3 h" for times ahead. */
export function relativeTime(iso, now = Date.now()) {
  if (!iso) {
    return '';
  }
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  const ahead = seconds < 0;
  const text = span(Math.abs(seconds));
  if (text === 'just now') {
    return text;
  }
  return ahead ? `in ${text}` : `${text} ago`;
}

/** A length of time in the largest unit that fits: "45 s", "12 min", "3 h", "2 d". */
export function span(seconds) {
  if (seconds < 45) {
    return seconds < 10 ? 'just now' : `${seconds} s`;
  }
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min`;
  }
  const hours = Math.round(minutes / 60);
  if (hours < 48) {
    return `${hours} h`;
  }
  return `${Math.round(hours / 24)} d`;
}

/** A protobuf JSON duration ("2.85s") in seconds. */
export function durationSeconds(text) {
  return text ? Math.round(parseFloat(text)) : 0;
}

/** An amount of money from {currencyCode, minorUnits}. */
export function money(amount) {
  if (!amount || !amount.currencyCode) {
    return '';
  }
  const format = new Intl.NumberFormat(undefined, { style: 'currency', currency: amount.currencyCode });
  const digits = format.resolvedOptions().maximumFractionDigits;
  return format.format(Number(amount.minorUnits || 0) / 10 ** digits);
}

export function percent(ratio) {
  return new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(ratio || 0);
}

/** The id at the end of a resource name. */
export function idOf(name) {
  return (name || '').split('/').pop();
}
