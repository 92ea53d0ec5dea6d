import { describe, expect, it } from 'vitest';
import { indexDirectory, resolveAgencyList } from '../../../shared/directory/directory.ts';
import { VUNG_TAU_2023 } from '../../../shared/directory/vung-tau-2023.ts';

const index = indexDirectory(VUNG_TAU_2023);
const ids = (text: string) => resolveAgencyList(text, index).resolved.flatMap((r) => r.agencies.map((a) => a.id));

describe('the Vũng Tàu 2023 directory', () => {
  it('holds 17 wards and communes, without a Phường 6', () => {
    const wards = index.members('wards-communes');
    expect(wards).toHaveLength(17);
    expect(wards.map((w) => w.name)).not.toContain('Phường 6');
    expect(wards.at(-1)!.id).toBe('xa-long-son');
  });
  it('holds 12 specialised departments', () => {
    expect(index.members('departments')).toHaveLength(12);
  });
  it('expands nested groups', () => {
    expect(index.members('all-units')).toHaveLength(12 + 4 + 17);
  });
});

describe('resolveAgencyList', () => {
  it('keeps commas that belong to a group name', () => {
    expect(ids('UBND các phường, xã')).toHaveLength(17);
    expect(
      resolveAgencyList(
        'Ban Tổ chức Thành ủy, các cơ quan chuyên môn, đơn vị sự nghiệp, UBND các phường, xã.',
        index,
      ).resolved.map((r) => r.text),
    ).toEqual(['Ban Tổ chức Thành ủy', 'các cơ quan chuyên môn, đơn vị sự nghiệp', 'UBND các phường, xã']);
  });
  it('matches by key and splits on "và" only when both halves are known', () => {
    expect(ids('phòng nội VỤ')).toEqual(['phong-noi-vu']);
    expect(ids('Văn phòng HĐND và UBND')).toEqual(['van-phong-hdnd-ubnd']);
    expect(ids('Phòng Y tế và Phòng Tư pháp')).toEqual(['phong-y-te', 'phong-tu-phap']);
    expect(ids('UBND Phường Thắng Nhất')).toEqual(['phuong-thang-nhat']);
    expect(ids('Phòng Tư pháp (thường trực)')).toEqual(['phong-tu-phap']);
  });
  it('reports what it cannot match instead of dropping it', () => {
    expect(resolveAgencyList('Phòng Nội vụ, Sở Xây dựng', index)).toMatchObject({ unknown: ['Sở Xây dựng'] });
  });
  it('ignores bodies outside the reporting duty', () => {
    expect(resolveAgencyList('TTr. UBND TPVT', index)).toEqual({ resolved: [], unknown: [] });
  });
});

describe('agency lists as real plans write them', () => {
  // A province's directory that knows none of these names: the list must still split where a new body begins.
  const bare = indexDirectory({
    id: 'bare',
    name: 'bare',
    validFrom: '2020-01-01',
    validTo: null,
    agencies: [{ id: 'so-tu-phap', name: 'Sở Tư pháp', kind: 'department', groups: [] }],
    groups: [],
  });
  const split = (text: string) => {
    const r = resolveAgencyList(text, bare);
    return [...r.resolved.map((x) => x.text), ...r.unknown];
  };

  it.each([
    ['Các sở, ban, ngành tỉnh', ['Các sở, ban, ngành tỉnh']],
    ['UBND các xã, phường', ['UBND các xã, phường']],
    ['các cơ quan, đơn vị liên quan', ['các cơ quan, đơn vị liên quan']],
    ['Sở Tư pháp, các phòng, ban chuyên môn', ['Sở Tư pháp', 'các phòng, ban chuyên môn']],
    ['Sở Văn hóa, Thể thao và Du lịch, Sở Tư pháp', ['Sở Tư pháp', 'Sở Văn hóa, Thể thao và Du lịch']],
    [
      'Báo và Phát thanh, Truyền hình Đồng Tháp, các sở, ngành có liên quan',
      ['Báo và Phát thanh, Truyền hình Đồng Tháp', 'các sở, ngành có liên quan'],
    ],
    ['Sở Lao động, Thương binh và Xã hội, Công an tỉnh', ['Sở Lao động, Thương binh và Xã hội', 'Công an tỉnh']],
  ])('"%s" is %j', (text, names) => {
    expect(split(text)).toEqual(names);
  });

  it("names the groups they sound like in the city's directory", () => {
    const city = indexDirectory(VUNG_TAU_2023);
    for (const text of [
      'Các phòng chuyên môn thuộc UBND thành phố',
      'các phòng, ban chuyên môn',
      'UBND các xã, phường',
    ]) {
      const r = resolveAgencyList(text, city);
      expect(r.unknown).toEqual([]);
      expect(r.resolved).toHaveLength(1);
    }
  });
});
