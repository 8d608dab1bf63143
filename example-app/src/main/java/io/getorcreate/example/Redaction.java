package io.getorcreate.example;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides passwords in anything the app prints: JDBC URLs given with {@code --db} (or by mistake as the CSV),
 * and the messages of drivers and pools that may quote them.
 *
 * <p>Three forms are recognised: a setting whose name contains {@code password}, {@code passwd} or
 * {@code pwd} ({@code ?password=}, {@code &sslpassword=}, H2's {@code ;PASSWORD=}, MySQL's
 * {@code (host=...,password=...)}), and the password of a URL's user information
 * ({@code //user:password@host}). The values found there, and the {@code --password} option, are also
 * hidden wherever they occur verbatim, if at least {@value #MIN_VERBATIM} characters long (a shorter one
 * would blank out ordinary words).
 */
final class Redaction {
    static final String MASK = "***";
    static final int MIN_VERBATIM = 4;

    /** {@code name=value}, the name containing password, passwd or pwd; the value ends at & ; ) quote or space. */
    private static final Pattern SETTING = Pattern.compile(
            "(?i)((?:^|[?&;,(\\s])[\\w.-]*(?:password|passwd|pwd)\\w*\\s*=)([^&;)\\s'\"]*)");
    /**
     * {@code //user:password@}: the user information ends at the authority's last @. One slash is enough,
     * for a URL given as the CSV path, which the path's normalisation shortens to {@code jdbc:x:/user:...}.
     */
    private static final Pattern USER_INFO = Pattern.compile("(/[^/?#@\\s:]*:)([^/?#\\s]*)@");

    /** Longest first, so that a secret inside another one cannot leave a piece of the longer one. */
    private final Set<String> verbatim =
            new TreeSet<>(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));

    /** Hides the passwords found in each of {@code texts} (the URL, the CSV argument) and {@code password}. */
    Redaction(String password, String... texts) {
        addVerbatim(password);
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            for (Pattern pattern : new Pattern[] {SETTING, USER_INFO}) {
                Matcher m = pattern.matcher(text);
                while (m.find()) {
                    addVerbatim(m.group(2));
                }
            }
        }
    }

    /** For a command line not parsed yet: the passwords of the URLs in {@code args}, and of --password. */
    static Redaction ofArgs(String[] args) {
        String password = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--password") && i + 1 < args.length) {
                password = args[i + 1];
            } else if (args[i].startsWith("--password=")) {
                password = args[i].substring("--password=".length());
            }
        }
        return new Redaction(password, args);
    }

    private void addVerbatim(String secret) {
        if (secret == null || secret.length() < MIN_VERBATIM) {
            return;
        }
        verbatim.add(secret);
        try {
            verbatim.add(URLDecoder.decode(secret, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notEncoded) {
            // a % that starts no escape: the value is only ever seen as given
        }
    }

    /** {@code text} with every password replaced by {@value #MASK}; null stays null. */
    String apply(String text) {
        if (text == null) {
            return null;
        }
        String hidden = redactUrls(text);
        for (String secret : verbatim) {
            hidden = hidden.replace(secret, MASK);
        }
        return hidden;
    }

    /** {@code text} with the passwords of every JDBC URL setting and user information in it replaced. */
    static String redactUrls(String text) {
        String hidden = SETTING.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1) + (m.group(2).isEmpty() ? "" : MASK)));
        return USER_INFO.matcher(hidden).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
    }
}
