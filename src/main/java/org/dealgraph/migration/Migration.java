package org.dealgraph.migration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/** One versioned schema script, {@code V0001__what_it_does.cypher}. */
record Migration(int version, String description, String script) {

    private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.cypher");

    static Migration parse(String fileName, String script) {
        var matcher = NAME.matcher(fileName);
        if (!matcher.matches()) {
            throw new IllegalStateException("Migration file " + fileName
                    + " is not named V<version>__<description>.cypher");
        }
        return new Migration(Integer.parseInt(matcher.group(1)), matcher.group(2).replace('_', ' '), script);
    }

    /** SHA-256 of the script with line endings and trailing blanks normalised, so a checkout on Windows agrees. */
    String checksum() {
        var normalised = script.replace("\r\n", "\n").strip();
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The statements of the script: separated by semicolons at the end of a line, {@code //} comment lines dropped. */
    List<String> statements() {
        var withoutComments = script.replace("\r\n", "\n").lines()
                .filter(line -> !line.strip().startsWith("//"))
                .reduce("", (a, b) -> a + b + "\n");
        return Arrays.stream(withoutComments.split(";\\s*\n|;\\s*$"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
