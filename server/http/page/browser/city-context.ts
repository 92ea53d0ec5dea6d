// The city page's one state and what its parts share: the status line under the actions, a table cell.
import { CityState } from '../city-state.ts';
import { $, api, el } from './dom.ts';

export const state = new CityState(api);
export const say = (text: string) => {
  $('#action-status').textContent = text;
};

export function cell(row: HTMLTableRowElement, text: string) {
  const td = el('td', text);
  row.append(td);
  return td;
}
