// Looking agencies up by the names plans use, and expanding groups into their member units.
import { matchKey, squash } from '../text/vietnamese.ts';
import { Directory, type Agency, type DirectoryInput } from './agency.ts';

type Entry = { type: 'agency'; agency: Agency } | { type: 'group'; groupId: string };

export interface AgencyIndex {
  readonly directory: Directory;
  byId(id: string): Agency | undefined;
  /** Member agencies of a group, in directory order; nested groups are expanded. */
  members(groupId: string): Agency[];
  lookup(name: string): Entry | undefined;
  isNonReporting(name: string): boolean;
}

export interface ResolvedName {
  /** The name as the plan wrote it. */
  text: string;
  agencies: Agency[];
}

export interface ResolvedList {
  resolved: ResolvedName[];
  unknown: string[];
}

/** Validates a directory and builds its name index (names, aliases, group aliases, all by matchKey). */
export function indexDirectory(input: DirectoryInput): AgencyIndex {
  const directory = Directory.parse(input);
  const entries = new Map<string, Entry>();
  const byId = new Map(directory.agencies.map((agency) => [agency.id, agency]));
  for (const agency of directory.agencies) {
    for (const name of [agency.name, ...agency.aliases]) entries.set(matchKey(name), { type: 'agency', agency });
  }
  for (const group of directory.groups) {
    for (const name of [group.name, ...group.aliases])
      entries.set(matchKey(name), { type: 'group', groupId: group.id });
  }
  const nonReporting = new Set(directory.nonReporting.map(matchKey));

  const members = (groupId: string, seen = new Set<string>()): Agency[] => {
    if (seen.has(groupId)) return [];
    seen.add(groupId);
    const group = directory.groups.find((g) => g.id === groupId);
    const nested = new Set((group?.includes ?? []).flatMap((id) => members(id, seen)).map((a) => a.id));
    return directory.agencies.filter((agency) => agency.groups.includes(groupId) || nested.has(agency.id));
  };

  return {
    directory,
    byId: (id) => byId.get(id),
    members: (groupId) => members(groupId),
    lookup: (name) =>
      entries.get(matchKey(stripListWords(name))) ??
      entries.get(matchKey(name)) ??
      // "Phòng Tư pháp (thường trực)": a remark in parentheses does not change whom it names.
      entries.get(matchKey(stripListWords(name.replace(/\s*\([^()]*\)\s*/g, ' ')))),
    isNonReporting: (name) => nonReporting.has(matchKey(name)),
  };
}

// Words around a name that do not change whom it names: "các", a final "thành phố", "trực thuộc".
function stripListWords(name: string): string {
  return squash(name)
    .replace(/^(và|cùng|với)\s+/i, '')
    .replace(/[.;:]+$/, '')
    .trim();
}

function entryAgencies(index: AgencyIndex, entry: Entry): Agency[] {
  return entry.type === 'agency' ? [entry.agency] : index.members(entry.groupId);
}

/**
 * Resolves a list of names as a plan writes it ("Ban Tổ chức Thành ủy, các cơ quan chuyên môn,
 * UBND các phường, xã") to agencies. Commas may sit inside a name, so consecutive pieces are joined
 * greedily to the longest known name; a piece that matches nothing is split on "và", then reported.
 */
