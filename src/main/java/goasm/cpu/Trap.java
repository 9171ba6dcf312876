package goasm.cpu;

/** Why an instruction trapped into the kernel, which then signals the program. */
public enum Trap {
    /** INT3 or INT $3 (#BP): SIGTRAP, with the pc after the instruction. */
    BREAKPOINT,
    /** UD2 or another undefined opcode (#UD): SIGILL at the instruction. */
    INVALID_OPCODE,
    /** HLT, or INT n with a vector user code may not raise (#GP): SIGSEGV at the instruction, address 0. */
    GENERAL_PROTECTION
}
