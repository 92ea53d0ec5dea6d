// A first directory for a plan from another city or province: every name the plan uses for a lead, a coordinator or
// the consolidator, a body or a group ("các …" names a group), each marked unconfirmed, for a coordinator to check,
// complete with the groups' members, and give back to `plan parse --directory`.
import type { Plan } from '../domain/plan.ts';
import { slug, squash } from '../text/vietnamese.ts';
import type { AgencyKind, DirectoryInput } from './agency.ts';

/** A group by its words: "các sở, ban, ngành tỉnh", "UBND các xã, phường", "cấp xã". */
export const soundsLikeGroup = (name: string) => /(?:^|\s)các\s|(?:^|\s)cấp\s+(?:xã|huyện|tỉnh)\b/iu.test(name);

/** The kind of body a name sounds like; the coordinator corrects it where it is wrong. */
export function kindOfName(name: string): AgencyKind {
  if (/^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+phường\b|^phường\b/iu.test(name)) return 'ward';
  if (/^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:xã|thị trấn)\b|^(?:xã|thị trấn)\b/iu.test(name)) return 'commune';
  if (/mặt trận|mttq|đoàn thanh niên|tỉnh đoàn|thành đoàn|hội liên hiệp|hội nông dân|hội cựu chiến binh|liên đoàn lao động/iu.test(name)) return 'front';
  if (/(?:tỉnh|thành|huyện|đảng)\s+ủy|uỷ$|^ban (?:tổ chức|tuyên giáo|dân vận|nội chính)/iu.test(name)) return 'party-body';
  if (/hội đồng nhân dân|^hđnd/iu.test(name)) return 'council';
  if (/^(?:trung tâm|báo|đài|trường|bệnh viện|ban quản lý|viện|nhà văn hóa|thư viện|bảo tàng)\b/iu.test(name)) return 'public-service-unit';
  return 'department';
}

/** Every body and group name the plan uses, in the order first used. */
export function namesOf(plan: Plan): string[] {
  const names = [...plan.tasks.flatMap((t) => [...t.lead, ...t.coordinating]), ...(plan.reporting.consolidator ? [plan.reporting.consolidator] : [])];
  const seen = new Map<string, string>();
  for (const raw of names) {
    const name = squash(raw).replace(/[.;,]+$/, '');
    if (name && !seen.has(slug(name))) seen.set(slug(name), name);
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
  const groups = names.filter(soundsLikeGroup).map((name) => ({ id: id(name, taken), name, aliases: [], includes: [] }));
  const agencies = names.filter((n) => !soundsLikeGroup(n))
    .map((name) => ({ id: id(name, taken), name, kind: kindOfName(name), groups: [], aliases: [], confirmed: false, contacts: [] }));
  const issuer = plan.plan.issuer ? squash(plan.plan.issuer) : 'kế hoạch';
  return {
    id: `nhap-${slug(issuer).slice(0, 40)}-${(plan.plan.date ?? today).slice(0, 4)}`,
    name: `Danh bạ nháp — ${issuer} (từ kế hoạch ${plan.plan.number ?? plan.plan.title})`,
    validFrom: /^\d{4}-\d{2}-\d{2}$/.test(plan.plan.date ?? '') ? plan.plan.date! : `${(plan.plan.date ?? today).slice(0, 4)}-01-01`,
    validTo: null,
    agencies,
    groups,
    nonReporting: [],
  };
}
