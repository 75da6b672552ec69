# Olivetti PR2 / PR2E passbook printer (and printers emulating it).
#
# How to write a profile for another printer: docs/printers.md.
# The PR2 command set positions the document with ESC / (vertical, 1/240
# inch steps from the top edge) and ESC | A (horizontal reference, 1/120
# inch), and prints rasters as 24-pin bit images (ESC ! G 1, ESC 1 ...
# ESC 2). The printer's set-up must use 1/240 inch elementary steps.

name        = Olivetti PR2 (PR2 emulation)
match       = PR2
commands    = pr2
# 24-pin bit images (ESC ! G 1) are 180 dpi each way; the E13B code line
# drawn at 180x180 reads with no character wrong in tests/print/ocr.sh.
resolution  = 180x180
band        = 24

encoding    = GB18030
chinese_on  =                       # the Chinese PR2E takes GB18030 as is
chinese_off =
char_width  = 2.54
line_height = 4.23

init        = ESC "0"               # general reset
insert      = ESC "S5"              # front feeding: wait for the document
eject       = ESC "O"               # eject the document

[cheque]
width       = 210
height      = 80
codeline    = 8 66

[label]
width       = 150
height      = 100
text        = 10 8  "交换行号：{bank}  {bank_name}"
text        = 10 16 "票据种类：{type} {type_name}（{dc_name}）"
text        = 10 24 "张数：{count}    金额：{amount}"
text        = 10 32 "大写：{capitals}"
text        = 10 40 "日期：{date}  第{session}场  袋号：{bag}"
text        = 10 48 "提出行：{branch} {branch_name}  柜员：{teller} {teller_name}"
codeline    = 10 88
