package dev.gamma.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/**
 * The text typed on the prompt line: characters add, Backspace removes, nothing grows past a bound. A pasted
 * control character is dropped: Lanterna cannot draw it.
 */
final class PromptInput {
    private static final int MAX_LENGTH = 256;

    private String text = "";

    void reset(String initial) {
        text = initial;
    }

    void edit(KeyStroke key) {
        if (key.getKeyType() == KeyType.Backspace && !text.isEmpty()) {
            text = text.substring(0, text.offsetByCodePoints(text.length(), -1));
        } else if (key.getKeyType() == KeyType.Character && text.length() < MAX_LENGTH
                && !Character.isISOControl(key.getCharacter())) {
            text += key.getCharacter();
        }
    }

    String text() {
        return text;
    }
}
