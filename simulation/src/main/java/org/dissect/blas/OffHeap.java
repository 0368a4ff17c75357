package org.dissect.blas;

import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.DoublePointer;

/**
 * An off-heap array of doubles for OpenBLAS, grown on demand and kept across calls: {@link #pointer()} for the
 * BLAS calls, {@link #buffer} (a direct buffer over the same memory) for bulk copies from and to Java arrays.
 * Not thread-safe; {@link #close()} frees the memory.
 */
public final class OffHeap implements AutoCloseable {
    private DoublePointer pointer;
    private DoubleBuffer buffer;

    /**
     * @param length the doubles needed
     * @return a direct buffer over at least that many doubles (contents undefined after growing)
     */
    public DoubleBuffer buffer(int length) {
        if (pointer == null || pointer.capacity() < length) {
            close();
            pointer = new DoublePointer(Math.max(1, length));
            buffer = pointer.asBuffer();
        }
        return buffer;
    }

    /** @return the memory, at position 0, for a BLAS call (after {@link #buffer}) */
    public DoublePointer pointer() {
        return pointer;
    }

    @Override
    public void close() {
        if (pointer != null) {
            pointer.close();
            pointer = null;
            buffer = null;
        }
    }
}
