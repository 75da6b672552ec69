# Epson PLQ-20 / PLQ-20K passbook printer in its ESC/P2 mode.
#
# How to write a profile for another printer: docs/printers.md.
# Lengths are millimetres (up to two decimals) from the document's left
# and top edges as it lies in the printer. Control sequences are written
# as names (ESC FS GS FF CR LF ...), numbers (27, 0x1b) and characters in
# quotes ("@").

name        = Epson PLQ-20 (ESC/P2)
match       = PLQ-20                # found in the CUPS queue's make and model
commands    = escp2
# The E13B code line is sent as an ESC/P2 raster (ESC .), whose vertical
# density is a parameter: 180 dpi in bands of 24 rows, or 360 dpi in bands
# of 1 row (the paper still moves forward only). Read back by an
# independent E13B reader (tests/print/ocr.sh, docs/e13b.md), 360x180 reads
# best: no character wrong in 780, against one digit wrong at 360x360
# (the glyphs were drawn and checked for both); so it stays at 360x180.
resolution  = 360x180               # raster dots per inch, across x down
band        = 24                    # raster rows per pass of the 24-pin head

# Text uses the printer's resident Chinese font: GB18030 bytes between
# FS & (Chinese mode on) and FS . (off).
encoding    = GB18030
chinese_on  = FS "&"
chinese_off = FS "."
char_width  = 2.54                  # 10 characters per inch
line_height = 4.23                  # 6 lines per inch

# Paper handling. The PLQ-20 pulls a document in when it is inserted and
# the job's data arrives, so nothing is needed to wait for it; FF ejects.
init        = ESC "@"
insert      =
eject       = FF

# A same-city cheque as inserted, face up, code line edge first.
[cheque]
width       = 230
height      = 80
# The supplementary code line: one line above the pre-printed one,
# inside the clear band along the bottom edge.
codeline    = 12 66

# A bag label (150 x 100 mm stock).
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
