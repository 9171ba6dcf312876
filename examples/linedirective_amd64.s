// #line n "file" renumbers the lines that follow, as generators do to point back at their own
// input. Go's listing then shows the new position and, in brackets, the position it is relative
// to: (gen.go:98[linedirective_amd64.s:11]); after a second directive the bracket names the
// first directive's file with the physical line, (template.tmpl:6[gen.go:14]). Error messages
// name only the new position. Note that the first renumbered line is n-1, as in Go 1.19.

#include "textflag.h"

// func double(x int64) int64
TEXT ·double(SB), NOSPLIT, $0-16
#line 99 "gen.go"
	MOVQ x+0(FP), AX
	ADDQ AX, AX
#line 7 "template.tmpl"
	MOVQ AX, ret+8(FP)
	RET
