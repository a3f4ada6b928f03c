package dev.gamma.peers;

/**
 * Text for the scripts' {@code --key-json} arguments: a JSON string in pure ASCII. Process arguments
 * cannot carry {@code \0} (Forge markers), and a JVM in the C locale would mangle non-ASCII text.
 */
final class JsonArgs {

  private JsonArgs() {
  }

  static String string(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
