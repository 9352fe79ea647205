// The /v1 API with the user's key as a bearer token. Errors are ApiError with the problem document's
// title, detail and code (every error of the host is application/problem+json).

export class ApiError extends Error {
  constructor(status, title, detail, code) {
    super(`${title}: ${detail}`);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.code = code;
  }

  /** The error a failed response stands for, read from its problem document when it has one. */
  static async fromResponse(response) {
    let problem = null;
    try {
      const text = await response.text();
      problem = text ? JSON.parse(text) : null;
    } catch {
      problem = null;
    }
    const title = (problem && typeof problem.title === 'string' && problem.title) || `HTTP ${response.status}`;
    const detail = (problem && typeof problem.detail === 'string' && problem.detail) || response.statusText || '';
    const code = (problem && typeof problem.code === 'string' && problem.code) || `http_${response.status}`;
    return new ApiError(response.status, title, detail, code);
  }
}

/** Percent-encodes a session key for /by-key/{key}: UTF-8, every reserved character escaped. */
export function encodeKey(key) {
  return encodeURIComponent(key);
}

export function createApi(getKey) {
  async function call(method, path, body) {
    const headers = { Authorization: 'Bearer ' + getKey(), Accept: 'application/json' };
    const init = { method, headers, cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw new ApiError(0, 'The host did not answer', String(e && e.message ? e.message : e), 'network_error');
    }
    if (!response.ok) {
      throw await ApiError.fromResponse(response);
    }
    if (response.status === 204) {
      return null;
    }
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }

  const session = (id) => '/v1/sessions/' + encodeURIComponent(id);

  return {
    listSessions({ status = '', offset = 0, limit = 50 } = {}) {
      const query = new URLSearchParams({ offset: String(offset), limit: String(limit) });
      if (status) {
        query.set('status', status);
      }
      return call('GET', '/v1/sessions?' + query.toString());
    },
    findByKey: (key) => call('GET', '/v1/sessions/by-key/' + encodeKey(key)),
    getSession: (id) => call('GET', session(id)),
    history: (id) => call('GET', session(id) + '/history'),
    files: (id) => call('GET', session(id) + '/files'),
    send: (id, message) => call('POST', session(id) + '/messages', { message }),
    fork: (id, atSequence) => call('POST', session(id) + '/fork', { atSequence }),
    rewind: (id, toSequence) => call('POST', session(id) + '/rewind', { toSequence }),
    end: (id) => call('DELETE', session(id)),

    /**
     * The audit view (every message, rewound ones marked, rewind and fork markers); on a host without it
     * (400 for the unknown view) the plain history, as audit entries with nothing rewound.
     */
    async auditHistory(id) {
      try {
        return await call('GET', session(id) + '/history?view=audit');
      } catch (e) {
        if (!(e instanceof ApiError) || e.status !== 400) {
          throw e;
        }
        const plain = await call('GET', session(id) + '/history');
        return plain.map((m) => ({ kind: 'message', sequence: m.sequence, role: m.role, text: m.text, at: m.at, rewound: false }));
      }
    },
  };
}
