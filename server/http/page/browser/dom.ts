// The DOM helpers both parts of the city page share: the API with the signed-in token, a query helper, elements with
// text (never HTML).
import { PageApi } from '../city-state.ts';

export const api = new PageApi(
  () => sessionStorage.getItem('token') ?? '',
  (url, init) => fetch(url, init),
);

/** The element a selector names; the page's own markup has it, so a missing one is a bug said at once. */
export function $<T extends HTMLElement = HTMLElement>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`no element ${selector}`);
  return found;
}
export const input = (selector: string) => $<HTMLInputElement>(selector);
export const select = (selector: string) => $<HTMLSelectElement>(selector);

/** An element with text (never HTML) and attributes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string | number | null,
  attributes: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}

/** Options of a select, from choices. */
export const options = (choices: { value: string; text: string }[]) =>
  choices.map((c) => Object.assign(el('option', c.text), { value: c.value }));
