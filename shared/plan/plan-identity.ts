// The identity of a plan from its first lines: number, date and place, issuer, title.
import type { PlanIdentity } from '../domain/plan.ts';
import type { Line } from './plan-items.ts';

/** Reads "Số: 145/KH-UBND", "Vũng Tàu, ngày 12 tháng 3 năm 2024", the issuer (the letterhead first) and the line after "KẾ HOẠCH". */
export function readIdentity(preamble: Line[]): PlanIdentity {
  let number: string | null = null;
  let date: string | null = null;
  let place: string | null = null;
  let title = '';
  let headerIssuer: string | null = null;
  let proseIssuer: string | null = null;
  preamble.forEach(({ text }, i) => {
    const no = /^Số\s*[:.]?\s*(.*)$/u.exec(text);
    if (no && number === null) number = no[1]!.trim() || null;
    const dated = /^(?:(.+?),\s*)?ngày\s*(\d{0,2})\s*tháng\s*(\d{0,2})\s*năm\s*(\d{4})/iu.exec(text);
    if (dated && date === null) {
      place = dated[1]?.trim() ?? null;
      const [d, m, y] = [Number(dated[2] || 0), Number(dated[3] || 0), dated[4]!];
      date = d && m ? `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` : y;
    }
    const heading = /^KẾ HOẠCH\b\s*(.*)$/u.exec(text);
    if (heading && !title) title = heading[1]!.trim() || preamble[i + 1]?.text || '';
    // The letterhead, on one line or two: "ỦY BAN NHÂN DÂN" over "TỈNH ĐỒNG THÁP".
    const next = preamble[i + 1]?.text ?? '';
    if (
      /^(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND)$/u.test(text) &&
      /^(THÀNH PHỐ|TỈNH|QUẬN|HUYỆN|THỊ XÃ|PHƯỜNG|XÃ|ĐẶC KHU)\s+\S/u.test(next) &&
      next === next.toUpperCase()
    ) {
      headerIssuer ??= `${text} ${next}`;
    }
    if (/^(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND)\s+\S/u.test(text) && text === text.toUpperCase())
      headerIssuer ??= text;
    const prose =
      /((?:Ủy|Uỷ) ban nhân dân|UBND)\s+((?:thành phố|tỉnh|quận|huyện|thị xã|phường|xã)\s+[^,;]+?)\s+(?:ban hành|xây dựng)/u.exec(
        text,
      );
    if (prose) proseIssuer ??= `${prose[1]} ${prose[2]}`;
  });
  // A decision that carries its plan ("QUYẾT ĐỊNH / VỀ VIỆC BAN HÀNH KẾ HOẠCH …", "PHÊ DUYỆT ĐỀ ÁN …"): without the
  // attached plan's own title, the decision's subject is the plan's.
  if (!title) {
    const decision = preamble.findIndex(({ text }) => /^QUYẾT ĐỊNH$/u.test(text));
    const subject = decision >= 0 ? (preamble[decision + 1]?.text ?? '') : '';
    if (/^(?:VỀ VIỆC\s+)?(?:BAN HÀNH|PHÊ DUYỆT)\s/u.test(subject)) {
      title = subject.replace(/^(?:VỀ VIỆC\s+)?(?:BAN HÀNH|PHÊ DUYỆT)\s+(?:KẾ HOẠCH\s+)?/u, '').trim();
    }
  }
  // The letterhead says who issues; a sentence of the preamble only when there is none.
  return { number, date, place, issuer: headerIssuer ?? proseIssuer, title };
}
