// The names of bodies in a plan's words: a heading that names a body, a sentence that opens with the body it assigns,
// the coordinators a clause names, and the qualifier words after a name that are no part of it.

// Head words of a body's name, and of a group after "Các".
const BODY =
  /^(?:sở|ban(?!\s+hành)|công an|bộ chỉ huy|bộ đội|ubnd|ủy ban|uỷ ban|báo(?!\s+cáo)|đài|trung tâm|liên đoàn|liên minh|viện|tòa án|toà án|văn phòng|thanh tra|hội(?!\s+(?:nghị|thảo|thi|diễn))|đoàn(?!\s+kết)|tỉnh đoàn|thành đoàn|kho bạc|ngân hàng|bảo hiểm|cục|chi cục|phòng(?!\s+(?:chống|ngừa|,))|mặt trận|hiệp hội|cổng thông tin|cơ quan|đơn vị|doanh nghiệp|chủ đầu tư|bệnh viện|trường|tỉnh ủy|thành ủy|huyện ủy|đảng ủy)(?=[\s,:;]|$)/iu;
// A ministry: "Bộ Xây dựng" (never "Bộ tiêu chí", "Bộ dữ liệu").
const MINISTRY = /^Bộ\s+\p{Lu}/u;
const opensWithBody = (text: string) => BODY.test(text) || GROUP.test(text) || MINISTRY.test(text);
const GROUP =
  /^các\s+(?:sở|bộ|cơ sở|cơ quan|đơn vị|doanh nghiệp|chủ đầu tư|đoàn thể|tổ chức|hội|ban|ngành|địa phương|xã|phường|huyện|trường|bệnh viện|trung tâm)(?=[\s,:;]|$)/iu;

/**
 * The body or bodies a numbered heading names ("Sở Tài chính", "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
 * "Ủy ban nhân dân các xã: Gia Thuận, Tân Điền"), or null when it is a heading of another kind.
 */
export function headingBodies(title: string): string | null {
  let t = title
    .replace(/\*/g, '')
    .trim()
    .replace(/^đề nghị\s+/iu, '');
  if (!opensWithBody(t)) return null;
  // "Sở Nội vụ: Chủ trì tham mưu …" is a body with its first task; "UBND các xã: Gia Thuận, Tân Điền" is one name.
  const colon = /^([^:：]+)[:：]\s*(.*)$/u.exec(t);
  if (colon && colon[2] && !isNameList(colon[2])) t = colon[1]!.trim();
  t = t.replace(/[:：]\s*$/u, '');
  if (t.length > 160 || /[.;]$/.test(t) || t.split(/\s+/).length > 28) return null;
  // A sentence is not a heading: a body that leads or does something is a task written as prose.
  // (Verbs in lower case: "Sở Xây dựng" and "các tổ chức chính trị - xã hội" are names.)
  if (
    /\s(?:chủ trì|phối hợp|thực hiện|triển khai|tham mưu|có trách nhiệm|chỉ đạo|hướng dẫn|căn cứ|theo dõi)(?:\s|,|$)/u.test(
      t,
    )
  )
    return null;
  if (
    /\s(?:rà soát|ban hành|kiểm tra|tuyên truyền|nâng cao|đẩy mạnh|tăng cường|nghiên cứu|đề xuất|bố trí|quán triệt|vận động|khẩn trương|tiếp tục)(?:\s|,|$)/u.test(
      t,
    )
  )
    return null;
  return t;
}

/** "Gia Thuận, Tân Điền, Gò Công Đông": capitalised names only. */
export const isNameList = (text: string) =>
  text.split(/\s*[,;]\s*|\s+và\s+/u).every((name) => /^(?:\p{Lu}[\p{L}\d-]*\s*)+$/u.test(name.trim()));

/** "… có liên quan", "… trong phạm vi chức năng, nhiệm vụ của mình": words after a name that are no part of it. */
export function stripQualifiers(names: string): string {
  // "… có liên quan tại khu vực biên giới, cửa khẩu": the names end where "có liên quan" starts a phrase.
  return names
    .replace(/\s+(?:có\s+)?liên quan\s+(?:tại|trên|trong|đến|tới|với|về)\s.*$/u, '')
    .replace(
      /\s*(?:,\s*)?(?:trong phạm vi chức năng,? nhiệm vụ(?: của mình| được giao)?|theo chức năng,? nhiệm vụ(?: được giao| của mình)?|(?:có\s+)?liên quan)\s*(?=[,;:.]|\s+và\s|$)/giu,
      '',
    )
    .replace(/[\s,;:.]+$/u, '')
    .trim();
}

