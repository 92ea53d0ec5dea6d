// What both parts of the city page share: the API with the signed-in token, a query helper, problem titles.
export const api = (path, init = {}) => fetch(`/api/v1${path}`, {
  ...init,
  headers: { Authorization: `Bearer ${sessionStorage.getItem('token') ?? ''}`, ...(init.headers ?? {}) },
});
export const $ = (selector) => document.querySelector(selector);
export const json = (method, body) => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

export async function problemText(res) {
  try { return (await res.json()).title; } catch { return `HTTP ${res.status}`; }
}

/** An element with text (never HTML) and attributes. */
export function el(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}
