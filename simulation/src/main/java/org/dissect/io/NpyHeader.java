package org.dissect.io;

import java.util.List;

/**
 * The header of a NumPy {@code .npy} file (format versions 1.0, 2.0 and 3.0; see
 * {@code numpy/lib/format.py}, "NPY format"): the array's type, memory order and shape.
 *
 * @param majorVersion format major version, 1, 2 or 3
 * @param minorVersion format minor version, 0
 * @param descr the dtype string of the header, e.g. {@code "<f8"}
 * @param fortranOrder the header's {@code fortran_order}; always false from {@link NpyReader}, which
 *     rejects column-major files
 * @param shape the array's shape, each extent non-negative; empty for a 0-d array
 * @param dataOffset the byte offset of the data: 10 or 12 (magic, version, header length) plus the header length
 */
public record NpyHeader(int majorVersion, int minorVersion, String descr, boolean fortranOrder, List<Integer> shape,
                        long dataOffset) {

    /**
     * Creates a header, keeping an immutable copy of the shape.
     *
     * @param majorVersion format major version
     * @param minorVersion format minor version
     * @param descr dtype string
     * @param fortranOrder {@code fortran_order}
     * @param shape extents (copied)
     * @param dataOffset byte offset of the data
     */
    public NpyHeader {
        shape = List.copyOf(shape);
    }

    /** @return the number of elements, the product of the shape's extents (1 for a 0-d array) */
    public long elementCount() {
        long n = 1;
        for (int e : shape) {
            n *= e;
        }
        return n;
    }

    /** @return the shape as Python writes it, e.g. {@code (3, 4)} or {@code (5,)} */
    public String shapeString() {
        if (shape.size() == 1) {
            return "(" + shape.get(0) + ",)";
        }
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(shape.get(i));
        }
        return b.append(')').toString();
    }
}
