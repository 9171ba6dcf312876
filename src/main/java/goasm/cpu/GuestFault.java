package goasm.cpu;

/**
 * A guest access the address space does not allow: the emulated SIGSEGV. Either nothing is
 * mapped at the address (the kernel's SEGV_MAPERR, code 0x1) or the page is mapped without the
 * permission the access needs, as a write into text or rodata (SEGV_ACCERR, code 0x2).
 */
public final class GuestFault extends RuntimeException {
    private final long address;
    private final boolean protection;

    public GuestFault(long address) {
        this(address, false);
    }

    /** @param protection the page is mapped, but not for this kind of access */
    public GuestFault(long address, boolean protection) {
        super(null, null, false, false);
        this.address = address;
        this.protection = protection;
    }

    public long address() {
        return address;
    }

    /** Whether the page is mapped and the access broke its protection (SEGV_ACCERR). */
    public boolean protection() {
        return protection;
    }

    @Override
    public String getMessage() {
        return (protection ? "protection fault at 0x" : "fault at 0x") + Long.toHexString(address);
    }
}
