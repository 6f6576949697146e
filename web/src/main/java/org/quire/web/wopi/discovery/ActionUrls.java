package org.quire.web.wopi.discovery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a discovery {@code urlsrc} into an action URL (WOPI.md §2.7): each optional {@code <name=PLACEHOLDER&>}
 * is replaced by {@code name=value&} when Quire has a value for the placeholder, and dropped otherwise;
 * {@code WOPI_SOURCE} is always filled with the URL-encoded WOPISrc (appended when the urlsrc has no placeholder for it).
 */
public final class ActionUrls {

    private static final Pattern OPTIONAL = Pattern.compile("<([^=<>]+)=([A-Z_]+)(&?)>");

    private ActionUrls() {
    }

    public static String resolve(String urlsrc, String wopiSrc, Map<String, String> values) {
        Matcher m = OPTIONAL.matcher(urlsrc);
        StringBuilder out = new StringBuilder();
        boolean sourceWritten = false;
        while (m.find()) {
            String name = m.group(1);
            String placeholder = m.group(2);
            String value = "WOPI_SOURCE".equals(placeholder) ? wopiSrc : values.get(placeholder);
            String replacement = "";
            if (value != null) {
                replacement = name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8) + m.group(3);
                sourceWritten |= "WOPI_SOURCE".equals(placeholder);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        String url = out.toString();
        if (!sourceWritten) {
            url += (url.contains("?") ? (url.endsWith("?") || url.endsWith("&") ? "" : "&") : "?")
                    + "WOPISrc=" + URLEncoder.encode(wopiSrc, StandardCharsets.UTF_8);
        }
        // a urlsrc ends in "&" after its last optional parameter; drop what no parameter follows
        while (url.endsWith("&")) {
            url = url.substring(0, url.length() - 1);
        }
        return url;
    }
}
