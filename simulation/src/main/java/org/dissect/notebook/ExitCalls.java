package org.dissect.notebook;

import java.nio.ByteBuffer;
import java.util.Set;

/**
 * Finds calls that would end the JVM ({@code System.exit}, {@code Runtime.exit}, {@code Runtime.halt}) in
 * a compiled class, so that the in-process runner can refuse a snippet before it runs.
 *
 * <p>Snippets run in the runner's own JVM; on Java 17 the only way to intercept an exit at run time is a
 * {@code SecurityManager}, which the JDK deprecates with a warning printed on the process's stderr that
 * no caller can silence. Instead, every method reference in the class's constant pool is checked: a direct
 * call, a method reference ({@code Runtime.getRuntime()::halt}) and a lambda's body (a class of its own, or a
 * method of this one) all name the method there. A call made through reflection or a method handle looked up
 * by name is not seen; nothing short of a separate JVM catches those.
 *
 * <p>The constant pool is read as the JVM specification (§4.4) lays it out; this is the one piece of class
 * file parsing the toolkit needs, too small to justify a bytecode library.
 */
final class ExitCalls {
    private static final Set<String> ENDING = Set.of("java/lang/System.exit", "java/lang/Runtime.exit", "java/lang/Runtime.halt");

    private ExitCalls() {
    }

    /**
     * @param classFile the bytes of one class file
     * @return the first exit call referenced, as {@code System.exit}, or null if there is none
     * @throws IllegalArgumentException if the bytes are not a class file
     */
    static String find(byte[] classFile) {
        ByteBuffer in = ByteBuffer.wrap(classFile);
        if (classFile.length < 10 || in.getInt() != 0xCAFEBABE) {
            throw new IllegalArgumentException("not a class file");
        }
        in.getShort();
        in.getShort();
        int count = Short.toUnsignedInt(in.getShort());
        String[] utf8 = new String[count];
        int[] classNames = new int[count];
        int[][] methods = new int[count][];
        int[] natNames = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = Byte.toUnsignedInt(in.get());
            switch (tag) {
                case 1 -> {
                    byte[] b = new byte[Short.toUnsignedInt(in.getShort())];
                    in.get(b);
                    utf8[i] = modifiedUtf8(b);
                }
                case 7 -> classNames[i] = Short.toUnsignedInt(in.getShort());
                case 10, 11 -> methods[i] = new int[] {Short.toUnsignedInt(in.getShort()), Short.toUnsignedInt(in.getShort())};
                case 12 -> {
                    natNames[i] = Short.toUnsignedInt(in.getShort());
                    in.getShort();
                }
                case 3, 4, 9, 17, 18 -> in.getInt();
                case 5, 6 -> {
                    in.getLong();
                    i++;
                }
                case 8, 16, 19, 20 -> in.getShort();
                case 15 -> {
                    in.get();
                    in.getShort();
                }
                default -> throw new IllegalArgumentException("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        for (int[] m : methods) {
            if (m != null) {
                String owner = utf8[classNames[m[0]]];
                String name = utf8[natNames[m[1]]];
                if (ENDING.contains(owner + "." + name)) {
                    return owner.substring("java/lang/".length()) + "." + name;
                }
            }
        }
        return null;
    }

    /** Class-file names are modified UTF-8; the names compared here are ASCII, for which both agree. */
    private static String modifiedUtf8(byte[] b) {
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
