// Flags for TEXT and GLOBL, with the values Go 1.19's linker gives them.
// goasm ships this header so its examples assemble without a Go installation
// (pass -I include); with Go installed, $GOROOT/pkg/include works the same.

#define NOPROF	1
// The linker may keep any one of several definitions of the symbol.
#define DUPOK	2
// No stack-split check in the prologue.
#define NOSPLIT	4
// Data symbol: read-only.
#define RODATA	8
// Data symbol: holds no pointers.
#define NOPTR	16
// A wrapper function: hidden from panics and tracebacks.
#define WRAPPER 32
// The function uses its closure context register (DX).
#define NEEDCTXT 64
// Thread-local storage.
#define TLSBSS	256
// No frame is allocated even when the frame size suggests one (the function must be a leaf).
#define NOFRAME 512
#define REFLECTMETHOD 1024
// Tracebacks stop at this function: it is the outermost frame of a goroutine.
#define TOPFRAME 2048
#define ABIWRAPPER 4096
