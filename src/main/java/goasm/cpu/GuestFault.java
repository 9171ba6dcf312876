package goasm.cpu;

/** A guest access to an address nothing is mapped at: the emulated SIGSEGV. */
public final class GuestFault extends RuntimeException {
    private final long address;

    public GuestFault(long address) {
        super(null, null, false, false);
        this.address = address;
    }

    public long address() {
        return address;
    }

    @Override
    public String getMessage() {
        return "fault at 0x" + Long.toHexString(address);
    }
}
