// The gateway's public REST API, as the console uses it: every call carries the agent's token,
// a 401 ends the session, and a failure becomes an ApiError with the problem+json details.

const TOKEN_KEY = 'cx.console.token';

/** A failed API call, with what the gateway said about it. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `The request failed (${status}).`);
    this.status = status;
    this.title = problem.title || '';
    this.reason = problem.reason || '';
    this.violations = problem.violations || [];
    this.requestId = problem.requestId || '';
  }

  /** One sentence for an agent: what went wrong, with the fields at fault and the request id. */
  describe() {
    const fields = this.violations.map((v) => `${v.field} ${v.description}`).join('; ');
    const id = this.requestId ? ` (request ${this.requestId})` : '';
    return `${this.message}${fields && !this.message.includes(fields) ? ` — ${fields}` : ''}${id}`;
  }
}

let onSignedOut = () => {};

/** Registers what happens when the gateway refuses the token: back to the sign-in screen. */
export function whenSignedOut(callback) {
  onSignedOut = callback;
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function signIn(value) {
  sessionStorage.setItem(TOKEN_KEY, value);
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** The claims of a JWT, read without verifying it (the gateway does that), or null. */
export function claims(jwt) {
  const parts = jwt.split('.');
  if (parts.length !== 3) {
    return null;
  }
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
    const value = JSON.parse(decodeURIComponent(Array.from(json, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('')));
    return value && typeof value === 'object' ? value : null;
  } catch {
    return null;
  }
}

function requestId() {
  return crypto.randomUUID ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A new idempotency key for a write the agent might retry. */
export const newRequestId = requestId;

/**
 * Calls the API. `path` starts with /v1/. Resolves with the parsed JSON body; rejects with an
 * ApiError (or a TypeError when the gateway cannot be reached).
 */
export async function call(method, path, body, { signal } = {}) {
  const headers = { accept: 'application/json', 'x-request-id': requestId() };
  const current = token();
  if (current) {
    headers.authorization = `Bearer ${current}`;
  }
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
    cache: 'no-store',
  });
  const text = await response.text();
  let json = {};
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = { detail: `The gateway answered ${response.status} with a body that is not JSON.` };
    }
  }
  if (response.status === 401) {
    signOut();
    onSignedOut('The gateway did not accept your token (it may have expired). Sign in again.');
    throw new ApiError(401, json);
  }
  if (!response.ok) {
    throw new ApiError(response.status, json);
  }
  return json;
}

export const get = (path, options) => call('GET', path, undefined, options);
export const post = (path, body, options) => call('POST', path, body ?? {}, options);

/** Encodes query parameters, repeating a parameter for each value of an array. */
export function query(parameters) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== undefined && one !== null && one !== '') {
        search.append(name, one);
      }
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The stream URL for live timeline events; EventSource cannot send headers, so the token rides along. */
export function streamUrl(path, parameters) {
  return path + query({ ...parameters, access_token: token() });
}
