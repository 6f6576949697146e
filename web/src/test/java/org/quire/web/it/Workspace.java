package org.quire.web.it;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.quire.web.it.Api.created;

/**
 * What most ITs set up before each test: the administrator's client, a run id that keeps this test's names apart
 * from every other's on the shared server, and a folder of its own under the root ({@code <prefix>-<run>}) that only
 * the users it grants a role may see (inheritance off).
 */
final class Workspace {

    final Api admin;
    final String run;
    final String folder;
    private final Map<String, Api> users = new HashMap<>();

    private Workspace(Api admin, String run, String folder) {
        this.admin = admin;
        this.run = run;
        this.folder = folder;
    }

    static Workspace create(URI quire, String prefix) {
        Api admin = new Api(quire, "admin", RestApiIT.ADMIN_PASSWORD);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String root = admin.get("api/v1/folders/root").json().getString("id");
        return new Workspace(admin, run, created(admin.postJson("api/v1/folders", "{\"parentId\":\"" + root + "\",\"name\":\"" + prefix + "-" + run + "\"}")));
    }

    /**
     * Creates the users {@code <name>-<run>} with {@code password} and makes the folder's ACL exactly their roles:
     * {@code grant(password, "ed", "editor", "vw", "viewer")}.
     */
    Workspace grant(String password, String... namesAndRoles) {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < namesAndRoles.length; i += 2) {
            String login = namesAndRoles[i] + "-" + run;
            users.put(namesAndRoles[i], admin.newUser(login, password));
            entries.add("{\"principal\":\"user:" + login + "\",\"role\":\"" + namesAndRoles[i + 1] + "\",\"effect\":\"allow\"}");
        }
        admin.putAcl("folders/" + folder, "{\"inherit\":false,\"entries\":[" + String.join(",", entries) + "]}");
        return this;
    }

    /** The client of a user {@link #grant} created, by the name given there. */
    Api user(String name) {
        return users.get(name);
    }
}