// "Chủ trì, phối hợp với các sở, ngành, địa phương có liên quan tham mưu …": the coordinators of a task's own sentence,
// up to its verb (in lower case: "Sở Xây dựng" is a name).
const VERB_AHEAD = String.raw`(?=\s+(?:trong việc|để|tham mưu|tổ chức|triển khai|thực hiện|xây dựng|rà soát|hướng dẫn|kiểm tra|theo dõi|đôn đốc|nghiên cứu|đề xuất|tăng cường|đẩy mạnh|tuyên truyền|lập|hỗ trợ|bố trí|cân đối|phát triển|kiểm soát|giải quyết|quản lý|cung cấp|vận động|chỉ đạo|phổ biến|tổng hợp|thu hút|tạo điều kiện)(?=\s|,|$)|[.;:]|$)`;
const COORDINATING_IN_TEXT = new RegExp(
  String.raw`^(?:chủ trì|chủ động)\s*,?\s*(?:và\s+)?phối hợp\s+(?:chặt chẽ\s+)?(?:với\s+|cùng\s+)?(.+?)${VERB_AHEAD}`,
  'u',
);
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

export function coordinatorsInText(text: string): string | null {
  const m = COORDINATING_IN_TEXT.exec(lowerFirst(text.replace(/\*/g, '').trim()));
  return m ? bodiesOnly(m[1]!) : null;
}

// Words that open the name of a coordinator, a body or a group, in lower case too ("các sở, ngành", "doanh nghiệp").
const NAMES_OPEN =
  /^(?:các|sở|bộ|ban|ubnd|ủy ban|uỷ ban|cơ quan|đơn vị|địa phương|doanh nghiệp|hội|đoàn|lực lượng|công an|trung tâm|phòng|văn phòng|ngân hàng|tổ chức|chủ đầu tư|cơ sở|viện|trường|báo|đài|liên đoàn|liên minh|mặt trận)(?=[\s,]|$)/iu;

/** The names at the start of a clause, or null when the clause opens with something else (a verb, a topic). */
export function bodiesOnly(words: string): string | null {
  const cut = stripQualifiers(words.replace(/\s+(?:kịp thời|thường xuyên|chặt chẽ|để|nhằm|trong)(?:\s.*)?$/u, ''))
    .replace(/[\s,;]+(?:và|cùng)$/u, '')
    .trim();
  if (!cut || !(NAMES_OPEN.test(cut) || MINISTRY.test(cut)) || cut.split(/\s+/).length > 24) return null;
  return cut;
}

// Where a body's name ends in a sentence that opens with it: its first verb (in lower case: "Sở Xây dựng" is a name)
// or "có liên quan". "các tổ chức" is a group, not the verb "tổ chức".
const NAME_END =
  /\s(?:chủ trì|chủ động|có trách nhiệm|phối hợp|tiên phong|xây dựng|chỉ đạo|phát huy|mở thêm|(?<!các\s)tổ chức|triển khai|thực hiện|tham mưu|ưu tiên|căn cứ|bằng|theo dõi|tăng cường|đẩy mạnh|tích cực|thường xuyên|kịp thời|nghiên cứu|hướng dẫn|kiểm tra|rà soát|quán triệt|tuyên truyền|vận động|cung cấp|bố trí|đề xuất|khẩn trương|nâng cao|tổng hợp|(?:có\s+)?liên quan)(?=[\s,;:.]|$)/u;

/**
 * A sentence that opens with the body it assigns: "Sở Nội vụ chủ trì tham mưu …", "Giao Công an tỉnh chủ trì …",
 * "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các Đoàn thể tỉnh bằng nhiều hình thức … tuyên truyền", "Các đơn
 * vị, địa phương có trách nhiệm …". Returns the bodies and, from "…; Sở Tư pháp và các cơ quan liên quan chủ động phối
 * hợp …" or "chủ động phối hợp với X", the coordinators.
 */
export function proseLead(text: string): { lead: string; coordinating: string | null } | null {
  const t = text
    .replace(/\*/g, '')
    .trim()
    .replace(/^(?:đồng thời,?\s*)?(?:giao|đề nghị|khuyến khích)\s+/iu, '');
  if (!opensWithBody(t)) return null;
  const end = NAME_END.exec(t);
  if (!end || end.index === 0) return null;
  const lead = stripQualifiers(t.slice(0, end.index));
  if (!lead || lead.split(/\s+/).length > 24 || /[.;:]/.test(lead)) return null;
  const rest = t.slice(end.index);
  // The body leads the task; another body of the same sentence that "phối hợp" coordinates it.
  const later = /;\s*([^;]+?)\s+(?:chủ động\s+)?phối hợp(?=\s|,|$)/u.exec(rest);
  const with_ = new RegExp(
    String.raw`^\s*(?:chủ trì,?\s*)?(?:chủ động\s+)?phối hợp\s+(?:chặt chẽ\s+)?(?:với\s+|cùng\s+)?(.+?)${VERB_AHEAD}`,
    'u',
  ).exec(rest);
  const coordinating =
    later && opensWithBody(later[1]!) ? stripQualifiers(later[1]!) : with_ ? bodiesOnly(with_[1]!) : null;
  return { lead, coordinating: coordinating || null };
}