export function resolveAgencyList(text: string, index: AgencyIndex): ResolvedList {
  const pieces = squash(text)
    .replace(/[.;]+$/, '')
    .split(/\s*[,;]\s*/)
    .filter((p) => p.length > 0);
  const resolved: ResolvedName[] = [];
  const unknown: string[] = [];
  let i = 0;
  while (i < pieces.length) {
    let matched = false;
    for (let j = pieces.length; j > i; j--) {
      const candidate = pieces.slice(i, j).join(', ');
      const entry = index.lookup(candidate);
      if (entry) {
        resolved.push({ text: candidate, agencies: entryAgencies(index, entry) });
        i = j;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    // Not a known name: join the pieces that continue it ("Các sở, ban, ngành tỉnh", "Sở Văn hóa, Thể thao và Du lịch").
    let end = i + 1;
    while (end < pieces.length && continuesName(pieces.slice(i, end).join(', '), pieces[end]!)) end++;
    const piece = pieces.slice(i, end).join(', ');
    const parts = splitOnAnd(piece);
    const entries = parts.map((part) => index.lookup(part));
    if (parts.length > 1 && entries.every((e) => e !== undefined)) {
      parts.forEach((part, k) => resolved.push({ text: part, agencies: entryAgencies(index, entries[k]!) }));
    } else if (parts.length > 1) {
      // "Sở Nội vụ và UBND các xã, phường": two bodies, whether or not the directory knows them.
      parts.forEach((part, k) => {
        if (entries[k]) resolved.push({ text: part, agencies: entryAgencies(index, entries[k]!) });
        else if (!index.isNonReporting(part)) unknown.push(part);
      });
    } else if (!index.isNonReporting(piece)) {
      unknown.push(piece);
    }
    i = end;
  }
  return { resolved, unknown };
}

// Words that begin the name of a body: a piece of a list starting with one starts a new name.
export const HEAD =
  /^(?:sở|phòng|ban|hiệp hội|cổng|thuế|hải quan|ubnd|ủy ban|uỷ ban|trung tâm|công an|báo|đài|văn phòng|thanh tra|chi cục|cục|bộ|hội|liên đoàn|liên minh|đoàn|tỉnh đoàn|thành đoàn|huyện đoàn|mặt trận|kho bạc|chi nhánh|bảo hiểm|trường|bệnh viện|viện|học viện|ngân hàng|quỹ|tòa án|toà án|hội đồng|thành ủy|tỉnh ủy|huyện ủy|đảng ủy|công ty|tổng công ty|hạt|đội|chủ tịch|giám đốc|thủ trưởng|cơ quan|đơn vị|phường|xã(?!\s+hội)|thị trấn|quận|huyện|thị xã|thành phố|tỉnh|các|lãnh đạo|tổ|nhà|ủy ban nhân dân|uỷ ban nhân dân|hđnd|mttq|đài phát thanh)(?=\s|$)/iu;
const HEAD_BEFORE_COMMA = new RegExp(HEAD.source.replace('(?=\\s|$)', '(?=[\\s,;]|$)'), 'iu');
const isGroup = (name: string) => /(?:^|\s)các\s/iu.test(name);

/**
 * Whether the next comma-separated piece continues an unknown name: after a group ("các …"), any piece that does
 * not open a name of its own ("ban", "ngành tỉnh", "phường", "đơn vị liên quan"); after a body's name, a capitalised
 * piece that is no body's head word ("Thể thao và Du lịch", "Truyền hình Đồng Tháp").
 */
function continuesName(previous: string, next: string): boolean {
  const first = next.charAt(0);
  const lower = first === first.toLowerCase() && first !== first.toUpperCase();
  if (/^(?:các|ubnd|ủy ban|uỷ ban)\s/iu.test(next)) return false;
  if (isGroup(previous)) return lower || !HEAD.test(next);
  // A piece in lower case continues the name ("Ủy ban nhân dân xã, phường", "Sở, ban, ngành", "Trung tâm Xúc tiến
  // đầu tư, thương mại và du lịch") unless it is a body's name of its own ("sở tài chính và các đơn vị").
  if (lower) return !HEAD.test(next) || next.trim().split(/\s+/).length <= 2;
  return !HEAD.test(next);
}

/**
 * Splits "A và B" where B opens a body's name of its own ("Sở Giáo dục và Đào tạo và Sở Y tế", "UBND các xã, phường và
 * cơ quan, đơn vị", "Sở Khoa học và Công nghệ và các sở, ngành"), never inside a name ("Báo và Phát thanh, Truyền
 * hình", "Văn phòng HĐND và UBND tỉnh").
 */
function splitOnAnd(piece: string): string[] {
  if (/^văn phòng\s/iu.test(piece)) return [piece];
  const parts: string[] = [];
  let from = 0;
  for (const m of piece.matchAll(/\s+(?:và|cùng)\s+/gu)) {
    const rest = piece.slice(m.index + m[0].length);
    if (HEAD_BEFORE_COMMA.test(rest) && rest.split(/[\s,]+/).filter(Boolean).length >= 2) {
      parts.push(piece.slice(from, m.index));
      from = m.index + m[0].length;
    }
  }
  parts.push(piece.slice(from));
  return parts.filter((p) => p.trim());
}

/** Splits a list into the names as written, keeping the commas that sit inside known names. */
export function splitAgencyNames(text: string, index: AgencyIndex): string[] {
  const { resolved, unknown } = resolveAgencyList(text, index);
  const names = [...resolved.map((r) => r.text), ...unknown];
  const order = (name: string) => text.indexOf(name);
  return names.sort((a, b) => order(a) - order(b));
}
