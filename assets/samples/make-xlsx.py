#!/usr/bin/env python3
"""Writes khach-hang-thang-12.xlsx: a messy customer workbook as a brand's marketing team
exports it (a title row and a merged title, a blank row, real Excel dates next to dates
typed as text, phone numbers stored as numbers that lost their leading 0, a notes sheet
first, a totals row). Needs openpyxl (pip install openpyxl). Run from this folder."""
import datetime
from openpyxl import Workbook
from openpyxl.styles import Font

wb = Workbook()
notes = wb.active
notes.title = "Ghi chú"
notes["A1"] = "Xuất từ hệ thống POS ngày 01/12/2026 — không sửa trang này"
ws = wb.create_sheet("Khách hàng T12")
ws["A1"] = "DANH SÁCH KHÁCH HÀNG THÁNG 12/2026"
ws["A1"].font = Font(bold=True, size=14)
ws.merge_cells("A1:H1")
headers = ["STT", "Mã KH", "Họ và tên", "Số điện thoại", "Email", "Ngày sinh", "Giới tính", "Tỉnh/Thành phố"]
ws.append([])
ws.append(headers)
for c in ws[3]:
    c.font = Font(bold=True)
rows = [
    ("KH0101", "Nguyễn Văn Ánh", 912345678, "anh.nguyen@Gmail.com", datetime.date(1990, 1, 15), "Nam", "Hà Nội"),
    ("KH0102", "Trần Thị Bích", "+84 98 765 4321", "", "05/11/1985", "Nữ", "TP. Hồ Chí Minh"),
    ("KH0103", "Lê Minh Đức", "84912000111", "duc@mail", "31/02/1991", "nam", "Đà Nẵng"),
    ("KH0104", "Phạm Thu Hà", "", "", None, "", "Cần Thơ"),
    ("KH0105", "Võ Quốc Huy", 281234567, "huy@vo.vn", datetime.date(1970, 12, 31), "Khác", "Hải Phòng"),
    ("KH0106", "Đặng Ngọc Ân", "0912 345 679", "an@dang.vn", "29/02/2000", "Nữ", "Huế"),
    ("KH0107", "Bùi Thị Hồng Nhung", "0978.123.456", "nhung.bui@yahoo.com.vn", datetime.date(1995, 4, 3), "Nữ", "Khánh Hoà"),
    ("KH0108", "Hoàng Văn Long", "02838123456", "long.hoang@congty.vn", "12.12.1980", "Ông", "TP. Hồ Chí Minh"),
    ("KH0109", "Đỗ Mai Anh", "0345 678 901", "", datetime.date(2001, 8, 7), "Bà", "Vũng Tàu"),
    ("KH0110", "Ngô Thị Thu Trang", "0389 111 222", "trang.ngo@gmail.com", "1993-06-21", "nữ", "Bắc Ninh"),
    ("KH0111", "Trịnh Công Sơn", "1900 1234", "son@trinh.vn", datetime.date(1988, 2, 28), "Nam", "Huế"),
    ("KH0112", "Lý Thị Mỹ Duyên", "0707 123 456", "duyen.ly@outlook.com", "14/2/1999", "Nữ", "Cần Thơ"),
]
for i, r in enumerate(rows, start=1):
    ws.append([i, *r])
    cell = ws.cell(row=ws.max_row, column=6)
    if isinstance(cell.value, datetime.date):
        cell.number_format = "dd/mm/yyyy"
ws.append([])
ws.append(["", "", "Tổng cộng: 12 khách hàng"])
for col, width in zip("ABCDEFGH", [6, 10, 24, 18, 26, 12, 10, 18]):
    ws.column_dimensions[col].width = width
wb.active = 1
wb.save("khach-hang-thang-12.xlsx")
print("wrote khach-hang-thang-12.xlsx")
