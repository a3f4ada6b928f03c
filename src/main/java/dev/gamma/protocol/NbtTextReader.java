package dev.gamma.protocol;

import java.nio.ByteBuffer;

/**
 * Walks an NBT text component, appending its text and skipping every other tag, with a nesting cap. Every read
 * checks what is left first, so truncated input costs one quiet {@link ProtocolException}.
 */
final class NbtTextReader {
    private static final int MAX_DEPTH = 64;
    private static final int MAX_TEXT = 262_144;
    /** The compound entries that hold text; every other entry is skipped without being decoded. */
    private static final String[] TEXT_NAMES = {"text", "extra", "translate"};

    private final ByteBuffer in;
    private final StringBuilder text;

    NbtTextReader(ByteBuffer in, StringBuilder text) {
        this.in = in;
        this.text = text;
    }

    void readRoot() {
        component(tagType(), 0);
    }

    /** A component: a string, a compound with text/extra/translate, or a list of components. */
    private void component(int type, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ProtocolException("NBT nested deeper than " + MAX_DEPTH);
        }
        switch (type) {
            case NbtText.TAG_STRING -> append(NbtText.readString(in));
            case NbtText.TAG_COMPOUND -> compound(depth);
            case NbtText.TAG_LIST -> list(depth);
            default -> skip(type, depth);
        }
    }

    private void compound(int depth) {
        while (true) {
            int type = tagType();
            if (type == NbtText.TAG_END) {
                return;
            }
            if (textualName()) {
                component(type, depth + 1);
            } else {
                skip(type, depth + 1);
            }
        }
    }

    private void list(int depth) {
        int elementType = tagType();
        int count = int32();
        if (count < 0 || count > in.remaining()) {
            throw new ProtocolException("NBT list of " + count + " elements does not fit");
        }
        requireBytesPerElement(elementType, count);
        for (int i = 0; i < count; i++) {
            component(elementType, depth + 1);
        }
    }

    private void skip(int type, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ProtocolException("NBT nested deeper than " + MAX_DEPTH);
        }
        switch (type) {
            case 1 -> advance(1);
            case 2 -> advance(2);
            case 3, 5 -> advance(4);
            case 4, 6 -> advance(8);
            case 7 -> advance(count(1));
            case NbtText.TAG_STRING -> NbtText.skipString(in);
            case NbtText.TAG_LIST -> {
                int elementType = tagType();
                int count = count(1);
                requireBytesPerElement(elementType, count);
                for (int i = 0; i < count; i++) {
                    skip(elementType, depth + 1);
                }
            }
            case NbtText.TAG_COMPOUND -> {
                for (int t = tagType(); t != NbtText.TAG_END; t = tagType()) {
                    NbtText.skipString(in);
                    skip(t, depth + 1);
                }
            }
            case 11 -> advance(count(4) * 4L);
            case 12 -> advance(count(8) * 8L);
            case NbtText.TAG_END -> { }
            default -> throw new ProtocolException("unknown NBT tag " + type);
        }
    }

    /** Reads an entry's name and tells whether it holds text, comparing bytes rather than making a String. */
    private boolean textualName() {
        int length = NbtText.stringLength(in);
        int start = in.position();
        in.position(start + length);
        for (String name : TEXT_NAMES) {
            if (named(start, length, name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the {@code length} bytes at {@code start} are the ASCII {@code name}. */
    private boolean named(int start, int length, String name) {
        if (length != name.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (in.get(start + i) != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A list of TAG_End holds nothing (vanilla refuses any other): its elements would take no bytes, so nested such
     * lists would cost work that the count checks against the remaining bytes do not bound.
     */
    private static void requireBytesPerElement(int elementType, int count) {
        if (elementType == NbtText.TAG_END && count > 0) {
            throw new ProtocolException("NBT list of " + count + " TAG_End elements");
        }
    }

    /** An element count that the remaining bytes could hold at {@code minSize} bytes each. */
    private int count(int minSize) {
        int count = int32();
        if (count < 0 || (long) count * minSize > in.remaining()) {
            throw new ProtocolException("NBT array of " + count + " elements does not fit");
        }
        return count;
    }

    private int tagType() {
        if (!in.hasRemaining()) {
            throw new ProtocolException("NBT truncated");
        }
        return in.get() & 0xFF;
    }

    private int int32() {
        if (in.remaining() < Integer.BYTES) {
            throw new ProtocolException("NBT truncated");
        }
        return in.getInt();
    }

    private void advance(long bytes) {
        if (bytes > in.remaining()) {
            throw new ProtocolException("NBT truncated");
        }
        in.position(in.position() + (int) bytes);
    }

    private void append(String part) {
        if (text.length() + part.length() > MAX_TEXT) {
            throw new ProtocolException("NBT text longer than " + MAX_TEXT + " characters");
        }
        text.append(part);
    }
}
