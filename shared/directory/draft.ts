// A first directory for a plan from another city or province: every name the plan uses for a lead, a coordinator or
// the consolidator, a body or a group ("các …" names a group), each marked unconfirmed, for a coordinator to check,
// complete with the groups' members, and give back to `plan parse --directory`.
import type { Plan } from '../domain/plan.ts';
import { slug, squash } from '../text/vietnamese.ts';
import type { AgencyKind, DirectoryInput } from './agency.ts';
import { HEAD } from './directory.ts';

/** A group by its words: "các sở, ban, ngành tỉnh", "UBND các xã, phường", "cấp xã", "Ủy ban nhân dân xã, phường", "Sở, ban, ngành". */
export const soundsLikeGroup = (name: string) =>
  /(?:^|\s)các\s|(?:^|\s)cấp\s+(?:xã|huyện|tỉnh)(?=\s|,|$)/iu.test(name) ||
  /^(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+(?:xã|phường)\s*[,/]|^(?:sở|bộ),\s*(?:ban|ngành)/iu.test(name);

/**
 * Whether a name the plan uses is a body's or a group's name, not a fragment ("phường", "đặc khu") or words a list
 * carried along: it opens with a body's head word, has at least two words and at most sixteen, and no sentence in it.
 */
export const looksLikeBody = (name: string) => {
  const words = name.split(/\s+/).filter(Boolean);
  return (
    (HEAD.test(name) || /^Bộ\s+\p{Lu}/u.test(name) || soundsLikeGroup(name)) &&
    words.length >= 2 &&
    words.length <= 16 &&
    !/[.;:]/.test(name)
  );
};

/** The kind of body a name sounds like; the coordinator corrects it where it is wrong. */
export function kindOfName(name: string): AgencyKind {
  if (/^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+phường\b|^phường\b/iu.test(name)) return 'ward';
  if (/^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:xã|thị trấn)\b|^(?:xã|thị trấn)\b/iu.test(name)) return 'commune';
  if (
    /mặt trận|mttq|đoàn thanh niên|tỉnh đoàn|thành đoàn|hội liên hiệp|hội nông dân|hội cựu chiến binh|liên đoàn lao động/iu.test(
      name,
    )
  )
    return 'front';
  if (/(?:tỉnh|thành|huyện|đảng)\s+ủy|uỷ$|^ban (?:tổ chức|tuyên giáo|dân vận|nội chính)/iu.test(name))
    return 'party-body';
  if (/hội đồng nhân dân|^hđnd/iu.test(name)) return 'council';
  if (/^(?:trung tâm|báo|đài|trường|bệnh viện|ban quản lý|viện|nhà văn hóa|thư viện|bảo tàng)\b/iu.test(name))
    return 'public-service-unit';
  return 'department';
}

/** Every body and group name the plan uses, in the order first used. */
export function namesOf(plan: Plan): string[] {
  const names = [
    ...plan.tasks.flatMap((t) => [...t.lead, ...t.coordinating]),
    ...(plan.reporting.consolidator ? [plan.reporting.consolidator] : []),
  ];
  const seen = new Map<string, string>();
  for (const raw of names) {
    const name = squash(raw).replace(/[.;,]+$/, '');
    // A fragment or a run of words is no body: the draft never invents one (the plan's issues name such text).
    if (name && looksLikeBody(name) && !seen.has(slug(name))) seen.set(slug(name), name);
  }
  return [...seen.values()];
}

export function draftDirectory(plan: Plan, today: string): DirectoryInput {
  const names = namesOf(plan);
  const id = (name: string, taken: Set<string>) => {
    let base = slug(name).slice(0, 60) || 'don-vi';
    for (let k = 2; taken.has(base); k++) base = `${slug(name).slice(0, 56)}-${k}`;
    taken.add(base);
    return base;
  };
  const taken = new Set<string>();
  const groups = names
    .filter(soundsLikeGroup)
    .map((name) => ({ id: id(name, taken), name, aliases: [], includes: [] }));
  const agencies = names
    .filter((n) => !soundsLikeGroup(n))
    .map((name) => ({
      id: id(name, taken),
      name,
      kind: kindOfName(name),
      groups: [],
      aliases: [],
      confirmed: false,
      contacts: [],
    }));
  const issuer = plan.plan.issuer ? squash(plan.plan.issuer) : 'kế hoạch';
  // A plan that names no body of its own still has the People's Committee that issues it: the draft starts from it.
  if (agencies.length === 0 && groups.length === 0 && plan.plan.issuer) {
    agencies.push({
      id: id(issuer, taken),
      name: issuer,
      kind: 'department',
      groups: [],
      aliases: [],
      confirmed: false,
      contacts: [],
    });
  }
  return {
    id: `nhap-${slug(issuer).slice(0, 40)}-${(plan.plan.date ?? today).slice(0, 4)}`,
    name: `Danh bạ nháp — ${issuer} (từ kế hoạch ${plan.plan.number ?? plan.plan.title})`,
    validFrom: /^\d{4}-\d{2}-\d{2}$/.test(plan.plan.date ?? '')
      ? plan.plan.date!
      : `${(plan.plan.date ?? today).slice(0, 4)}-01-01`,
    validTo: null,
    agencies,
    groups,
    nonReporting: [],
  };
}
