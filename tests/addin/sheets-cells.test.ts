// Apps Script's cell values (a Date for a date cell) become what Excel and the Sheets API give for the same cell.
import { describe, expect, it } from 'vitest';
import { cellValue, gridRows, serialOf } from '../../addin/sheets/gas/cells.ts';

const inZone = (zone: string) => (d: Date) => {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
};

describe('Sheets cell values', () => {
  it("a date is its serial number in the spreadsheet's time zone (midnight 15/12/2026 in Hồ Chí Minh City is 46371)", () => {
    const midnightVn = new Date('2026-12-14T17:00:00Z');
    expect(serialOf(midnightVn, inZone('Asia/Ho_Chi_Minh'))).toBe(46371);
    expect(serialOf(midnightVn, inZone('UTC'))).toBeCloseTo(46370 + 17 / 24, 10);
    expect(serialOf(new Date('1900-03-01T00:00:00Z'), inZone('UTC'))).toBe(61);
  });

  it('blank cells are null; trailing blanks and rows are dropped as the other hosts drop them', () => {
    expect(cellValue('', inZone('UTC'))).toBeNull();
    expect(cellValue(Number.NaN, inZone('UTC'))).toBeNull();
    expect(
      gridRows(
        [
          ['a', 1, true, ''],
          ['', '', '', ''],
          ['', 'x', '', ''],
          ['', '', '', ''],
        ],
        inZone('UTC'),
      ),
    ).toEqual([['a', 1, true], [], [null, 'x']]);
  });
});
