name = Broken
commands = escp2
resolution = 360x180
init = ESC "@" 0x1b 27 300
[cheque]
width = 175
height = 80.5
codeline = 10 70.25
text = 10 8 "{nope}"
[label]
