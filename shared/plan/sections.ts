// The sections of a plan, found by what their headings say rather than by their (sometimes wrong) numbers.
import { hasPhrase, squash, stripEmphasis } from '../text/vietnamese.ts';

export type SectionKind =
  'targets' | 'objectives' | 'focus' | 'tasks' | 'organisation' | 'recipients' | 'appendix' | 'other';

const ROMAN_HEADING = /^([IVXLC]+)\s*[.)-]\s*(\S.*)$/;
const ARABIC_HEADING = /^(\d+)\s*[.)]\s*(\S.{0,80})$/;

function kindOfTitle(title: string): SectionKind | null {
  const t = title.replace(/[:.]+$/, '');
  // "Đối tượng áp dụng", "Phạm vi": siblings of the targets, never a target list.
  if (/^(đối tượng|phạm vi|yêu cầu)(?=\s|$)/iu.test(t)) return 'other';
  if (
    hasPhrase(t, 'mục tiêu cụ thể') ||
    hasPhrase(t, 'chỉ tiêu cụ thể') ||
    hasPhrase(t, 'các chỉ tiêu') ||
    hasPhrase(t, 'mục tiêu chủ yếu') ||
    /^(?:các\s+)?chỉ tiêu(?:$|\s+(?:chủ yếu|cụ thể|chính|phấn đấu|đến năm|giai đoạn|năm))/iu.test(t)
  )
    return 'targets';
  if (hasPhrase(t, 'nhiệm vụ trọng tâm')) return 'focus';
  if (hasPhrase(t, 'tổ chức thực hiện') || hasPhrase(t, 'chế độ báo cáo')) return 'organisation';
  if (
    hasPhrase(t, 'nhiệm vụ') ||
    hasPhrase(t, 'giải pháp') ||
    /^nội dung( kế hoạch| thực hiện)?$/iu.test(t) ||
    /^(?:nội dung )?(?:các )?hoạt động(?:\s|$)/iu.test(t)
  )
    return 'tasks';
  if (hasPhrase(t, 'mục tiêu') || hasPhrase(t, 'mục đích')) return 'objectives';
  return null;
}

/**
 * Classifies a paragraph as a section heading. Roman headings ("V. NHIỆM VỤ CỤ THỂ") always start a
 * section; short Arabic ones ("2. Mục tiêu cụ thể") only when their words name a known section.
 */
export function sectionHeading(rawText: string): SectionKind | null {
  const text = squash(stripEmphasis(rawText));
  if (/^nơi nhận\s*:?/i.test(text)) return 'recipients';
  if (/^phụ lục\b/i.test(text)) return 'appendix';
  const roman = ROMAN_HEADING.exec(text);
  if (roman) return kindOfTitle(roman[2]!) ?? 'other';
  const arabic = ARABIC_HEADING.exec(text);
  if (arabic && !/[.;]$/.test(text.replace(/:$/, '')) && text.length <= 60) {
    const kind = kindOfTitle(arabic[2]!);
    // "1. Mục tiêu chung" inside objectives is not a section of its own; only the specific ones count.
    if (kind === 'targets' || kind === 'focus') return kind;
    // "3. Yêu cầu" after "2. Mục tiêu cụ thể": a sibling that ends the target list.
    if (kind === 'other') return 'other';
    // Plans numbered 1., 2., 3. at the top level write those headings in capitals.
    if ((kind === 'tasks' || kind === 'organisation' || kind === 'objectives') && isTitleCase(arabic[2]!)) return kind;
  }
  return null;
}

// "2. Nhiệm vụ và giải pháp" is a heading; "2. Nhiệm vụ xây dựng kế hoạch…" in a list is an item.
function isTitleCase(title: string): boolean {
  const words = title.replace(/[:.]+$/, '');
  return (
    words.length <= 40 &&
    (hasPhrase(words, 'nhiệm vụ và giải pháp') ||
      hasPhrase(words, 'nhiệm vụ, giải pháp') ||
      hasPhrase(words, 'nhiệm vụ cụ thể') ||
      hasPhrase(words, 'các nhiệm vụ') ||
      hasPhrase(words, 'tổ chức thực hiện') ||
      words === words.toUpperCase())
  );
}
