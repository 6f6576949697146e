package org.quire.web.onlyoffice;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields of a Document Server callback Quire uses (ONLYOFFICE-API.md §2.1), taken from the verified token's
 * claims when JWT is on, never from the unsigned body.
 */
record Callback(String key, int status, String url, List<String> users, List<Action> actions, String lastsave,
                boolean notModified, Integer forceSaveType, String fileType, String changesUrl, Map<?, ?> history) {

    static final int EDITING = 1, READY_FOR_SAVING = 2, SAVE_ERROR = 3, CLOSED = 4, FORCE_SAVED = 6, FORCE_SAVE_ERROR = 7;

    record Action(int type, String userId) {
        static final int DISCONNECTED = 0, CONNECTED = 1, FORCE_SAVE = 2;
    }

    static Callback of(Map<?, ?> values) {
        Object status = values.get("status");
        if (!(status instanceof Number n)) {
            throw new IllegalArgumentException("status is missing");
        }
        List<String> users = new ArrayList<>();
        if (values.get("users") instanceof List<?> list) {
            list.forEach(u -> users.add(String.valueOf(u)));
        }
        List<Action> actions = new ArrayList<>();
        if (values.get("actions") instanceof List<?> list) {
            for (Object a : list) {
                if (a instanceof Map<?, ?> m && m.get("type") instanceof Number t) {
                    actions.add(new Action(t.intValue(), m.get("userid") == null ? null : String.valueOf(m.get("userid"))));
                }
            }
        }
        return new Callback(string(values.get("key")), n.intValue(), string(values.get("url")), List.copyOf(users), List.copyOf(actions),
                string(values.get("lastsave")), Boolean.TRUE.equals(values.get("notmodified")),
                values.get("forcesavetype") instanceof Number f ? f.intValue() : null, string(values.get("filetype")),
                string(values.get("changesurl")), values.get("history") instanceof Map<?, ?> h && !h.isEmpty() ? h : null);
    }

    /** Who made the changes being saved: the Save button's user for a button force-save, else {@code users[0]}. */
    String author(String fallback) {
        if (status == FORCE_SAVED && Integer.valueOf(1).equals(forceSaveType)) {
            for (Action a : actions) {
                if (a.type() == Action.FORCE_SAVE && a.userId() != null) {
                    return a.userId();
                }
            }
        }
        return users.isEmpty() ? fallback : users.get(0);
    }

    private static String string(Object o) {
        return o == null ? null : String.valueOf(o);
    }
}
