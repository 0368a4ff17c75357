package org.dissect.blas;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * An off-heap array for OpenBLAS, of doubles or of floats, grown on demand and kept across calls:
 * {@link #pointer()} / {@link #floatPointer()} for the BLAS calls, {@link #buffer} / {@link #floats} (direct buffers
 * over the same memory) for bulk copies from and to Java arrays. Not thread-safe; {@link #close()} frees the memory.
 */
public final class OffHeap implements AutoCloseable {
    private DoublePointer pointer;
    private DoubleBuffer buffer;
    private FloatPointer floatPointer;
    private FloatBuffer floatBuffer;

    /**
     * @param length the doubles needed
     * @return a direct buffer over at least that many doubles (contents undefined after growing)
     */
    public DoubleBuffer buffer(int length) {
        if (pointer == null || pointer.capacity() < length) {
            if (pointer != null) {
                pointer.close();
            }
            pointer = new DoublePointer(Math.max(1, length));
            buffer = pointer.asBuffer();
        }
        return buffer;
    }

    /** @return the doubles, at position 0, for a BLAS call (after {@link #buffer}) */
    public DoublePointer pointer() {
        return pointer;
    }

    /**
     * @param length the floats needed
     * @return a direct buffer over at least that many floats (contents undefined after growing)
     */
    public FloatBuffer floats(int length) {
        if (floatPointer == null || floatPointer.capacity() < length) {
            if (floatPointer != null) {
                floatPointer.close();
            }
            floatPointer = new FloatPointer(Math.max(1, length));
            floatBuffer = floatPointer.asBuffer();
        }
        return floatBuffer;
    }

    /** @return the floats, at position 0, for a BLAS call (after {@link #floats}) */
    public FloatPointer floatPointer() {
        return floatPointer;
    }

    @Override
    public void close() {
        if (pointer != null) {
            pointer.close();
            pointer = null;
            buffer = null;
        }
        if (floatPointer != null) {
            floatPointer.close();
            floatPointer = null;
            floatBuffer = null;
        }
    }
}
