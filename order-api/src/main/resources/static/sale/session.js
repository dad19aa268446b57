// The bearer token pasted into the page, kept in this tab's sessionStorage only: two tabs can be two buyers, and
// closing the tab forgets it. The page reads the token's claims to show who is signed in; the API verifies it.

const KEY = 'flashsale.token';

export function token() {
  return sessionStorage.getItem(KEY);
}

/** The token's claims, or null if it is not a JWT (or has expired). */
export function claims(candidate = token()) {
  try {
    const payload = candidate.trim().split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = JSON.parse(atob(payload.padEnd(payload.length + (4 - payload.length % 4) % 4, '=')));
    if (typeof json.sub !== 'string' || (json.exp && json.exp * 1000 < Date.now())) return null;
    return json;
  } catch {
    return null;
  }
}

export function isAdmin(candidate = token()) {
  const scope = claims(candidate)?.scope;
  return (Array.isArray(scope) ? scope : String(scope || '').split(' ')).includes('admin');
}

export function signIn(candidate) {
  sessionStorage.setItem(KEY, candidate.trim());
}

export function signOut() {
  sessionStorage.clear();
}
