// A second plan, as a .docx of our own: one name the directory does not know (Trung tâm Dịch vụ số) and one
// item the parser cannot give a lead to (task 3), beside two ordinary tasks.
import { buildDocx } from './docx.ts';

export const SECOND_PLAN_ID = 'kh-45-2025';

export const secondPlanDocx = () =>
  buildDocx([
    'ỦY BAN NHÂN DÂN THÀNH PHỐ VŨNG TÀU',
    'Số: 45/KH-UBND',
    'Vũng Tàu, ngày 10 tháng 3 năm 2025',
    'KẾ HOẠCH',
    'Chuyển đổi số trong cơ quan hành chính năm 2025',
    'I. MỤC TIÊU',
    '1. Mục tiêu chung',
    'Nâng cao hiệu quả quản lý nhờ chuyển đổi số.',
    '2. Mục tiêu cụ thể',
    '- Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng đạt từ 90% trở lên.',
    'II. NHIỆM VỤ CỤ THỂ',
    '1. Triển khai hệ thống quản lý văn bản mới.',
    '- Cơ quan chủ trì: Phòng Nội vụ.',
    '- Cơ quan phối hợp: Trung tâm Dịch vụ số thành phố.',
    '- Thời gian thực hiện: Quý III/2025.',
    '2. Số hóa hồ sơ lưu trữ của ngành y tế.',
    '- Cơ quan chủ trì: Phòng Y tế.',
    '- Thời gian thực hiện: Năm 2025.',
    '3. Tổ chức hội nghị sơ kết chuyển đổi số.',
    '4. Tập huấn kỹ năng số cho công chức.',
    '- Cơ quan chủ trì: Phòng Nội vụ.',
    '- Cơ quan phối hợp: UBND các phường, xã.',
    '- Thời gian thực hiện: Thường xuyên.',
    'III. TỔ CHỨC THỰC HIỆN',
    'Định kỳ 06 tháng (trước ngày 15/6) và 01 năm (trước ngày 15/12) báo cáo kết quả thực hiện về UBND thành phố (qua Phòng Nội vụ) để tổng hợp.',
    'Nơi nhận:',
    '- UBND tỉnh;',
    '- Lưu: VT.',
  ]);
